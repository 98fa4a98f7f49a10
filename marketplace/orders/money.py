"""How an order's money divides between workshops: discount shares and fee rates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings

from marketplace.checkout.models import CheckoutLine
from marketplace.checkout.pricing import CheckoutTotals
from marketplace.core.money import currency_precision
from marketplace.payouts.models import PayoutAccount
from marketplace.vendors.models import Vendor


def split_exactly(
    amount: Decimal, weights: dict[int, Decimal], currency: str
) -> dict[int, Decimal]:
    """Divide ``amount`` in proportion to ``weights`` in the currency's minor units; the parts
    add up to ``amount`` exactly (largest remainder)."""
    total = sum(weights.values(), Decimal(0))
    if not weights or total <= 0 or amount == 0:
        return {key: Decimal(0) for key in weights}
    unit = Decimal(1).scaleb(-currency_precision(currency))
    units = int(amount / unit)
    raw = {key: Decimal(units) * w / total for key, w in weights.items()}
    parts = {key: int(value) for key, value in raw.items()}
    left = units - sum(parts.values())
    for key in sorted(raw, key=lambda k: (raw[k] - parts[k], -k), reverse=True)[:left]:
        parts[key] += 1
    return {key: Decimal(count) * unit for key, count in parts.items()}


def discount_shares(
    *, voucher: Any, totals: CheckoutTotals, lines: Sequence[CheckoutLine], amount: Decimal
) -> dict[int, Decimal]:
    """The discount each workshop's parcel carries: in proportion to its eligible goods."""
    if voucher is None or amount <= 0:
        return {}
    eligible: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        vendor = line.variant.product.vendor
        if voucher.vendor_id is None or voucher.vendor_id in (vendor.pk, vendor.cluster_id):
            eligible[vendor.pk] += totals.lines[line.pk].total
    return split_exactly(amount, dict(eligible), totals.currency)


def fee_rates(
    *, vendor_ids: Sequence[int], clusters: Mapping[int, int | None] | None = None
) -> dict[int, tuple[Decimal, Decimal]]:
    """(marketplace commission, cluster fee) per workshop, from its and its cluster's payout
    accounts, else the defaults in settings. Two queries; one when ``clusters`` (each
    workshop's cluster id, as the caller has them loaded) is given."""
    if clusters is None:
        found = Vendor.objects.filter(pk__in=vendor_ids).only("pk", "cluster_id")
        clusters = {v.pk: v.cluster_id for v in found}
    owners = set(vendor_ids) | {c for c in clusters.values() if c}
    accounts = {a.vendor_id: a for a in PayoutAccount.objects.filter(vendor_id__in=owners)}
    rates = {}
    for vendor_id in vendor_ids:
        own = accounts.get(vendor_id)
        commission = (
            own.commission_rate
            if own and own.commission_rate is not None
            else settings.MARKETPLACE_COMMISSION_RATE
        )
        cluster_id = clusters[vendor_id]
        cluster = accounts.get(cluster_id) if cluster_id else None
        fee = Decimal(0)
        if cluster_id:
            fee = (
                cluster.cluster_fee_rate
                if cluster and cluster.cluster_fee_rate is not None
                else settings.CLUSTER_FEE_RATE
            )
        rates[vendor_id] = (Decimal(commission), Decimal(fee))
    return rates
