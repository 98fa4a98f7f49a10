"""Checkout fields of Saleor 3.23 that the basket's own type does not carry itself: how much
is charged or authorized against the total, the delivery chosen, the discount's name, its
transactions, and the deprecated `lastChange`/`note` that Saleor still answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from graphql_relay import to_global_id

from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.graphql.accounts.stored_payments import checkout_stored_payment_methods
from marketplace.shipping.quotes import ShippingQuote

from .delivery import ShippingMethod

CheckoutChargeStatusEnum = graphene.Enum(
    "CheckoutChargeStatusEnum", [(s, s) for s in ("NONE", "PARTIAL", "FULL", "OVERCHARGED")]
)
CheckoutAuthorizeStatusEnum = graphene.Enum(
    "CheckoutAuthorizeStatusEnum", [(s, s) for s in ("NONE", "PARTIAL", "FULL")]
)


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True)
    shipping_method = graphene.Field(ShippingMethod)

    @staticmethod
    def of(checkout_token: Any, quote: ShippingQuote) -> Delivery:
        return Delivery(
            id=to_global_id("Delivery", f"{checkout_token}:{quote.method_id}"),
            shipping_method=quote,
        )


def _amounts(info: Any, checkout: CheckoutModel) -> tuple[Decimal, Decimal, Decimal]:
    """(total due, charged net of refunds, authorized) for the checkout, once per request."""
    from .types import _totals

    total = _totals(info, checkout).total
    charged = authorized = Decimal(0)
    for txn in _transactions(info, checkout):
        if txn.currency == checkout.currency:
            charged += txn.charged - txn.refunded
            authorized += txn.authorized
    return total, charged, authorized


def _transactions(info: Any, checkout: CheckoutModel) -> list[Any]:
    from marketplace.graphql.core.context import request_state
    from marketplace.payments.models import Transaction

    cache = request_state(info.context).setdefault("checkout_transactions", {})
    if checkout.token not in cache:
        cache[checkout.token] = list(
            Transaction.objects.filter(checkout_token=checkout.token).order_by("created_at", "pk")
        )
    found: list[Any] = cache[checkout.token]
    return found


class CheckoutSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt`.")
    note = graphene.String(required=True, deprecation_reason="Use `customerNote`.")
    translated_discount_name = graphene.String()
    voucher = graphene.Field("marketplace.graphql.discounts.voucher.Voucher")
    stored_payment_methods = checkout_stored_payment_methods()
    available_collection_points = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.allocations.Warehouse"),
        required=True,
        resolver=lambda *_a, **_k: [],
        description="Always empty: parcels are shipped, never collected.",
    )
    delivery = graphene.Field(Delivery)
    transactions = graphene.List(
        graphene.NonNull("marketplace.graphql.payments.types.TransactionItem")
    )
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `delivery`.")
    tax_exemption = graphene.Boolean(
        required=True, description="Always false: prices here are charged as listed."
    )
    charge_status = graphene.Field(CheckoutChargeStatusEnum, required=True)
    authorize_status = graphene.Field(CheckoutAuthorizeStatusEnum, required=True)

    @staticmethod
    def resolve_last_change(root: CheckoutModel, info: Any) -> Any:
        return root.updated_at

    @staticmethod
    def resolve_note(root: CheckoutModel, info: Any) -> str:
        return root.customer_note

    @staticmethod
    def resolve_translated_discount_name(root: CheckoutModel, info: Any) -> str | None:
        """The voucher's name (vouchers carry one name, in the marketplace's language)."""
        if not root.voucher_code:
            return None
        from marketplace.discounts.models import Voucher

        name = Voucher.objects.filter(code=root.voucher_code).values_list("name", flat=True)
        return next(iter(name), None) or None

    @staticmethod
    def resolve_voucher(root: CheckoutModel, info: Any) -> Any:
        from marketplace.graphql.discounts.voucher import voucher_of

        return voucher_of(info, root, channel_slug=root.channel.slug)

    @staticmethod
    def resolve_delivery(root: CheckoutModel, info: Any) -> Delivery | None:
        from .delivery import shared_methods
        from .types import _totals

        totals = _totals(info, root)
        if not totals.groups or len(totals.chosen) != len(totals.groups):
            return None
        chosen = {quote.method_id for quote in totals.chosen.values()}
        if len(chosen) != 1:
            return None  # parcels ship by different methods: see deliveryGroups
        merged = [m for m in shared_methods(totals.groups, totals.quotes) if m.method_id in chosen]
        return Delivery.of(root.token, merged[0]) if merged else None

    @staticmethod
    def resolve_shipping_method(root: CheckoutModel, info: Any) -> ShippingQuote | None:
        delivery = CheckoutSaleorFields.resolve_delivery(root, info)
        return delivery.shipping_method if delivery is not None else None

    @staticmethod
    def resolve_tax_exemption(root: CheckoutModel, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_transactions(root: CheckoutModel, info: Any) -> list[Any]:
        return _transactions(info, root)

    @staticmethod
    def resolve_charge_status(root: CheckoutModel, info: Any) -> str:
        total, charged, _authorized = _amounts(info, root)
        if charged <= 0:
            return "NONE"
        if charged < total:
            return "PARTIAL"
        return "FULL" if charged == total else "OVERCHARGED"

    @staticmethod
    def resolve_authorize_status(root: CheckoutModel, info: Any) -> str:
        total, charged, authorized = _amounts(info, root)
        covered = charged + authorized
        if covered <= 0:
            return "NONE"
        return "PARTIAL" if covered < total else "FULL"


class CheckoutLineSaleorFields(graphene.ObjectType):
    """``CheckoutLine.problems``: the checkout's problems that concern this line, worked out
    once per checkout and request."""

    class Meta:
        abstract = True

    problems = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.problems.CheckoutLineProblem")
    )
    prior_unit_price = graphene.Field(
        "marketplace.graphql.core.types.Money",
        description="Always null: no prior (pre-sale) prices are recorded here.",
    )
    prior_total_price = graphene.Field(
        "marketplace.graphql.core.types.Money",
        description="Always null: no prior (pre-sale) prices are recorded here.",
    )
    price_override_reason = graphene.String(
        description="Always null: line prices are never overridden here."
    )

    @staticmethod
    def resolve_prior_unit_price(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_prior_total_price(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_price_override_reason(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_problems(root: Any, info: Any) -> list[Any]:
        from marketplace.checkout.problems import checkout_problems
        from marketplace.graphql.core.context import request_state

        from .types import _lines

        checkout = root.checkout
        cache = request_state(info.context).setdefault("checkout_problems", {})
        key = (checkout.token, checkout.updated_at)
        if key not in cache:
            cache[key] = checkout_problems(checkout=checkout, lines=_lines(info, checkout))
        return [p for p in cache[key] if p.line.pk == root.pk]
