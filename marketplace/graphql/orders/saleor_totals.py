"""More of Saleor 3.23's Order and OrderLine surface: pending and granted amounts, the
order's discounts, its shipping methods, and the fields of concepts this marketplace does not
have (collection points, granted refunds, line-level discounts), which answer their empty
value (docs/api.md lists them)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.core.scalars import PositiveDecimal
from marketplace.graphql.core.types import Money, MoneyValue
from marketplace.orders.models import Order as OrderModel

OrderDiscountTypeEnum = graphene.Enum(
    "OrderDiscountType",
    [(s, s) for s in ("SALE", "VOUCHER", "MANUAL", "PROMOTION", "ORDER_PROMOTION")],
)
DiscountValueTypeEnum = graphene.Enum(
    "DiscountValueTypeEnum", [(s, s) for s in ("FIXED", "PERCENTAGE")]
)


@dataclass(frozen=True, slots=True)
class OrderDiscountValue:
    """The voucher an order was placed with, as the amount it took off."""

    order_id: Any
    name: str
    amount: Decimal
    currency: str


class OrderDiscount(graphene.ObjectType):
    type = graphene.Field(OrderDiscountTypeEnum, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    value = graphene.Field(PositiveDecimal, required=True)
    reason = graphene.String()
    amount = graphene.Field(Money, required=True, deprecation_reason="Use `total` instead.")
    total = graphene.Field(Money, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: OrderDiscountValue, info: Any) -> str:
        return f"{root.order_id}:voucher"

    @staticmethod
    def resolve_type(root: OrderDiscountValue, info: Any) -> str:
        return "VOUCHER"

    @staticmethod
    def resolve_translated_name(root: OrderDiscountValue, info: Any) -> str:
        return root.name

    @staticmethod
    def resolve_value_type(root: OrderDiscountValue, info: Any) -> str:
        return "FIXED"  # what was taken off, in the order's currency

    @staticmethod
    def resolve_value(root: OrderDiscountValue, info: Any) -> Decimal:
        return root.amount

    @staticmethod
    def resolve_reason(root: OrderDiscountValue, info: Any) -> None:
        return None

    @staticmethod
    def resolve_amount(root: OrderDiscountValue, info: Any) -> MoneyValue:
        return Money.build(root.amount, root.currency)

    @staticmethod
    def resolve_total(root: OrderDiscountValue, info: Any) -> MoneyValue:
        return Money.build(root.amount, root.currency)


class OrderLineDiscount(graphene.ObjectType):
    """Never answered: discounts here apply to the whole order (``Order.discounts``)."""

    id = graphene.ID(required=True)
    type = graphene.Field(OrderDiscountTypeEnum, required=True)
    name = graphene.String()
    translated_name = graphene.String()
    value_type = graphene.Field(DiscountValueTypeEnum, required=True)
    value = graphene.Field(PositiveDecimal, required=True)
    reason = graphene.String()
    total = graphene.Field(Money, required=True)
    unit = graphene.Field(Money, required=True)


def _order_module() -> Any:
    from . import order

    return order


def _transaction_sum(info: Any, order: OrderModel, field: str) -> MoneyValue:
    rows = _order_module()._transactions(info, order)
    total = sum((Decimal(getattr(t, field)) for t in rows), Decimal(0))
    return Money.build(total, order.currency)


def _zero(order: OrderModel) -> MoneyValue:
    return Money.build(Decimal(0), order.currency)


class OrderTotalsSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    token = graphene.String(required=True, deprecation_reason="No longer supported")
    voucher = graphene.Field("marketplace.graphql.discounts.voucher.Voucher")
    external_reference = graphene.String()
    shipping_tax_rate = graphene.Float(required=True)
    undiscounted_shipping_price = graphene.Field(Money, required=True)
    total_charge_pending = graphene.Field(Money, required=True)
    total_authorize_pending = graphene.Field(Money, required=True)
    total_cancel_pending = graphene.Field(Money, required=True)
    total_refund_pending = graphene.Field(Money, required=True)
    total_granted_refund = graphene.Field(Money, required=True)
    total_remaining_grant = graphene.Field(Money, required=True)
    discounts = graphene.List(graphene.NonNull(OrderDiscount), required=True)
    shipping_methods = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.delivery.ShippingMethod"),
        required=True,
        description="The methods the order's parcels ship by.",
    )
    available_shipping_methods = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.delivery.ShippingMethod"),
        deprecation_reason="No longer supported",
    )
    collection_point_name = graphene.String()
    available_collection_points = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.allocations.Warehouse"),
        required=True,
        description="Always empty: parcels are shipped, never collected.",
    )

    @staticmethod
    def resolve_token(root: OrderModel, info: Any) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_external_reference(root: OrderModel, info: Any) -> None:
        return None

    @staticmethod
    def resolve_shipping_tax_rate(root: OrderModel, info: Any) -> float:
        return 0.0  # prices here are charged as listed

    @staticmethod
    def resolve_undiscounted_shipping_price(root: OrderModel, info: Any) -> MoneyValue:
        parcels = _order_module()._vendor_orders(info, root)
        if _order_module()._view(info, root) is not None:
            total = sum((vo.shipping_price for vo in parcels), Decimal(0))
            return Money.build(total, root.currency)
        return Money.build(root.shipping_total, root.currency)

    @staticmethod
    def resolve_total_charge_pending(root: OrderModel, info: Any) -> MoneyValue:
        return _transaction_sum(info, root, "charge_pending")

    # Authorizations, cancellations and refunds settle at once here: nothing waits on them.
    @staticmethod
    def resolve_total_authorize_pending(root: OrderModel, info: Any) -> MoneyValue:
        return _zero(root)

    @staticmethod
    def resolve_total_cancel_pending(root: OrderModel, info: Any) -> MoneyValue:
        return _zero(root)

    @staticmethod
    def resolve_total_refund_pending(root: OrderModel, info: Any) -> MoneyValue:
        return _zero(root)

    # Refunds are made, not granted first: there is no grant to spend.
    @staticmethod
    def resolve_total_granted_refund(root: OrderModel, info: Any) -> MoneyValue:
        return _zero(root)

    @staticmethod
    def resolve_total_remaining_grant(root: OrderModel, info: Any) -> MoneyValue:
        return _zero(root)

    @staticmethod
    def resolve_discounts(root: OrderModel, info: Any) -> list[OrderDiscountValue]:
        if _order_module()._view(info, root) is not None or not root.discount_total:
            return []  # a workshop sees its parcels, not the buyer's voucher
        return [OrderDiscountValue(root.pk, root.voucher_code, root.discount_total, root.currency)]

    @staticmethod
    def resolve_voucher(root: OrderModel, info: Any) -> Any:
        from marketplace.graphql.discounts.voucher import voucher_of

        if _order_module()._view(info, root) is not None:
            return None  # a workshop sees its parcels, not the buyer's voucher
        return voucher_of(info, root, channel_slug=root.channel.slug)

    @staticmethod
    def resolve_shipping_methods(root: OrderModel, info: Any) -> list[Any]:
        from marketplace.shipping.quotes import ShippingQuote

        seen: dict[Any, Any] = {}
        for vo in _order_module()._vendor_orders(info, root):
            if vo.shipping_method_id is None or vo.shipping_method_id in seen:
                continue
            seen[vo.shipping_method_id] = ShippingQuote(
                vo.shipping_method_id,
                vo.shipping_method_name,
                "",
                "",
                None,
                None,
                vo.shipping_price,
                root.currency,
            )
        return list(seen.values())

    @staticmethod
    def resolve_available_shipping_methods(root: OrderModel, info: Any) -> list[Any]:
        return OrderTotalsSaleorFields.resolve_shipping_methods(root, info)

    @staticmethod
    def resolve_collection_point_name(root: OrderModel, info: Any) -> None:
        return None

    @staticmethod
    def resolve_available_collection_points(root: OrderModel, info: Any) -> list[Any]:
        return []


class OrderLineDiscountSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    discounts = graphene.List(
        graphene.NonNull(OrderLineDiscount),
        description="Always empty: a voucher applies to the whole order.",
    )
    price_override_reason = graphene.String()
    sale_id = graphene.ID()
    unit_discount_reason = graphene.String()
    unit_discount_type = graphene.Field(DiscountValueTypeEnum)
    unit_discount_value = graphene.Field(PositiveDecimal, required=True)

    @staticmethod
    def resolve_discounts(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_price_override_reason(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_sale_id(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_unit_discount_reason(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_unit_discount_type(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_unit_discount_value(root: Any, info: Any) -> Decimal:
        return Decimal(0)
