"""What a checkout costs, line by line, in the channel's currency (Decimal throughout)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import OuterRef, QuerySet, Subquery

from marketplace.catalog.models import ProductVariantChannelListing
from marketplace.core.errors import DomainError
from marketplace.core.money import quantize
from marketplace.core.query_templates import QueryTemplate
from marketplace.discounts.services import EligibleLine, voucher_discount, voucher_find
from marketplace.packaging.models import PackagingOptionChannelListing
from marketplace.shipping.customs import (
    CustomsDeclaration,
    customs_facts_for,
    duty_rates,
    parcel_declaration,
)
from marketplace.shipping.quotes import (
    DeliveryGroup,
    ShippingQuote,
    delivery_groups,
    line_unit_weight,
    shipping_quotes,
)

from .models import Checkout, CheckoutDelivery, CheckoutLine


@dataclass(frozen=True)
class LinePrice:
    unit: Decimal
    total: Decimal
    packaging_unit: Decimal
    packaging_total: Decimal


@dataclass(frozen=True)
class CheckoutTotals:
    currency: str
    lines: dict[UUID, LinePrice]
    goods: Decimal
    packaging: Decimal
    shipping: Decimal
    discount: Decimal
    discount_name: str | None
    groups: list[DeliveryGroup] = field(default_factory=list)
    quotes: dict[int, list[ShippingQuote]] = field(default_factory=dict)
    chosen: dict[int, ShippingQuote] = field(default_factory=dict)
    # The parcels' customs declarations are worked out (two queries) when first asked for: a
    # total without duties (DAP) does not need them.
    customs_of: Callable[[], dict[int, CustomsDeclaration]] = field(
        default=dict, compare=False, repr=False
    )
    duties_mode: str = "DAP"
    # Variants of the lines that have a price in the channel (the others count as free here:
    # completing the checkout refuses them).
    listed: frozenset[int] = frozenset()

    _worked_out: dict[str, dict[int, CustomsDeclaration]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def customs(self) -> dict[int, CustomsDeclaration]:
        if "customs" not in self._worked_out:
            self._worked_out["customs"] = self.customs_of()
        return self._worked_out["customs"]

    @property
    def subtotal(self) -> Decimal:
        return self.goods + self.packaging

    @property
    def duties_estimate(self) -> Decimal:
        return sum((c.duties for c in self.customs.values()), Decimal(0))

    @property
    def duties(self) -> Decimal:
        """Duties charged with the order: the estimate when the channel ships duties-paid."""
        return self.duties_estimate if self.duties_mode == "DDP" else Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.shipping + self.duties


# The methods chosen per parcel, asked by every total: compiled once (core.query_templates).
_CHOICES: QueryTemplate[Any] = QueryTemplate(
    lambda token: CheckoutDelivery.objects.filter(checkout_id=token).values(
        "vendor_id", "method_id"
    ),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0de6"),
)


def with_channel_prices(
    lines: QuerySet[CheckoutLine], *, channel_id: int
) -> QuerySet[CheckoutLine]:
    """The lines, each with its variant's price in the channel read along (``channel_price``,
    None when the variant is not listed there): checkout_totals then need not read them."""
    listing = ProductVariantChannelListing.objects.filter(
        variant_id=OuterRef("variant_id"), channel_id=channel_id
    )
    return lines.annotate(channel_price=Subquery(listing.values("price_amount")[:1]))


def _prices(checkout: Checkout, lines: list[CheckoutLine]) -> dict[int, Decimal]:
    if lines and all(hasattr(line, "channel_price") for line in lines):
        read = {line.variant_id: getattr(line, "channel_price") for line in lines}  # noqa: B009
        return {variant_id: price for variant_id, price in read.items() if price is not None}
    return dict(
        ProductVariantChannelListing.objects.filter(
            variant_id__in={line.variant_id for line in lines}, channel_id=checkout.channel_id
        ).values_list("variant_id", "price_amount")
    )


def _line_prices(
    checkout: Checkout, lines: list[CheckoutLine]
) -> tuple[dict[UUID, LinePrice], frozenset[int]]:
    currency = checkout.currency
    prices = _prices(checkout, lines)
    wrapped = {line.packaging_option_id for line in lines if line.packaging_option_id}
    packaging = (
        dict(
            PackagingOptionChannelListing.objects.filter(
                option_id__in=wrapped, channel_id=checkout.channel_id
            ).values_list("option_id", "price_amount")
        )
        if wrapped
        else {}
    )
    priced: dict[UUID, LinePrice] = {}
    for line in lines:
        unit = quantize(prices.get(line.variant_id, Decimal(0)), currency)
        wrap = quantize(packaging.get(line.packaging_option_id or 0, Decimal(0)), currency)
        priced[line.pk] = LinePrice(
            unit=unit,
            total=quantize(unit * line.quantity, currency),
            packaging_unit=wrap,
            packaging_total=quantize(wrap * line.quantity, currency),
        )
    return priced, frozenset(prices)


def _offer(
    checkout: Checkout, lines: list[CheckoutLine], priced: dict[UUID, LinePrice]
) -> tuple[list[DeliveryGroup], dict[int, list[ShippingQuote]]]:
    groups = delivery_groups(lines=lines, line_totals={k: v.total for k, v in priced.items()})
    if checkout.shipping_address_id is None or not groups:
        return groups, {}
    assert checkout.shipping_address is not None
    quotes = shipping_quotes(
        groups=groups,
        country=str(checkout.shipping_address.country),
        channel_id=checkout.channel_id,
    )
    return groups, quotes


def checkout_delivery_offer(
    *, checkout: Checkout, lines: list[CheckoutLine]
) -> tuple[list[DeliveryGroup], dict[int, list[ShippingQuote]]]:
    """The parcels and, per workshop, the methods that may ship them, priced as in
    checkout_totals (a choice of method is checked against these) without what a choice
    does not depend on: the promo code, the choices already made, customs."""
    return _offer(checkout, lines, _line_prices(checkout, lines)[0])


def checkout_totals(*, checkout: Checkout, lines: list[CheckoutLine]) -> CheckoutTotals:
    """A fixed number of queries whatever the number of lines. Packaging is priced per piece;
    shipping is the sum of the methods chosen for each workshop's parcel.

    Lines must come with variant, product, product type, vendor and packaging loaded."""
    currency = checkout.currency
    priced, listed = _line_prices(checkout, lines)
    zero = quantize(Decimal(0), currency)
    discount, discount_name = zero, None
    if checkout.voucher_code:
        try:
            voucher, listing = voucher_find(
                code=checkout.voucher_code, channel_id=checkout.channel_id
            )
            discount = voucher_discount(
                voucher=voucher,
                listing=listing,
                lines=[
                    EligibleLine(
                        total=priced[line.pk].total,
                        workshop_id=line.variant.product.vendor_id,
                        cluster_id=line.variant.product.vendor.cluster_id,
                    )
                    for line in lines
                ],
            )
            discount_name = voucher.name
        except DomainError:
            pass  # no longer applicable (lines removed, expired): the basket pays full price
    groups, quotes = _offer(checkout, lines, priced)
    chosen: dict[int, ShippingQuote] = {}
    if quotes:
        picked = {
            row["vendor_id"]: row["method_id"] for row in _CHOICES.dicts(token=checkout.token)
        }
        for vendor_id, offered in quotes.items():
            match = next((q for q in offered if q.method_id == picked.get(vendor_id)), None)
            if match is not None:  # a choice no longer offered (lines changed) does not count
                chosen[vendor_id] = match
    address = checkout.shipping_address

    def customs() -> dict[int, CustomsDeclaration]:
        if address is None:
            return {}
        return _customs(groups, priced, str(address.country), currency)

    return CheckoutTotals(
        currency=currency,
        lines=priced,
        goods=sum((p.total for p in priced.values()), zero),
        packaging=sum((p.packaging_total for p in priced.values()), zero),
        shipping=sum((q.price for q in chosen.values()), zero),
        discount=discount,
        discount_name=discount_name,
        groups=groups,
        quotes=quotes,
        chosen=chosen,
        customs_of=customs,
        duties_mode=checkout.channel.duties_mode,
        listed=listed,
    )


def _customs(
    groups: list[DeliveryGroup], priced: dict[UUID, LinePrice], destination: str, currency: str
) -> dict[int, CustomsDeclaration]:
    """A declaration for every parcel that crosses a border (two queries in all)."""
    abroad = [g for g in groups if str(g.vendor.country) != destination]
    if not abroad:
        return {}
    lines = [line for g in abroad for line in g.lines]
    facts = customs_facts_for(lines)
    rates = duty_rates(destination=destination, chapters={hs[:2] for hs, _ in facts.values()})
    return {
        group.vendor.pk: parcel_declaration(
            lines=group.lines,
            line_totals={line.pk: priced[line.pk].total for line in group.lines},
            unit_weights={line.pk: line_unit_weight(line) for line in group.lines},
            facts=facts,
            destination=destination,
            currency=currency,
            rates=rates,
        )
        for group in abroad
    }
