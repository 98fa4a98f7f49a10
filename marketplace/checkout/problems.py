"""What stands between a basket and an order, line by line (Saleor's ``problems``)."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.catalog.models import ProductVariantChannelListing
from marketplace.inventory.services import stock_available

from .models import Checkout, CheckoutLine


@dataclass(frozen=True)
class LineProblem:
    line: CheckoutLine
    kind: str  # "insufficient_stock" or "variant_not_available"
    available: int | None = None


def checkout_problems(*, checkout: Checkout, lines: list[CheckoutLine]) -> list[LineProblem]:
    """Lines no longer sold in the channel, and lines wanting more than is free (net of other
    baskets' holds). Two queries."""
    variant_ids = sorted({line.variant_id for line in lines})
    if not variant_ids:
        return []
    listed = set(
        ProductVariantChannelListing.objects.filter(
            variant_id__in=variant_ids, channel_id=checkout.channel_id, price_amount__isnull=False
        ).values_list("variant_id", flat=True)
    )
    free = stock_available(variant_ids=variant_ids, checkout_token=checkout.token)
    wanted: dict[int, int] = {}
    for line in lines:
        wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
    problems = []
    for line in lines:
        if line.variant_id not in listed:
            problems.append(LineProblem(line, "variant_not_available"))
        elif wanted[line.variant_id] > free.get(line.variant_id, 0):
            problems.append(LineProblem(line, "insufficient_stock", free.get(line.variant_id, 0)))
    return problems
