"""How much a voucher takes off a basket. Pure arithmetic on Decimal, rounded per currency."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.money import quantize

from .models import Voucher, VoucherChannelListing, VoucherKind


@dataclass(frozen=True)
class EligibleLine:
    """A line's goods total and who made it (workshop and its cluster)."""

    total: Decimal
    workshop_id: int
    cluster_id: int | None


def voucher_find(*, code: str, channel_id: int) -> tuple[Voucher, VoucherChannelListing]:
    """The active voucher with this code usable in the channel now, or VOUCHER_NOT_APPLICABLE."""
    now = timezone.now()
    voucher = (
        Voucher.objects.filter(code__iexact=code.strip(), is_active=True, starts_at__lte=now)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .first()
    )
    listing = (
        VoucherChannelListing.objects.filter(voucher=voucher, channel_id=channel_id).first()
        if voucher
        else None
    )
    if voucher is None or listing is None:
        raise DomainError("Promo code is invalid.", field="promoCode", code="INVALID")
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise DomainError(
            "Voucher is not applicable to this checkout.",
            field="promoCode",
            code="VOUCHER_NOT_APPLICABLE",
        )
    return voucher, listing


def voucher_discount(
    *, voucher: Voucher, listing: VoucherChannelListing, lines: Iterable[EligibleLine]
) -> Decimal:
    """The amount off: a percentage of the eligible lines, or a fixed amount capped by them.
    Raises VOUCHER_NOT_APPLICABLE when nothing is eligible or the minimum spend is not met."""
    scope = voucher.vendor_id
    eligible = sum(
        (
            line.total
            for line in lines
            if scope is None or scope in (line.workshop_id, line.cluster_id)
        ),
        Decimal(0),
    )
    if eligible <= 0 or eligible < listing.min_spend:
        raise DomainError(
            "Voucher is not applicable to this checkout.",
            field="promoCode",
            code="VOUCHER_NOT_APPLICABLE",
        )
    if voucher.kind == VoucherKind.PERCENTAGE:
        assert voucher.percentage is not None
        off = eligible * voucher.percentage / Decimal(100)
    else:
        off = min(listing.amount or Decimal(0), eligible)
    return quantize(off, listing.currency)
