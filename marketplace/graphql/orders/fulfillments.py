"""Saleor's ``Fulfillment``: here, each departure of (part of) a workshop's parcel (a
``ParcelShipment``: a parcel shipped whole has one, a partial shipment one per send). Its
lines are the pieces that left with it; a parcel's refunds after shipping show as the
refunded amounts of its first send, so that the sums over an order's fulfillments are right."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.core.input_checks import plain_int
from marketplace.graphql.core.types import Money, MoneyValue, ObjectWithMetadata

FulfillmentStatus = graphene.Enum(
    "FulfillmentStatus",
    [
        (s, s)
        for s in (
            "FULFILLED",
            "REFUNDED",
            "RETURNED",
            "REPLACED",
            "REFUNDED_AND_RETURNED",
            "CANCELED",
            "WAITING_FOR_APPROVAL",
        )
    ],
)
STATUS_DISPLAY = {"FULFILLED": _("Shipped"), "REFUNDED": _("Fully refunded")}


@dataclass(frozen=True)
class ShippedParcel:
    shipment: Any  # orders.models.ParcelShipment
    vendor_order: Any
    number: int  # 1, 2, … over the order's sends, oldest first
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        parcel = self.vendor_order
        return "REFUNDED" if parcel.refunded and parcel.refunded >= parcel.total else "FULFILLED"

    @property
    def carries_refunds(self) -> bool:
        return int(self.shipment.number) == 1


@dataclass(frozen=True)
class ShippedLine:
    shipment_id: int
    line: Any
    quantity: int


def fulfillment_line_id(shipment_id: int, line_id: Any) -> str:
    """A fulfilment line is one order line in one send: both ids make its id."""
    return f"{shipment_id}:{line_id}"


def parse_fulfillment_line_id(value: str) -> tuple[int, str] | None:
    shipment, _, line = value.partition(":")
    number = plain_int(shipment)
    return (number, line) if number is not None and line else None


class FulfillmentLine(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field("marketplace.graphql.orders.types.OrderLine")
    reason = graphene.String(description="Always null: returns are not handled here.")
    reason_reference = graphene.Field(
        "marketplace.graphql.content.types.Page",
        description="Always null: returns are not handled here.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: ShippedLine, info: Any) -> str:
        return fulfillment_line_id(root.shipment_id, root.line.pk)

    @staticmethod
    def resolve_quantity(root: ShippedLine, info: Any) -> int:
        return root.quantity

    @staticmethod
    def resolve_order_line(root: ShippedLine, info: Any) -> Any:
        return root.line

    @staticmethod
    def resolve_reason(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_reason_reference(root: Any, info: Any) -> None:
        return None


class Fulfillment(graphene.ObjectType):
    fulfillment_order = graphene.Int(required=True)
    status = graphene.Field(FulfillmentStatus, required=True)
    tracking_number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(FulfillmentLine))
    status_display = graphene.String()
    warehouse = graphene.Field(
        "marketplace.graphql.orders.allocations.Warehouse",
        description="Where the pieces left from: shown to staff and the workshop's people; "
        "null to the buyer, as allocations are (an artisan's workshop address is private).",
    )
    shipping_refunded_amount = graphene.Field(Money)
    total_refunded_amount = graphene.Field(Money)
    reason = graphene.String(description="Always null: returns are not handled here.")
    reason_reference = graphene.Field(
        "marketplace.graphql.content.types.Page",
        description="Always null: returns are not handled here.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: ShippedParcel, info: Any) -> str:
        return str(root.shipment.pk)

    resolve_reason = FulfillmentLine.resolve_reason
    resolve_reason_reference = FulfillmentLine.resolve_reason_reference

    @staticmethod
    def resolve_fulfillment_order(root: ShippedParcel, info: Any) -> int:
        return root.number

    @staticmethod
    def resolve_status(root: ShippedParcel, info: Any) -> str:
        return root.status

    @staticmethod
    def resolve_status_display(root: ShippedParcel, info: Any) -> str:
        return str(STATUS_DISPLAY[root.status])

    @staticmethod
    def resolve_tracking_number(root: ShippedParcel, info: Any) -> str:
        return str(root.shipment.tracking_number)

    @staticmethod
    def resolve_created(root: ShippedParcel, info: Any) -> Any:
        return root.shipment.created_at

    @staticmethod
    def resolve_lines(root: ShippedParcel, info: Any) -> list[ShippedLine]:
        sent = root.shipment.lines
        return [
            ShippedLine(root.shipment.pk, line, int(sent[str(line.pk)]))
            for line in root.vendor_order.lines.all()
            if str(line.pk) in sent
        ]

    @staticmethod
    def resolve_warehouse(root: ShippedParcel, info: Any) -> Any:
        from .allocations import warehouse_of_parcel

        return warehouse_of_parcel(info, root.vendor_order)

    @staticmethod
    def resolve_shipping_refunded_amount(root: ShippedParcel, info: Any) -> MoneyValue:
        parcel = root.vendor_order
        refunded = parcel.shipping_refunded and root.carries_refunds
        return Money.build(parcel.shipping_price if refunded else Decimal(0), parcel.order.currency)

    @staticmethod
    def resolve_total_refunded_amount(root: ShippedParcel, info: Any) -> MoneyValue:
        parcel = root.vendor_order
        amount = parcel.refunded if root.carries_refunds else Decimal(0)
        return Money.build(amount, parcel.order.currency)


def shipped_parcels(vendor_orders: list[Any]) -> list[ShippedParcel]:
    """Every send of the given parcels, numbered over the order, oldest first."""
    sends = sorted(
        ((shipment, parcel) for parcel in vendor_orders for shipment in parcel.shipments.all()),
        key=lambda pair: (pair[0].created_at, pair[0].pk),
    )
    return [
        ShippedParcel(shipment=shipment, vendor_order=parcel, number=index)
        for index, (shipment, parcel) in enumerate(sends, start=1)
    ]
