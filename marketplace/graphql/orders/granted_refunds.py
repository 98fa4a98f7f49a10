"""Saleor's granted refunds: refunds a member of staff grants first and a payment app then
carries out. Refunds here are made at once (orderFulfillmentRefundProducts) and show in the
transactions' REFUND_SUCCESS events and the order's refunded totals, so an order has no
granted refunds: ``Order.grantedRefunds`` is always empty."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.types import Money

OrderGrantedRefundStatusEnum = graphene.Enum(
    "OrderGrantedRefundStatusEnum", [(s, s) for s in ("NONE", "PENDING", "SUCCESS", "FAILURE")]
)


class OrderGrantedRefundLine(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    order_line = graphene.Field("marketplace.graphql.orders.types.OrderLine", required=True)
    reason = graphene.String()
    reason_reference = graphene.Field("marketplace.graphql.content.types.Page")

    class Meta:
        interfaces = (graphene.relay.Node,)


class OrderGrantedRefund(graphene.ObjectType):
    id = graphene.ID(required=True)
    created_at = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    amount = graphene.Field(Money, required=True)
    reason = graphene.String()
    reason_reference = graphene.Field("marketplace.graphql.content.types.Page")
    user = graphene.Field("marketplace.graphql.accounts.user.User")
    shipping_costs_included = graphene.Boolean(required=True)
    lines = graphene.List(graphene.NonNull(OrderGrantedRefundLine))
    status = graphene.Field(OrderGrantedRefundStatusEnum, required=True)
    transaction_events = graphene.List(
        graphene.NonNull("marketplace.graphql.payments.types.TransactionEvent")
    )
    transaction = graphene.Field("marketplace.graphql.payments.types.TransactionItem")


class OrderGrantedRefundFields(graphene.ObjectType):
    class Meta:
        abstract = True

    granted_refunds = graphene.List(
        graphene.NonNull(OrderGrantedRefund),
        required=True,
        description="Always empty: refunds are made at once, never granted first.",
    )

    @staticmethod
    def resolve_granted_refunds(root: Any, info: Any) -> list[Any]:
        return []
