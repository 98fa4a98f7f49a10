"""Promo codes on a checkout."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction

from marketplace.core.errors import DomainError
from marketplace.discounts.services import EligibleLine, voucher_discount, voucher_find

from .delivery import lines_for_pricing
from .models import Checkout
from .pricing import checkout_totals
from .services import checkout_get


@transaction.atomic
def checkout_add_promo_code(*, token: UUID, code: str) -> Checkout:
    """Apply a voucher when it is live, in the channel, and the basket qualifies."""
    checkout = checkout_get(token=token)
    if not code.strip():
        raise DomainError("Give a promo code.", field="promoCode", code="REQUIRED")
    voucher, listing = voucher_find(code=code, channel_id=checkout.channel_id)
    lines = lines_for_pricing(checkout)
    totals = checkout_totals(checkout=checkout, lines=lines)
    voucher_discount(
        voucher=voucher,
        listing=listing,
        lines=[
            EligibleLine(
                total=totals.lines[line.pk].total,
                workshop_id=line.variant.product.vendor_id,
                cluster_id=line.variant.product.vendor.cluster_id,
            )
            for line in lines
        ],
    )
    checkout.voucher_code = voucher.code
    checkout.save(update_fields=["voucher_code", "updated_at"])
    return checkout


@transaction.atomic
def checkout_remove_promo_code(*, token: UUID, code: str | None = None) -> Checkout:
    checkout = checkout_get(token=token)
    if code is not None and code.strip().upper() != checkout.voucher_code.upper():
        raise DomainError(
            "This promo code is not on the checkout.", field="promoCode", code="NOT_FOUND"
        )
    checkout.voucher_code = ""
    checkout.save(update_fields=["voucher_code", "updated_at"])
    return checkout
