"""What a checkout costs, line by line, in the channel's currency (Decimal throughout)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from marketplace.catalog.models import ProductVariantChannelListing
from marketplace.core.errors import DomainError
from marketplace.core.money import quantize
from marketplace.discounts.services import EligibleLine, voucher_discount, voucher_find
from marketplace.packaging.models import PackagingOptionChannelListing

from .models import Checkout, CheckoutLine


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

    @property
    def subtotal(self) -> Decimal:
        return self.goods + self.packaging

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.shipping


def checkout_totals(*, checkout: Checkout, lines: list[CheckoutLine]) -> CheckoutTotals:
    """Two queries whatever the number of lines. Packaging is priced per piece."""
    currency = checkout.currency
    prices = dict(
        ProductVariantChannelListing.objects.filter(
            variant_id__in={line.variant_id for line in lines}, channel_id=checkout.channel_id
        ).values_list("variant_id", "price_amount")
    )
    packaging = dict(
        PackagingOptionChannelListing.objects.filter(
            option_id__in={line.packaging_option_id for line in lines if line.packaging_option_id},
            channel_id=checkout.channel_id,
        ).values_list("option_id", "price_amount")
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
    return CheckoutTotals(
        currency=currency,
        lines=priced,
        goods=sum((p.total for p in priced.values()), zero),
        packaging=sum((p.packaging_total for p in priced.values()), zero),
        shipping=zero,  # delivery methods arrive with shipping
        discount=discount,
        discount_name=discount_name,
    )
