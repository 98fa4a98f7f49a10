"""order(id), and the marketplace extension workshopOrders for workshops' own sub-orders."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.core.errors import DomainError
from marketplace.orders.selectors import order_visible, orders_of, vendor_orders_for

from ..checkout.mutations import _uuid
from ..core.connection import connection_args, paginate
from ..core.mutations import decode_optional
from .order import ORDER_PREFETCH, Order, OrderCountableConnection
from .types import VendorOrderCountableConnection, set_view


class OrderQueries(graphene.ObjectType):
    order = graphene.Field(Order, id=graphene.ID(), external_reference=graphene.String())
    workshop_orders = graphene.Field(
        VendorOrderCountableConnection,
        vendor=graphene.ID(description="One workshop's; default: every workshop you run."),
        description="Marketplace extension: sub-orders to ship, for the workshops you run.",
        **connection_args(),
    )

    @staticmethod
    def resolve_order(
        root: Any, info: Any, id: str | None = None, external_reference: str | None = None
    ) -> Any:
        try:
            order_id = _uuid(id, "Order", "id")
        except DomainError:
            return None
        found = order_visible(user=info.context.user, order_id=order_id)
        return set_view(info, *found) if found else None

    @staticmethod
    def resolve_workshop_orders(
        root: Any, info: Any, vendor: str | None = None, **args: Any
    ) -> Any:
        try:
            vendor_id = decode_optional(vendor, "Vendor", field="vendor")
        except DomainError:
            vendor_id = -1  # a broken id matches nothing
        rows = vendor_orders_for(user=info.context.user, vendor_id=vendor_id)
        return paginate(
            rows.prefetch_related("lines"),
            args,
            connection_type=VendorOrderCountableConnection,
            info=info,
            connection_name="workshopOrders",
        )


def resolve_my_orders(root: Any, info: Any, **args: Any) -> Any:
    user = info.context.user
    if not user.is_authenticated or user.pk != root.pk:
        return None

    def full_view(order: Any) -> Any:
        return set_view(info, order, None)

    orders = orders_of(user=user)
    if args.get("where"):
        from .customer_where import orders_where

        orders = orders_where(orders, args["where"])
    return paginate(
        orders.prefetch_related(*ORDER_PREFETCH),
        args,
        connection_type=OrderCountableConnection,
        info=info,
        connection_name="orders",
        wrap=full_view,
    )
