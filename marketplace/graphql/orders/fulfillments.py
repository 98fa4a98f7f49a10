"""Saleor's ``Fulfillment``: here, each workshop's parcel once it has shipped. Its lines are
the parcel's order lines with the quantity shipped; refunds after shipping show as the
refunded amounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

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
    vendor_order: Any
    number: int  # 1, 2, … in the order of the parcels
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)

    @property
    def status(self) -> str:
        parcel = self.vendor_order
        return "REFUNDED" if parcel.refunded and parcel.refunded >= parcel.total else "FULFILLED"


@dataclass(frozen=True)
class ShippedLine:
    line: Any


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
        return str(root.line.pk)

    @staticmethod
    def resolve_quantity(root: ShippedLine, info: Any) -> int:
        return int(root.line.quantity_fulfilled)

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
        return str(root.vendor_order.pk)

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
        return str(root.vendor_order.tracking_number)

    @staticmethod
    def resolve_created(root: ShippedParcel, info: Any) -> Any:
        return root.vendor_order.fulfilled_at

    @staticmethod
    def resolve_lines(root: ShippedParcel, info: Any) -> list[ShippedLine]:
        return [ShippedLine(line) for line in root.vendor_order.lines.all()]

    @staticmethod
    def resolve_shipping_refunded_amount(root: ShippedParcel, info: Any) -> MoneyValue:
        parcel = root.vendor_order
        amount = parcel.shipping_price if parcel.shipping_refunded else Decimal(0)
        return Money.build(amount, parcel.order.currency)

    @staticmethod
    def resolve_total_refunded_amount(root: ShippedParcel, info: Any) -> MoneyValue:
        parcel = root.vendor_order
        return Money.build(parcel.refunded, parcel.order.currency)


def shipped_parcels(vendor_orders: list[Any]) -> list[ShippedParcel]:
    """The parcels that have shipped, numbered in the order's parcel order."""
    return [
        ShippedParcel(vendor_order=parcel, number=index)
        for index, parcel in enumerate(vendor_orders, start=1)
        if parcel.fulfilled_at is not None
    ]
