"""orderFulfillmentRefundProducts: refund pieces named by order line or by fulfilment line."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from graphql_relay import from_global_id

from marketplace.core.errors import DomainError, NotFound
from marketplace.orders.fulfilment import latest_send_of
from marketplace.orders.selectors import order_visible
from marketplace.orders.services import order_refund_lines

from ..checkout.mutations import _uuid
from ..core.mutations import run
from ..core.scalars import PositiveDecimal
from .fulfillments import Fulfillment, parse_fulfillment_line_id, shipped_parcels
from .mutations import ORDER_ERROR_CODES, OrderMutation, _order_id
from .types import _vendor_orders, set_view


class OrderRefundLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class OrderRefundFulfillmentLineInput(graphene.InputObjectType):
    fulfillment_line_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class OrderRefundProductsInput(graphene.InputObjectType):
    order_lines = graphene.List(graphene.NonNull(OrderRefundLineInput))
    fulfillment_lines = graphene.List(graphene.NonNull(OrderRefundFulfillmentLineInput))
    include_shipping_costs = graphene.Boolean(default_value=False)
    amount_to_refund = PositiveDecimal()


def _sent_line(global_id: str) -> tuple[int, uuid.UUID]:
    """A fulfilment line's id → (send, order line); a malformed one answers as missing."""
    try:
        type_name, raw = from_global_id(global_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        type_name, raw = "", ""
    parsed = parse_fulfillment_line_id(raw) if type_name == "FulfillmentLine" else None
    if parsed is None:
        raise NotFound("Couldn't resolve to a fulfillment line.", field="fulfillmentLineId")
    try:
        return parsed[0], uuid.UUID(parsed[1])
    except ValueError:
        raise NotFound(
            "Couldn't resolve to a fulfillment line.", field="fulfillmentLineId"
        ) from None


class FulfillmentRefundProducts(OrderMutation):
    """Refund pieces of an order (staff, or the workshop for its own lines)."""

    fulfillment = graphene.Field(
        Fulfillment, description="The latest send that carried the refunded pieces, if any."
    )

    class Arguments:
        order = graphene.ID(required=True)
        input = OrderRefundProductsInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, order: str, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            if input.get("amount_to_refund") is not None:
                raise DomainError(
                    "Refunds are computed from the lines; leave amountToRefund out.",
                    field="amountToRefund",
                    code="INVALID",
                )
            lines = [
                (_uuid(li["order_line_id"], "OrderLine", "orderLineId"), li["quantity"])
                for li in input.get("order_lines") or []
            ]
            sent = [
                (*_sent_line(li["fulfillment_line_id"]), li["quantity"])
                for li in input.get("fulfillment_lines") or []
            ]
            refunded = order_refund_lines(
                actor=info.context.user,
                order_id=_order_id(order, "order"),
                lines=lines,
                fulfillment_lines=sent,
                include_shipping=bool(input.get("include_shipping_costs")),
                key=uuid.uuid4().hex,
            )
            result = order_visible(user=info.context.user, order_id=refunded.pk)
            assert result is not None
            view = set_view(info, *result)
            named = [line_id for line_id, _ in lines] + [line_id for _, line_id, _ in sent]
            send = latest_send_of(order=refunded, line_ids=named)
            parcels = shipped_parcels(_vendor_orders(info, view)) if send else []
            fulfillment = next((p for p in parcels if send and p.shipment.pk == send.pk), None)
            return {"order": view, "fulfillment": fulfillment}

        return run(cls, None, work, codes=ORDER_ERROR_CODES)
