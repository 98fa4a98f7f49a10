"""The Order type: the buyer's whole order, or a workshop's share of it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.orders.models import Order as OrderModel
from marketplace.payments.models import Transaction

from ..core.connection import CountableConnection
from ..core.context import register_batch, request_state, siblings_of
from ..core.types import (
    LanguageCodeEnum,
    Money,
    MoneyValue,
    ObjectWithMetadata,
    TaxedMoney,
    TaxedMoneyValue,
)
from ..giftcards.types import GiftCardListFields
from .granted_refunds import OrderGrantedRefundFields
from .saleor_fields import OrderSaleorFields
from .saleor_totals import OrderTotalsSaleorFields
from .types import (
    OrderChargeStatusEnum,
    OrderLine,
    OrderStatusEnum,
    PaymentChargeStatusEnum,
    VendorOrder,
    _sum,
    _vendor_orders,
    _view,
)


def _all_transactions(info: Any, order: OrderModel) -> list[Transaction]:
    """Prefetched by lists (``ORDER_PREFETCH``); fetched once per order otherwise."""
    cache = request_state(info.context).setdefault("order_transactions", {})
    if order.pk not in cache:
        cache[order.pk] = list(order.transactions.all())
    rows: list[Transaction] = cache[order.pk]
    return rows


ORDER_PREFETCH = (
    "vendor_orders__vendor",
    "vendor_orders__lines",
    "vendor_orders__shipments",
    "transactions__events",
)


def _transactions(info: Any, order: OrderModel) -> list[Transaction]:
    if _view(info, order) is not None:
        return []  # a workshop does not see the buyer's payments
    return _all_transactions(info, order)


def _paid(info: Any, order: OrderModel) -> tuple[Decimal, Decimal]:
    rows = _all_transactions(info, order)
    return (
        sum((Decimal(t.charged) for t in rows), Decimal(0)),
        sum((Decimal(t.refunded) for t in rows), Decimal(0)),
    )


class Order(
    OrderSaleorFields, OrderTotalsSaleorFields, GiftCardListFields, OrderGrantedRefundFields
):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    user_email = graphene.String()
    number = graphene.String(required=True)
    channel = graphene.Field("marketplace.graphql.channels.types.Channel", required=True)
    shipping_address = graphene.Field("marketplace.graphql.accounts.types.Address")
    billing_address = graphene.Field("marketplace.graphql.accounts.types.Address")
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    vendor_orders = graphene.List(
        graphene.NonNull(VendorOrder),
        required=True,
        description="Marketplace extension: one sub-order (parcel) per workshop.",
    )
    transactions = graphene.List(
        graphene.NonNull("marketplace.graphql.payments.types.TransactionItem"), required=True
    )
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    total_charged = graphene.Field(Money, required=True)
    total_refunded = graphene.Field(Money, required=True)
    total_balance = graphene.Field(Money, required=True)
    is_paid = graphene.Boolean(required=True)
    charge_status = graphene.Field(OrderChargeStatusEnum, required=True)
    payment_status = graphene.Field(PaymentChargeStatusEnum, required=True)
    voucher_code = graphene.String()
    customer_note = graphene.String(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    language_code_enum = graphene.Field(LanguageCodeEnum, required=True)
    redirect_url = graphene.String()
    weight = graphene.Field("marketplace.graphql.core.types.Weight", required=True)
    duties_mode = graphene.String(required=True, description="Marketplace extension: DDP or DAP.")
    duties_estimate = graphene.Field(Money, required=True, description="Marketplace extension.")
    duties_price = graphene.Field(Money, required=True, description="Marketplace extension.")
    display_gross_prices = graphene.Boolean(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_created(root: OrderModel, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_status(root: OrderModel, info: Any) -> str:
        view = _view(info, root)
        if view is None:
            return str(root.status)
        statuses = {str(vo.status) for vo in _vendor_orders(info, root)}
        return statuses.pop() if len(statuses) == 1 else "PARTIALLY_FULFILLED"

    @staticmethod
    def resolve_user_email(root: OrderModel, info: Any) -> str | None:
        return root.user_email if _view(info, root) is None else None  # not a workshop's

    @staticmethod
    def resolve_billing_address(root: OrderModel, info: Any) -> Any:
        return root.billing_address if _view(info, root) is None else None  # the buyer's own

    @staticmethod
    def resolve_number(root: OrderModel, info: Any) -> str:
        return str(root.number)

    @staticmethod
    def resolve_lines(root: OrderModel, info: Any) -> list[Any]:
        # The lines of every order in the list form one batch, so their products, media and
        # thumbnails load once for the page, not once per order that brings a new piece.
        known = request_state(info.context).setdefault("order_lines", {})
        if root.pk not in known:
            batch: list[Any] = []
            for order in siblings_of(info.context, root):
                own = [line for vo in _vendor_orders(info, order) for line in vo.lines.all()]
                known[order.pk] = own
                batch.extend(own)
            register_batch(info.context, batch)
        found: list[Any] = known.get(root.pk) or []
        return found

    @staticmethod
    def resolve_vendor_orders(root: OrderModel, info: Any) -> list[Any]:
        return _vendor_orders(info, root)

    @staticmethod
    def resolve_transactions(root: OrderModel, info: Any) -> list[Any]:
        return _transactions(info, root)

    @staticmethod
    def resolve_subtotal(root: OrderModel, info: Any) -> TaxedMoneyValue:
        rows = _vendor_orders(info, root)
        return TaxedMoney.untaxed(
            _sum(rows, "goods_total") + _sum(rows, "packaging_total"), root.currency
        )

    @staticmethod
    def resolve_shipping_price(root: OrderModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(_sum(_vendor_orders(info, root), "shipping_price"), root.currency)

    @staticmethod
    def resolve_total(root: OrderModel, info: Any) -> TaxedMoneyValue:
        if _view(info, root) is None:
            return TaxedMoney.untaxed(root.total, root.currency)
        rows = _vendor_orders(info, root)
        return TaxedMoney.untaxed(sum((vo.total for vo in rows), Decimal(0)), root.currency)

    @staticmethod
    def resolve_total_charged(root: OrderModel, info: Any) -> MoneyValue:
        charged = _paid(info, root)[0] if _view(info, root) is None else Decimal(0)
        return Money.build(charged, root.currency)

    @staticmethod
    def resolve_total_refunded(root: OrderModel, info: Any) -> MoneyValue:
        refunded = _paid(info, root)[1] if _view(info, root) is None else Decimal(0)
        return Money.build(refunded, root.currency)

    @staticmethod
    def resolve_total_balance(root: OrderModel, info: Any) -> MoneyValue:
        charged, refunded = _paid(info, root)
        return Money.build(charged - refunded - root.total, root.currency)

    @staticmethod
    def resolve_is_paid(root: OrderModel, info: Any) -> bool:
        return _paid(info, root)[0] >= root.total

    @staticmethod
    def resolve_charge_status(root: OrderModel, info: Any) -> str:
        charged, refunded = _paid(info, root)
        charged -= refunded  # an overpayment given back no longer counts as charged
        if charged <= 0:
            return "NONE" if root.total > 0 else "FULL"
        if charged < root.total:
            return "PARTIAL"
        return "FULL" if charged == root.total else "OVERCHARGED"

    @staticmethod
    def resolve_payment_status(root: OrderModel, info: Any) -> str:
        charged, refunded = _paid(info, root)
        if charged <= 0:
            return "NOT_CHARGED"
        if refunded >= charged:
            return "FULLY_REFUNDED"
        return "PARTIALLY_REFUNDED" if refunded > 0 else "FULLY_CHARGED"

    @staticmethod
    def resolve_voucher_code(root: OrderModel, info: Any) -> str | None:
        return root.voucher_code or None

    @staticmethod
    def resolve_is_shipping_required(root: OrderModel, info: Any) -> bool:
        return any(vo.shipping_method_name for vo in _vendor_orders(info, root))

    @staticmethod
    def resolve_language_code_enum(root: OrderModel, info: Any) -> Any:
        return LanguageCodeEnum.get(root.language_code.upper())

    @staticmethod
    def resolve_redirect_url(root: OrderModel, info: Any) -> str | None:
        return root.redirect_url or None

    @staticmethod
    def resolve_weight(root: OrderModel, info: Any) -> Any:
        from ..core.types import Weight

        lines = Order.resolve_lines(root, info)
        return Weight.from_kg(sum((li.unit_weight_kg * li.quantity for li in lines), Decimal(0)))

    @staticmethod
    def resolve_duties_estimate(root: OrderModel, info: Any) -> MoneyValue:
        return Money.build(root.duties_estimate, root.currency)

    @staticmethod
    def resolve_duties_price(root: OrderModel, info: Any) -> MoneyValue:
        return Money.build(_sum(_vendor_orders(info, root), "duties"), root.currency)

    @staticmethod
    def resolve_display_gross_prices(root: OrderModel, info: Any) -> bool:
        return True

    @staticmethod
    def resolve_metadata(root: OrderModel, info: Any) -> Any:
        return ObjectWithMetadata.resolve_metadata(root, info)


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order
