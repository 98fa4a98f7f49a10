"""Settlement when the shipment leaves: each member's lines (less refunds) split by the payout
ledger's own ``split`` into its share, the cluster's fee and the marketplace's commission;
packaging and the consolidated shipping go to the cluster, which packs and ships; duties
charged under DDP are held for customs. The entries add up to what the buyer paid."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.money import quantize
from marketplace.orders.money import fee_rates
from marketplace.payouts.ledger import split
from marketplace.payouts.models import EntryKind, LedgerEntry

from ..models import QuoteShare, WholesaleQuote
from .quotes import accepted_shares


def _split_rows(
    *, share: QuoteShare, amount: Decimal, key: str, kind: str, rates: tuple[Decimal, Decimal]
) -> list[LedgerEntry]:
    quote = share.line.quote
    parts = split(
        amount, currency=quote.currency, commission_rate=rates[0], cluster_fee_rate=rates[1]
    )
    base = {"currency": quote.currency, "vendor_order": None}
    return [
        LedgerEntry(
            vendor_id=share.workshop_id, kind=kind, amount=parts.share, key=f"{key}:share", **base
        ),
        LedgerEntry(
            vendor_id=None,
            kind=EntryKind.MARKETPLACE_FEE,
            amount=parts.commission,
            key=f"{key}:commission",
            **base,
        ),
        LedgerEntry(
            vendor_id=quote.cluster_id,
            kind=EntryKind.CLUSTER_FEE,
            amount=parts.cluster_fee,
            key=f"{key}:cluster",
            **base,
        ),
    ]


@transaction.atomic
def quote_settle(*, quote: WholesaleQuote) -> bool:
    """Credit the ledger once (False if already done). A fixed number of queries whatever the
    number of lines: shares in one query, rates in two, entries in one insert."""
    quote = WholesaleQuote.objects.select_for_update().get(pk=quote.pk)
    if quote.settled_at is not None:
        return False
    version = quote.accepted_version
    if version is None:
        raise DomainError("Only an accepted quote is settled.", field="id")
    shares = accepted_shares(quote)
    currency = quote.currency
    values = {s.pk: quantize(s.unit_price * s.quantity, currency) for s in shares}
    if sum(values.values(), Decimal(0)) != version.lines_total:
        raise DomainError(
            "The shares no longer add up to the accepted lines: re-share at the quoted price.",
            field="lines",
            code="LINES_NOT_ALLOCATED",
        )
    rates = fee_rates(vendor_ids=list({s.workshop_id for s in shares}))
    rows: list[LedgerEntry] = []
    prefix = f"wholesale:{quote.pk}"
    for share in shares:
        share.line.quote = quote
        rows += _split_rows(
            share=share,
            amount=values[share.pk] - share.refunded,
            key=f"{prefix}:share:{share.pk}",
            kind=EntryKind.SALE,
            rates=rates[share.workshop_id],
        )
    handling = version.packaging + version.shipping
    if handling:
        rows.append(
            LedgerEntry(
                vendor_id=quote.cluster_id,
                kind=EntryKind.SALE,
                currency=currency,
                amount=handling,
                key=f"{prefix}:handling",
            )
        )
    if quote.incoterm == "DDP" and version.duties:
        rows.append(
            LedgerEntry(
                vendor_id=None,
                kind=EntryKind.DUTIES,
                currency=currency,
                amount=version.duties,
                key=f"{prefix}:duties",
            )
        )
    LedgerEntry.objects.bulk_create(rows)
    quote.settled_at = timezone.now()
    quote.save(update_fields=["settled_at"])
    return True


def ledger_debit_share_refund(*, share: QuoteShare, amount: Decimal, key: str) -> None:
    """A refund after settlement: taken back from the share, the cluster fee and the commission
    in the same proportions as the credit."""
    rates = fee_rates(vendor_ids=[share.workshop_id])[share.workshop_id]
    share.line.quote = WholesaleQuote.objects.get(pk=share.line.quote_id)
    LedgerEntry.objects.bulk_create(
        _split_rows(
            share=share,
            amount=-amount,
            key=f"wholesale-refund:q{share.line.quote_id}:{key}",
            kind=EntryKind.REFUND,
            rates=rates,
        )
    )


def ledger_total(*, quote: WholesaleQuote) -> Decimal:
    """Everything the ledger holds for this group order (to check against what was paid)."""
    rows = LedgerEntry.objects.filter(key__startswith=f"wholesale:{quote.pk}:").values_list(
        "amount", flat=True
    )
    refunds = LedgerEntry.objects.filter(
        key__startswith=f"wholesale-refund:q{quote.pk}:"
    ).values_list("amount", flat=True)
    return quantize(sum([*rows, *refunds], Decimal(0)), quote.currency)
