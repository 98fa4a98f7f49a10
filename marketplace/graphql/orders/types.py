"""Order, OrderLine and (marketplace extension) VendorOrder in Saleor's shape.

A workshop looking at an order sees only its own sub-order: the lines, totals and parcels of
other workshops are left out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.db.models import prefetch_related_objects

from marketplace.orders.models import Order as OrderModel
from marketplace.orders.models import OrderLine as OrderLineModel
from marketplace.orders.models import VendorOrder as VendorOrderModel

from ..core.connection import CountableConnection
from ..core.context import register_batch, request_state, siblings_of
from ..core.types import (
    Money,
    MoneyValue,
    ObjectWithMetadata,
    TaxedMoney,
    TaxedMoneyValue,
)
from .saleor_fields import OrderLineSaleorFields
from .saleor_totals import OrderLineDiscountSaleorFields

OrderStatusEnum = graphene.Enum(
    "OrderStatus",
    # Saleor's whole enum; orders here are only ever unfulfilled, (partly) shipped or cancelled.
    [
        (s, s)
        for s in (
            "DRAFT",
            "UNCONFIRMED",
            "UNFULFILLED",
            "PARTIALLY_FULFILLED",
            "PARTIALLY_RETURNED",
            "RETURNED",
            "FULFILLED",
            "CANCELED",
            "EXPIRED",
        )
    ],
)
OrderChargeStatusEnum = graphene.Enum(
    "OrderChargeStatusEnum", [(s, s) for s in ("NONE", "PARTIAL", "FULL", "OVERCHARGED")]
)
PaymentChargeStatusEnum = graphene.Enum(
    "PaymentChargeStatusEnum",
    [
        (s, s)
        for s in (
            "NOT_CHARGED",
            "FULLY_CHARGED",
            "PARTIALLY_REFUNDED",
            "FULLY_REFUNDED",
        )
    ],
)


def set_view(info: Any, order: OrderModel, view: set[int] | None) -> OrderModel:
    request_state(info.context).setdefault("order_views", {})[order.pk] = view
    return order


def _view(info: Any, order: OrderModel) -> set[int] | None:
    views = request_state(info.context).get("order_views", {})
    return views.get(order.pk)


def _vendor_orders(info: Any, order: OrderModel) -> list[VendorOrderModel]:
    if not hasattr(order, "_prefetched_objects_cache"):
        prefetch_related_objects(
            [order], "vendor_orders__vendor", "vendor_orders__lines", "vendor_orders__shipments"
        )
    view = _view(info, order)
    rows: list[VendorOrderModel] = list(order.vendor_orders.all())
    return [vo for vo in rows if view is None or vo.vendor_id in view]


def _sum(rows: list[VendorOrderModel], field: str) -> Decimal:
    return sum((Decimal(getattr(vo, field)) for vo in rows), Decimal(0))


class OrderLine(OrderLineSaleorFields, OrderLineDiscountSaleorFields):
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String()
    product_variant_id = graphene.String()
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    quantity_to_fulfill = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    variant = graphene.Field("marketplace.graphql.catalog.variants.ProductVariant")
    translated_product_name = graphene.String(required=True)
    translated_variant_name = graphene.String(required=True)
    is_gift = graphene.Boolean()
    packaging_name = graphene.String(description="Marketplace extension.")
    packaging_unit_price = graphene.Field(Money, description="Marketplace extension.")
    gift_message = graphene.String(description="Marketplace extension.")
    hs_code = graphene.String(description="Marketplace extension: customs tariff code.")
    origin_country = graphene.String(description="Marketplace extension: country of origin.")
    quantity_refunded = graphene.Int(required=True, description="Marketplace extension.")
    allocations = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.allocations.Allocation"),
        description="Where the pieces are held: the warehouse for orderFulfill. Staff and "
        "the line's workshop only.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_allocations(root: OrderLineModel, info: Any) -> Any:
        from .allocations import resolve_allocations

        return resolve_allocations(root, info)

    @staticmethod
    def resolve_product_variant_id(root: OrderLineModel, info: Any) -> str | None:
        from graphql_relay import to_global_id

        return to_global_id("ProductVariant", root.variant_id) if root.variant_id else None

    @staticmethod
    def resolve_quantity_to_fulfill(root: OrderLineModel, info: Any) -> int:
        return root.quantity - root.quantity_fulfilled

    @staticmethod
    def resolve_unit_price(root: OrderLineModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(root.unit_price, root.currency)

    @staticmethod
    def resolve_total_price(root: OrderLineModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(root.total_price, root.currency)

    @staticmethod
    def resolve_variant(root: OrderLineModel, info: Any) -> Any:
        from ..core.context import ChannelContext

        if root.variant_id is None:
            return None
        return ChannelContext(node=root.variant, channel_slug=root.order.channel.slug)

    @staticmethod
    def resolve_translated_product_name(root: OrderLineModel, info: Any) -> str:
        return root.product_name

    @staticmethod
    def resolve_translated_variant_name(root: OrderLineModel, info: Any) -> str:
        return root.variant_name

    @staticmethod
    def resolve_is_gift(root: OrderLineModel, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_gift_message(root: OrderLineModel, info: Any) -> str | None:
        return root.gift_message or None

    @staticmethod
    def resolve_packaging_name(root: OrderLineModel, info: Any) -> str | None:
        return root.packaging_name or None

    @staticmethod
    def resolve_packaging_unit_price(root: OrderLineModel, info: Any) -> MoneyValue | None:
        if not root.packaging_name:
            return None
        return Money.build(root.packaging_unit_price, root.currency)


class VendorOrder(graphene.ObjectType):
    """Marketplace extension: one workshop's part of an order, shipped as one parcel."""

    vendor = graphene.Field("marketplace.graphql.vendors.types.Vendor", required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    shipping_method_name = graphene.String()
    shipping_price = graphene.Field(Money, required=True)
    subtotal = graphene.Field(Money, required=True)
    discount = graphene.Field(Money, required=True)
    duties = graphene.Field(Money, required=True)
    total = graphene.Field(Money, required=True)
    customs_form = graphene.String(description="CN22 or CN23 when the parcel crosses a border.")
    tracking_number = graphene.String(required=True)
    fulfilled_at = graphene.DateTime()
    order_number = graphene.String(required=True)
    order_id = graphene.ID(required=True, description="The Order id, for orderFulfill.")
    shipping_address = graphene.Field(
        "marketplace.graphql.accounts.types.Address", description="Where this parcel goes."
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_order_id(root: VendorOrderModel, info: Any) -> str:
        from graphql_relay import to_global_id

        return to_global_id("Order", str(root.order_id))

    @staticmethod
    def resolve_shipping_address(root: VendorOrderModel, info: Any) -> Any:
        return root.order.shipping_address

    @staticmethod
    def resolve_status(root: VendorOrderModel, info: Any) -> str:
        return str(root.status)

    @staticmethod
    def resolve_lines(root: VendorOrderModel, info: Any) -> Any:
        # The lines of every parcel on the page are one batch: their fields load together.
        state = request_state(info.context)
        if id(root) not in state.setdefault("vendor_order_lines_batched", set()):
            parcels = siblings_of(info.context, root)
            state["vendor_order_lines_batched"].update(id(p) for p in parcels)
            register_batch(info.context, [line for p in parcels for line in p.lines.all()])
        return root.lines.all()

    @staticmethod
    def resolve_shipping_price(root: VendorOrderModel, info: Any) -> MoneyValue:
        return Money.build(root.shipping_price, root.order.currency)

    @staticmethod
    def resolve_subtotal(root: VendorOrderModel, info: Any) -> MoneyValue:
        return Money.build(root.goods_total + root.packaging_total, root.order.currency)

    @staticmethod
    def resolve_discount(root: VendorOrderModel, info: Any) -> MoneyValue:
        return Money.build(root.discount, root.order.currency)

    @staticmethod
    def resolve_duties(root: VendorOrderModel, info: Any) -> MoneyValue:
        return Money.build(root.duties, root.order.currency)

    @staticmethod
    def resolve_total(root: VendorOrderModel, info: Any) -> MoneyValue:
        return Money.build(root.total, root.order.currency)

    @staticmethod
    def resolve_customs_form(root: VendorOrderModel, info: Any) -> str | None:
        return root.customs_form or None

    @staticmethod
    def resolve_order_number(root: VendorOrderModel, info: Any) -> str:
        return str(root.order.number)


class VendorOrderCountableConnection(CountableConnection):
    class Meta:
        node = VendorOrder
