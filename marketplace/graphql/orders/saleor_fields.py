"""Order fields of Saleor 3.23 that the order's own type does not carry: the status and
payment status as a buyer reads them (translated), what was charged, authorized and canceled,
the undiscounted total, where the order came from, and the deprecated fields Saleor still
answers. A workshop's view of an order sees no payment amounts, as elsewhere."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql_relay import to_global_id

from marketplace.graphql.core.types import Money, MoneyValue, TaxedMoney, TaxedMoneyValue
from marketplace.orders.models import Order as OrderModel

# The words the shop's own pages use for the same states (one catalog entry each).
STATUS_DISPLAY = {
    "UNFULFILLED": _("Being prepared"),
    "PARTIALLY_FULFILLED": _("Partly shipped"),
    "FULFILLED": _("Shipped"),
    "CANCELED": _("Cancelled"),
}
PAYMENT_STATUS_DISPLAY = {
    "NOT_CHARGED": _("Not charged"),
    "FULLY_CHARGED": _("Paid"),
    "PARTIALLY_REFUNDED": _("Partially refunded"),
    "FULLY_REFUNDED": _("Fully refunded"),
}

OrderAuthorizeStatusEnum = graphene.Enum(
    "OrderAuthorizeStatusEnum", [(s, s) for s in ("NONE", "PARTIAL", "FULL")]
)
OrderOriginEnum = graphene.Enum(
    "OrderOriginEnum", [(s, s) for s in ("CHECKOUT", "DRAFT", "REISSUE", "BULK_CREATE")]
)


def _order_module() -> Any:
    from . import order

    return order


def _sums(info: Any, order: OrderModel) -> dict[str, Decimal]:
    """Charged, refunded, authorized and canceled over the transactions the viewer may see."""
    rows = _order_module()._transactions(info, order)
    return {
        name: sum((Decimal(getattr(t, name)) for t in rows), Decimal(0))
        for name in ("charged", "refunded", "authorized", "canceled")
    }


class OrderSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    status_display = graphene.String(required=True)
    payment_status_display = graphene.String(required=True)
    total_captured = graphene.Field(Money, required=True, deprecation_reason="Use `totalCharged`.")
    total_authorized = graphene.Field(Money, required=True)
    total_canceled = graphene.Field(Money, required=True)
    authorize_status = graphene.Field(OrderAuthorizeStatusEnum, required=True)
    undiscounted_total = graphene.Field(TaxedMoney, required=True)
    discount = graphene.Field(Money, deprecation_reason="Use `discounts`.")
    discount_name = graphene.String(deprecation_reason="Use `discounts`.")
    translated_discount_name = graphene.String(deprecation_reason="Use `discounts`.")
    shipping_method_name = graphene.String()
    language_code = graphene.String(required=True, deprecation_reason="Use `languageCodeEnum`.")
    origin = graphene.Field(OrderOriginEnum, required=True)
    original = graphene.ID()
    checkout_id = graphene.ID()
    tax_exemption = graphene.Boolean(required=True)
    delivery_method = graphene.Field(
        "marketplace.graphql.checkout.delivery.DeliveryMethod",
        description="Set when one shipping method ships every parcel.",
    )
    shipping_method = graphene.Field(
        "marketplace.graphql.checkout.delivery.ShippingMethod",
        deprecation_reason="Use `deliveryMethod`.",
    )
    fulfillments = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.fulfillments.Fulfillment"),
        required=True,
        description="One per workshop parcel that has shipped.",
    )

    @staticmethod
    def resolve_delivery_method(root: OrderModel, info: Any) -> Any:
        """The one method every parcel shipped by, priced as their sum (None when the
        parcels went by different methods: see ``vendorOrders``)."""
        from marketplace.shipping.quotes import ShippingQuote

        parcels = _order_module()._vendor_orders(info, root)
        methods = {vo.shipping_method_id for vo in parcels}
        if len(methods) != 1 or None in methods:
            return None
        first = parcels[0]
        price = sum((vo.shipping_price for vo in parcels), Decimal(0))
        return ShippingQuote(
            first.shipping_method_id,
            first.shipping_method_name,
            "",
            "",
            None,
            None,
            price,
            root.currency,
        )

    @staticmethod
    def resolve_shipping_method(root: OrderModel, info: Any) -> Any:
        return OrderSaleorFields.resolve_delivery_method(root, info)

    @staticmethod
    def resolve_fulfillments(root: OrderModel, info: Any) -> list[Any]:
        from .fulfillments import shipped_parcels

        return shipped_parcels(_order_module()._vendor_orders(info, root))

    @staticmethod
    def resolve_status_display(root: OrderModel, info: Any) -> str:
        status = _order_module().Order.resolve_status(root, info)
        return str(STATUS_DISPLAY.get(status, status))

    @staticmethod
    def resolve_payment_status_display(root: OrderModel, info: Any) -> str:
        status = _order_module().Order.resolve_payment_status(root, info)
        return str(PAYMENT_STATUS_DISPLAY.get(status, status))

    @staticmethod
    def resolve_total_captured(root: OrderModel, info: Any) -> MoneyValue:
        return Money.build(_sums(info, root)["charged"], root.currency)

    @staticmethod
    def resolve_total_authorized(root: OrderModel, info: Any) -> MoneyValue:
        return Money.build(_sums(info, root)["authorized"], root.currency)

    @staticmethod
    def resolve_total_canceled(root: OrderModel, info: Any) -> MoneyValue:
        return Money.build(_sums(info, root)["canceled"], root.currency)

    @staticmethod
    def resolve_authorize_status(root: OrderModel, info: Any) -> str:
        sums = _sums(info, root)
        covered = sums["charged"] - sums["refunded"] + sums["authorized"]
        if root.total <= 0 or covered >= root.total:
            return "FULL"
        return "PARTIAL" if covered > 0 else "NONE"

    @staticmethod
    def resolve_undiscounted_total(root: OrderModel, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(root.total + root.discount_total, root.currency)

    @staticmethod
    def resolve_discount(root: OrderModel, info: Any) -> MoneyValue | None:
        return Money.build(root.discount_total, root.currency) if root.discount_total else None

    @staticmethod
    def resolve_discount_name(root: OrderModel, info: Any) -> str | None:
        return root.voucher_code or None

    @staticmethod
    def resolve_translated_discount_name(root: OrderModel, info: Any) -> str | None:
        return root.voucher_code or None

    @staticmethod
    def resolve_shipping_method_name(root: OrderModel, info: Any) -> str | None:
        names = sorted(
            {vo.shipping_method_name for vo in _order_module()._vendor_orders(info, root)} - {""}
        )
        return ", ".join(names) or None

    @staticmethod
    def resolve_language_code(root: OrderModel, info: Any) -> str:
        return root.language_code

    @staticmethod
    def resolve_origin(root: OrderModel, info: Any) -> str:
        return "CHECKOUT"  # every order here is placed from a checkout

    @staticmethod
    def resolve_original(root: OrderModel, info: Any) -> None:
        return None

    @staticmethod
    def resolve_checkout_id(root: OrderModel, info: Any) -> str:
        return to_global_id("Checkout", str(root.checkout_token))

    @staticmethod
    def resolve_tax_exemption(root: OrderModel, info: Any) -> bool:
        return False


def _product_id(info: Any, line: Any) -> int | None:
    """The product of an order line's variant, looked up for all sibling lines at once."""
    from marketplace.catalog.models import ProductVariant
    from marketplace.graphql.core.context import request_state, siblings_of

    if line.variant_id is None:
        return None
    known = request_state(info.context).setdefault("order_line_products", {})
    if line.variant_id not in known:
        wanted = {s.variant_id for s in siblings_of(info.context, line) if s.variant_id}
        wanted.add(line.variant_id)
        known.update(
            ProductVariant.objects.filter(pk__in=wanted - set(known)).values_list(
                "pk", "product_id"
            )
        )
    found: int | None = known.get(line.variant_id)
    return found


class OrderLineSaleorFields(graphene.ObjectType):
    """A line's price is what the buyer paid for it: vouchers here discount the parcel, not
    the line, so the undiscounted unit price is the unit price and the unit discount zero."""

    class Meta:
        abstract = True

    thumbnail = graphene.Field(
        "marketplace.graphql.core.types.Image",
        size=graphene.Int(),
        format=graphene.Argument(
            "marketplace.graphql.core.types.ThumbnailFormatEnum", default_value="original"
        ),
    )
    undiscounted_unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_total_price = graphene.Field(TaxedMoney, required=True)
    unit_discount = graphene.Field(Money, required=True)
    tax_rate = graphene.Float(required=True, description="0: prices here are charged as listed.")
    is_price_overridden = graphene.Boolean()
    voucher_code = graphene.String()

    @staticmethod
    def resolve_thumbnail(root: Any, info: Any, size: int | None = None, format: Any = None) -> Any:
        from marketplace.graphql.catalog.dataloaders import MediaByProductIdLoader
        from marketplace.graphql.catalog.media import image_of
        from marketplace.graphql.core.dataloader import load_for

        media = load_for(
            info.context, root, MediaByProductIdLoader, key=lambda line: _product_id(info, line)
        )
        return image_of(info, media[0] if media else None, size, format)

    @staticmethod
    def resolve_undiscounted_unit_price(root: Any, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(root.unit_price, root.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root: Any, info: Any) -> TaxedMoneyValue:
        return TaxedMoney.untaxed(root.total_price, root.currency)

    @staticmethod
    def resolve_unit_discount(root: Any, info: Any) -> MoneyValue:
        return Money.build(Decimal(0), root.currency)

    @staticmethod
    def resolve_tax_rate(root: Any, info: Any) -> float:
        return 0.0

    @staticmethod
    def resolve_is_price_overridden(root: Any, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_voucher_code(root: Any, info: Any) -> None:
        return None
