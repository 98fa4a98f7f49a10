"""Ledger entries for sales and refunds. Every amount is split into the workshop's share,
the cluster's fee and the marketplace's commission so that the three add up exactly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce

from marketplace.core.money import quantize
from marketplace.orders.models import VendorOrder

from .models import EntryKind, LedgerEntry


@dataclass(frozen=True)
class Split:
    share: Decimal
    commission: Decimal
    cluster_fee: Decimal


def split(
    amount: Decimal, *, currency: str, commission_rate: Decimal, cluster_fee_rate: Decimal
) -> Split:
    commission = quantize(amount * commission_rate, currency)
    cluster_fee = quantize(amount * cluster_fee_rate, currency)
    return Split(amount - commission - cluster_fee, commission, cluster_fee)


def _entries(
    *, vendor_order: VendorOrder, key: str, amount: Decimal, kind: str, marketplace_extra: Decimal
) -> None:
    currency = vendor_order.order.currency
    parts = split(
        amount,
        currency=currency,
        commission_rate=vendor_order.commission_rate,
        cluster_fee_rate=vendor_order.cluster_fee_rate,
    )
    cluster_id = vendor_order.vendor.cluster_id
    rows = [
        LedgerEntry(
            vendor_id=vendor_order.vendor_id,
            kind=kind,
            currency=currency,
            amount=parts.share,
            vendor_order=vendor_order,
            key=f"{key}:share",
        ),
        LedgerEntry(
            vendor_id=None,
            kind=EntryKind.MARKETPLACE_FEE,
            currency=currency,
            amount=parts.commission + marketplace_extra,
            vendor_order=vendor_order,
            key=f"{key}:commission",
        ),
    ]
    if parts.cluster_fee or cluster_id:
        rows.append(
            LedgerEntry(
                vendor_id=cluster_id,
                kind=EntryKind.CLUSTER_FEE,
                currency=currency,
                amount=parts.cluster_fee,
                vendor_order=vendor_order,
                key=f"{key}:cluster",
            )
        )
    LedgerEntry.objects.bulk_create(rows)


@transaction.atomic
def ledger_credit_fulfilled(*, vendor_order: VendorOrder) -> bool:
    """Credit a shipped parcel once: what the buyer paid for it (less refunds so far), split.
    A marketplace-funded discount is borne by the marketplace, not the workshop."""
    key = f"sale:{vendor_order.pk}"
    if LedgerEntry.objects.filter(key=f"{key}:share").exists():
        return False
    marketplace_discount = (
        vendor_order.discount if vendor_order.discount_funded_by_marketplace else Decimal(0)
    )
    base = vendor_order.total - vendor_order.duties - vendor_order.refunded + marketplace_discount
    _entries(
        vendor_order=vendor_order,
        key=key,
        amount=base,
        kind=EntryKind.SALE,
        marketplace_extra=-marketplace_discount,
    )
    if vendor_order.duties:
        LedgerEntry.objects.create(
            vendor_id=None,
            kind=EntryKind.DUTIES,
            currency=vendor_order.order.currency,
            amount=vendor_order.duties,
            vendor_order=vendor_order,
            key=f"{key}:duties",
        )
    return True


def ledger_debit_refund(*, vendor_order: VendorOrder, amount: Decimal, key: str) -> None:
    """Take a refund back from the shares already credited (after fulfilment only; before it,
    the credit at fulfilment is simply smaller)."""
    _entries(
        vendor_order=vendor_order,
        key=f"refund:{key}",
        amount=-amount,
        kind=EntryKind.REFUND,
        marketplace_extra=Decimal(0),
    )


def balance(*, vendor_id: int | None, currency: str) -> Decimal:
    rows = LedgerEntry.objects.filter(currency=currency)
    rows = (
        rows.filter(vendor__isnull=True) if vendor_id is None else rows.filter(vendor_id=vendor_id)
    )
    total = rows.aggregate(total=Coalesce(Sum("amount"), Decimal(0)))["total"]
    return quantize(Decimal(total), currency)
