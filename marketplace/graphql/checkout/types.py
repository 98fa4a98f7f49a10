"""Checkout and CheckoutLine in Saleor's shape; packaging and gift message as extensions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from django.db.models import Min

from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.models import CheckoutLine as CheckoutLineModel
from marketplace.checkout.pricing import CheckoutTotals, checkout_totals
from marketplace.checkout.problems import checkout_problems
from marketplace.graphql.channels.types import Channel
from marketplace.graphql.core.connection import CountableConnection
from marketplace.graphql.core.context import ChannelContext, request_state
from marketplace.graphql.core.types import (
    LanguageCodeEnum,
    Money,
    MoneyValue,
    ObjectWithMetadata,
    TaxedMoney,
    TaxedMoneyValue,
)
from marketplace.graphql.giftcards.types import GiftCardListFields
from marketplace.shipping.customs import CustomsDeclaration

from .delivery import (
    DeliveryGroup,
    DeliveryMethod,
    ShippingMethod,
    delivery_group,
    shared_methods,
)
from .problems import CheckoutProblem
from .saleor_fields import CheckoutLineSaleorFields, CheckoutSaleorFields

DutiesModeEnum = graphene.Enum("DutiesModeEnum", [("DDP", "DDP"), ("DAP", "DAP")])


def _lines(info: Any, checkout: CheckoutModel) -> list[CheckoutLineModel]:
    cache = request_state(info.context).setdefault("checkout_lines", {})
    key = (checkout.token, checkout.updated_at)
    if key not in cache:
        cache[key] = lines_for_pricing(checkout)
    lines: list[CheckoutLineModel] = cache[key]
    return lines


def _totals(info: Any, checkout: CheckoutModel) -> CheckoutTotals:
    cache = request_state(info.context).setdefault("checkout_totals", {})
    key = (checkout.token, checkout.updated_at)
    if key not in cache:
        cache[key] = checkout_totals(checkout=checkout, lines=_lines(info, checkout))
    totals: CheckoutTotals = cache[key]
    return totals


class CheckoutLine(CheckoutLineSaleorFields):
    variant = graphene.Field("marketplace.graphql.catalog.variants.ProductVariant", required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(Money, required=True)
    requires_shipping = graphene.Boolean(required=True)
    is_gift = graphene.Boolean()
    packaging_option = graphene.Field(
        "marketplace.graphql.packaging.types.PackagingOption",
        description="Marketplace extension: the packaging chosen for these pieces.",
    )
    packaging_total = graphene.Field(
        Money, required=True, description="Marketplace extension: packaging for the line."
    )
    gift_message = graphene.String(description="Marketplace extension.")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: CheckoutLineModel, info: Any) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_variant(root: CheckoutLineModel, info: Any) -> Any:
        return ChannelContext(node=root.variant, channel_slug=root.checkout.channel.slug)

    @staticmethod
    def _price(root: CheckoutLineModel, info: Any) -> Any:
        return _totals(info, root.checkout).lines[root.pk]

    @staticmethod
    def resolve_unit_price(root: CheckoutLineModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(CheckoutLine._price(root, info).unit, root.checkout.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: CheckoutLineModel, info: Any) -> MoneyValue:
        return Money.build(CheckoutLine._price(root, info).unit, root.checkout.currency)

    @staticmethod
    def resolve_total_price(root: CheckoutLineModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(CheckoutLine._price(root, info).total, root.checkout.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root: CheckoutLineModel, info: Any) -> MoneyValue:
        return Money.build(CheckoutLine._price(root, info).total, root.checkout.currency)

    @staticmethod
    def resolve_packaging_total(root: CheckoutLineModel, info: Any) -> MoneyValue:
        return Money.build(CheckoutLine._price(root, info).packaging_total, root.checkout.currency)

    @staticmethod
    def resolve_requires_shipping(root: CheckoutLineModel, info: Any) -> bool:
        return bool(root.variant.product.product_type.is_shipping_required)

    @staticmethod
    def resolve_is_gift(root: CheckoutLineModel, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_packaging_option(root: CheckoutLineModel, info: Any) -> Any:
        return root.packaging_option

    @staticmethod
    def resolve_metadata(root: CheckoutLineModel, info: Any) -> Any:
        return ObjectWithMetadata.resolve_metadata(root, info)


class Checkout(CheckoutSaleorFields, GiftCardListFields):
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    channel = graphene.Field(Channel, required=True)
    email = graphene.String()
    shipping_address = graphene.Field("marketplace.graphql.accounts.types.Address")
    billing_address = graphene.Field("marketplace.graphql.accounts.types.Address")
    customer_note = graphene.String(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    quantity = graphene.Int(required=True)
    stock_reservation_expires = graphene.DateTime()
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    token = graphene.UUID(required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        deprecation_reason="Use `shippingMethods`.",
    )
    delivery_groups = graphene.List(
        graphene.NonNull(DeliveryGroup),
        required=True,
        description="Marketplace extension: one parcel per workshop.",
    )
    discount = graphene.Field(Money)
    discount_name = graphene.String()
    voucher_code = graphene.String()
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    display_gross_prices = graphene.Boolean(required=True)
    available_payment_gateways = graphene.List(
        graphene.NonNull("marketplace.graphql.payments.types.PaymentGateway"), required=True
    )
    total_balance = graphene.Field(Money, required=True)
    problems = graphene.List(graphene.NonNull(CheckoutProblem))
    delivery_method = graphene.Field(
        DeliveryMethod, description="Set when one method ships every parcel."
    )
    user = graphene.Field("marketplace.graphql.accounts.user.User")
    duties_mode = graphene.Field(
        DutiesModeEnum,
        required=True,
        description="Marketplace extension: DDP (duties paid with the order) or DAP (at the door).",
    )
    duties_estimate = graphene.Field(
        Money,
        required=True,
        description="Marketplace extension: estimated import duties for parcels crossing a border.",
    )
    duties_price = graphene.Field(
        Money,
        required=True,
        description="Marketplace extension: duties charged in the total (DDP channels only).",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: CheckoutModel, info: Any) -> str:
        return str(root.token)

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, info: Any) -> list[Any]:
        from marketplace.graphql.payments.types import GatewayForCurrency
        from marketplace.payments.services import payment_gateways

        return [
            GatewayForCurrency(g, root.currency) for g in payment_gateways(currency=root.currency)
        ]

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info: Any) -> Any:
        totals = _totals(info, root)
        if not totals.groups or len(totals.chosen) != len(totals.groups):
            return None
        chosen = {quote.method_id for quote in totals.chosen.values()}
        merged = [m for m in shared_methods(totals.groups, totals.quotes) if m.method_id in chosen]
        return merged[0] if len(chosen) == 1 and merged else None

    @staticmethod
    def resolve_problems(root: CheckoutModel, info: Any) -> list[Any]:
        return checkout_problems(checkout=root, lines=_lines(info, root))

    @staticmethod
    def resolve_total_balance(root: CheckoutModel, info: Any) -> MoneyValue:
        from marketplace.payments.services import checkout_paid

        paid = checkout_paid(checkout_token=root.token, currency=root.currency)
        return Money.build(paid - _totals(info, root).total, root.currency)

    @staticmethod
    def resolve_user(root: CheckoutModel, info: Any) -> Any:
        viewer = info.context.user
        if root.user_id is None or not viewer.is_authenticated or viewer.pk != root.user_id:
            return None
        return viewer

    @staticmethod
    def resolve_duties_mode(root: CheckoutModel, info: Any) -> str:
        return _totals(info, root).duties_mode

    @staticmethod
    def resolve_duties_estimate(root: CheckoutModel, info: Any) -> MoneyValue:
        return Money.build(_totals(info, root).duties_estimate, root.currency)

    @staticmethod
    def resolve_duties_price(root: CheckoutModel, info: Any) -> MoneyValue:
        return Money.build(_totals(info, root).duties, root.currency)

    @staticmethod
    def resolve_created(root: CheckoutModel, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: Any) -> list[CheckoutLineModel]:
        return _lines(info, root)

    @staticmethod
    def resolve_quantity(root: CheckoutModel, info: Any) -> int:
        return sum(line.quantity for line in _lines(info, root))

    @staticmethod
    def resolve_is_shipping_required(root: CheckoutModel, info: Any) -> bool:
        return any(
            line.variant.product.product_type.is_shipping_required for line in _lines(info, root)
        )

    @staticmethod
    def resolve_stock_reservation_expires(root: CheckoutModel, info: Any) -> Any:
        from marketplace.inventory.models import Reservation

        found = Reservation.objects.filter(checkout_line__checkout=root).aggregate(
            first=Min("reserved_until")
        )
        return found["first"]

    @staticmethod
    def resolve_shipping_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(_totals(info, root).shipping, root.currency)

    @staticmethod
    def resolve_subtotal_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(_totals(info, root).subtotal, root.currency)

    @staticmethod
    def resolve_total_price(root: CheckoutModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(_totals(info, root).total, root.currency)

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info: Any) -> list[Any]:
        totals = _totals(info, root)
        return shared_methods(totals.groups, totals.quotes)

    @staticmethod
    def resolve_available_shipping_methods(root: CheckoutModel, info: Any) -> list[Any]:
        return Checkout.resolve_shipping_methods(root, info)

    @staticmethod
    def resolve_delivery_groups(root: CheckoutModel, info: Any) -> list[Any]:
        totals = _totals(info, root)

        def customs(vendor_id: int) -> Callable[[], CustomsDeclaration | None]:
            return lambda: totals.customs.get(vendor_id)

        return [
            delivery_group(
                g,
                totals.quotes.get(g.vendor.pk, []),
                totals.chosen.get(g.vendor.pk),
                customs(g.vendor.pk),
            )
            for g in totals.groups
        ]

    @staticmethod
    def resolve_discount(root: CheckoutModel, info: Any) -> MoneyValue:
        return Money.build(_totals(info, root).discount, root.currency)

    @staticmethod
    def resolve_discount_name(root: CheckoutModel, info: Any) -> str | None:
        return _totals(info, root).discount_name

    @staticmethod
    def resolve_voucher_code(root: CheckoutModel, info: Any) -> str | None:
        return root.voucher_code or None

    @staticmethod
    def resolve_language_code(root: CheckoutModel, info: Any) -> Any:
        return LanguageCodeEnum.get(root.language_code.upper())

    @staticmethod
    def resolve_display_gross_prices(root: CheckoutModel, info: Any) -> bool:
        return True

    @staticmethod
    def resolve_metadata(root: CheckoutModel, info: Any) -> Any:
        return ObjectWithMetadata.resolve_metadata(root, info)


class CheckoutCountableConnection(CountableConnection):
    class Meta:
        node = Checkout


__all__ = ["Checkout", "CheckoutCountableConnection", "CheckoutLine"]
