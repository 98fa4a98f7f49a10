"""checkoutComplete, orderCancel, orderFulfill (refunds: refunds.py)."""

from __future__ import annotations

import uuid
from typing import Any

import graphene

from marketplace.core.errors import DomainError
from marketplace.orders.complete import checkout_complete
from marketplace.orders.selectors import order_visible
from marketplace.orders.services import (
    order_cancel,
    order_lines_for_workshop,
    vendor_order_fulfil,
)
from marketplace.orders.shipment import LineShipment

from ..checkout.mutations import (
    CHECKOUT_ERROR_CODES,
    CheckoutError,
    CheckoutIdArguments,
    _checkout_ref,
    _uuid,
)
from ..core.mutations import decode, error_type, run
from .order import Order
from .types import set_view

COMPLETE_CODES = CHECKOUT_ERROR_CODES
ORDER_ERROR_CODES = [
    "CANNOT_CANCEL_ORDER",
    "CANNOT_REFUND",
    "CANNOT_FULFILL_UNPAID_ORDER",
    "FULFILL_ORDER_LINE",
    "GRAPHQL_ERROR",
    "INVALID",
    "NOT_FOUND",
    "PAYMENT_ERROR",
    "REQUIRED",
    "INVALID_QUANTITY",
    "INSUFFICIENT_STOCK",
]
OrderErrorCode, OrderError = error_type(
    "Order",
    ORDER_ERROR_CODES,
    order_lines=graphene.List(graphene.NonNull(graphene.ID)),
    # Saleor's other pointers of an order error; the errors here name the field instead
    warehouse=graphene.ID(),
    variants=graphene.List(graphene.NonNull(graphene.ID)),
    address_type=graphene.Field("marketplace.graphql.accounts.types.AddressTypeEnum"),
)


class CheckoutComplete(graphene.Mutation):
    class Arguments(CheckoutIdArguments):
        redirect_url = graphene.String()
        payment_data = graphene.JSONString()
        metadata = graphene.List(
            graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput")
        )

    order = graphene.Field(Order)
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString()
    errors = graphene.List(graphene.NonNull(CheckoutError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        redirect_url: str | None = None,
        payment_data: Any = None,
        metadata: list[dict[str, str]] | None = None,
        **checkout: Any,
    ) -> Any:
        def work() -> Any:
            order = checkout_complete(
                token=_checkout_ref(**checkout),  # checkout_complete checks the caller
                user=info.context.user,
                redirect_url=redirect_url or "",
                metadata=[(item["key"], item["value"]) for item in metadata or []],
            )
            return set_view(info, order, None)

        payload = run(cls, "order", work, codes=COMPLETE_CODES)
        payload.confirmation_needed = False
        return payload


class OrderMutation(graphene.Mutation):
    class Meta:
        abstract = True

    order = graphene.Field(Order)
    errors = graphene.List(graphene.NonNull(OrderError), required=True)


def _order_id(value: str, field: str = "id") -> uuid.UUID:
    return _uuid(value, "Order", field)


class OrderCancel(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        def work() -> Any:
            order = order_cancel(actor=info.context.user, order_id=_order_id(id))
            return set_view(info, order, None)

        return run(cls, "order", work, codes=ORDER_ERROR_CODES)


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    warehouse = graphene.ID(required=True)


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID()
    stocks = graphene.List(graphene.NonNull(OrderFulfillStockInput), required=True)


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(graphene.NonNull(OrderFulfillLineInput), required=True)
    notify_customer = graphene.Boolean()
    allow_stock_to_be_exceeded = graphene.Boolean(default_value=False)
    tracking_number = graphene.String()


def _warehouse_pk(global_id: str) -> int | None:
    """The warehouse's pk, or None for an id naming no warehouse (answered as NOT_FOUND)."""
    try:
        return decode(global_id, "Warehouse", field="warehouse")
    except DomainError:
        return None


def _shipments(lines: list[dict[str, Any]]) -> list[LineShipment]:
    return [
        LineShipment(
            line_id=_uuid(line.get("order_line_id"), "OrderLine", "orderLineId"),
            warehouse_id=_warehouse_pk(stock["warehouse"]),
            quantity=stock["quantity"],
        )
        for line in lines
        for stock in line["stocks"]
    ]


class OrderFulfill(OrderMutation):
    """A workshop ships its parcel, whole or in parts (a partial shipment names some lines or
    fewer pieces; each call is one send, a ``Fulfillment``)."""

    fulfillments = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.fulfillments.Fulfillment"),
        description="The shipped parcels the caller sees: a workshop, its own.",
    )

    @staticmethod
    def resolve_fulfillments(root: Any, info: Any) -> list[Any] | None:
        from .saleor_fields import OrderSaleorFields

        if root.order is None:
            return None
        return OrderSaleorFields.resolve_fulfillments(root.order, info)

    class Arguments:
        order = graphene.ID()
        input = OrderFulfillInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any], order: str | None = None) -> Any:
        def work() -> Any:
            order_id = _order_id(order or "", "order")
            line_ids = [
                _uuid(li.get("order_line_id"), "OrderLine", "orderLineId") for li in input["lines"]
            ]
            if not line_ids:
                raise DomainError("Name the lines to ship.", field="lines", code="REQUIRED")
            lines = order_lines_for_workshop(
                actor=info.context.user, order_id=order_id, line_ids=line_ids
            )
            if len(lines) != len(set(line_ids)):
                raise DomainError(
                    "Couldn't resolve to an order line.", field="orderLineId", code="NOT_FOUND"
                )
            parcels = {line.vendor_order_id for line in lines}
            if len(parcels) != 1:
                raise DomainError(
                    "Ship one workshop's parcel at a time.",
                    field="lines",
                    code="FULFILL_ORDER_LINE",
                )
            for given in input["lines"]:
                wanted = sum(s["quantity"] for s in given["stocks"])
                if wanted <= 0:
                    raise DomainError(
                        "Quantities must be positive.", field="quantity", code="INVALID_QUANTITY"
                    )
            vendor_order_id = parcels.pop()
            shipped = vendor_order_fulfil(
                actor=info.context.user,
                vendor_order_id=vendor_order_id,
                tracking_number=input.get("tracking_number") or "",
                shipments=_shipments(input["lines"]),
            )
            result = order_visible(user=info.context.user, order_id=shipped.order_id)
            assert result is not None
            return set_view(info, *result)

        return run(cls, "order", work, codes=ORDER_ERROR_CODES)
