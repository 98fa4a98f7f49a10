"""Quote versions: priced from the accepted shares, frozen when sent, accepted or declined by
the buyer, discussed in a message thread."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.money import quantize
from marketplace.orders.money import fee_rates
from marketplace.payouts.ledger import split
from marketplace.shipping.customs import duty_rates

from ..access import quote_for_buyer, quote_for_manager, quote_for_viewer
from ..models import (
    PaymentTerms,
    QuoteMessage,
    QuoteShare,
    QuoteStatus,
    QuoteVersion,
    ShareStatus,
    WholesaleQuote,
    WholesaleTerms,
)
from .allocation import line_fully_accepted
from .amounts import money_in


def accepted_shares(quote: WholesaleQuote) -> list[QuoteShare]:
    return list(
        QuoteShare.objects.filter(line__quote=quote, status=ShareStatus.ACCEPTED)
        .select_related("line", "workshop")
        .order_by("line__sort_order", "line_id", "pk")
    )


@transaction.atomic
def quote_send(
    *,
    actor: Any,
    quote_id: int,
    packaging: Decimal,
    shipping: Decimal,
    expires_on: date,
    lead_time_days: int | None = None,
) -> QuoteVersion:
    """Price the quote from its accepted shares and send it as a new version."""
    quote = quote_for_manager(actor, quote_id, lock=True)
    if quote.status not in (
        QuoteStatus.REQUESTED,
        QuoteStatus.ALLOCATING,
        QuoteStatus.CHANGES_REQUESTED,
        QuoteStatus.SENT,
    ):
        raise DomainError("This quote can no longer be revised.", field="id", code="INVALID")
    missing = line_fully_accepted(quote)
    if missing:
        raise DomainError(
            f"Not yet fully accepted by workshops: {', '.join(missing)}.",
            field="lines",
            code="LINES_NOT_ALLOCATED",
        )
    if lead_time_days is not None and lead_time_days < 0:
        raise DomainError("Days cannot be negative.", field="leadTimeDays")
    if expires_on <= timezone.localdate():
        raise DomainError("The quote must expire in the future.", field="expiresOn")
    currency = quote.currency
    packaging = money_in(packaging, currency, field="packaging", zero_ok=True)
    shipping = money_in(shipping, currency, field="shipping", zero_ok=True)
    if packaging < 0 or shipping < 0:
        raise DomainError("Amounts cannot be negative.", field="shipping")
    terms = WholesaleTerms.objects.get(vendor_id=quote.cluster_id)
    shares = accepted_shares(quote)
    rates = fee_rates(vendor_ids=list({s.workshop_id for s in shares}))
    chapters = {s.line.hs_code[:2] for s in shares}
    duty = duty_rates(destination=quote.destination_country, chapters=chapters)
    lines_total = cluster_fee = duties = Decimal(0)
    snapshot = []
    for share in shares:
        value = quantize(share.unit_price * share.quantity, currency)
        parts = split(
            value,
            currency=currency,
            commission_rate=rates[share.workshop_id][0],
            cluster_fee_rate=rates[share.workshop_id][1],
        )
        lines_total += value
        cluster_fee += parts.cluster_fee
        duties += value * duty.get(share.line.hs_code[:2], Decimal(0))
        snapshot.append(
            {
                "share": share.pk,
                "line": share.line_id,
                "title": share.line.title,
                "producer": share.workshop.name,
                "quantity": share.quantity,
                "unit_price": str(share.unit_price),
                "value": str(value),
                "promised_date": share.promised_date.isoformat(),
            }
        )
    duties = quantize(duties, currency)
    charged_duties = duties if quote.incoterm == "DDP" else Decimal(0)
    total = lines_total + packaging + shipping + charged_duties
    latest = max((s.promised_date for s in shares), default=timezone.localdate())
    lead = (
        lead_time_days
        if lead_time_days is not None
        else max(terms.lead_time_days, (latest - timezone.localdate()).days)
    )
    number = quote.versions.count() + 1
    version = QuoteVersion.objects.create(
        quote=quote,
        number=number,
        lines_total=lines_total,
        cluster_fee=cluster_fee,
        packaging=packaging,
        shipping=shipping,
        duties=duties,
        total=total,
        deposit=quantize(total * terms.deposit_share, currency),
        lead_time_days=lead,
        expires_on=expires_on,
        snapshot=snapshot,
    )
    quote.status = QuoteStatus.SENT
    quote.save(update_fields=["status"])
    return version


def _latest_open(quote: WholesaleQuote) -> QuoteVersion:
    if quote.status != QuoteStatus.SENT:
        raise DomainError("There is no quote waiting for an answer.", field="id", code="INVALID")
    version = quote.versions.order_by("-number").first()
    assert version is not None  # SENT implies a version
    if version.expires_on < timezone.localdate():
        raise DomainError("This quote has expired: ask for a new one.", code="QUOTE_EXPIRED")
    return version


@transaction.atomic
def quote_accept(*, actor: Any, quote_id: int, net_terms: bool = False) -> WholesaleQuote:
    quote = quote_for_buyer(actor, quote_id, lock=True)
    version = _latest_open(quote)
    quote.accepted_version = version
    quote.status = QuoteStatus.ACCEPTED
    if net_terms:
        if not quote.business.net_terms_approved:
            raise DomainError(
                "Net terms are for businesses staff approved for them.",
                field="netTerms",
                code="NET_TERMS_NOT_APPROVED",
            )
        terms = WholesaleTerms.objects.get(vendor_id=quote.cluster_id)
        quote.payment_terms = PaymentTerms.NET
        quote.receivable_due = timezone.localdate() + timedelta(days=terms.net_days)
        quote.status = QuoteStatus.IN_PRODUCTION  # nothing to wait for: the receivable is due
    quote.save()
    return quote


@transaction.atomic
def quote_request_changes(*, actor: Any, quote_id: int, message: str) -> WholesaleQuote:
    quote = quote_for_buyer(actor, quote_id, lock=True)
    _latest_open(quote)
    if not message.strip():
        raise DomainError("Say what should change.", field="message", code="REQUIRED")
    QuoteMessage.objects.create(quote=quote, author=actor, body=message.strip())
    quote.status = QuoteStatus.CHANGES_REQUESTED
    quote.save(update_fields=["status"])
    return quote


@transaction.atomic
def quote_decline(*, actor: Any, quote_id: int, message: str = "") -> WholesaleQuote:
    quote = quote_for_buyer(actor, quote_id, lock=True)
    if quote.status in (QuoteStatus.ACCEPTED, QuoteStatus.IN_PRODUCTION, QuoteStatus.SHIPPED):
        raise DomainError("An accepted quote cannot be declined.", field="id", code="INVALID")
    if message.strip():
        QuoteMessage.objects.create(quote=quote, author=actor, body=message.strip())
    quote.status = QuoteStatus.DECLINED
    quote.save(update_fields=["status"])
    return quote


@transaction.atomic
def quote_message_post(*, actor: Any, quote_id: int, body: str) -> QuoteMessage:
    quote = quote_for_viewer(actor, quote_id)
    if not body.strip():
        raise DomainError("Write a message.", field="body", code="REQUIRED")
    return QuoteMessage.objects.create(quote=quote, author=actor, body=body.strip()[:5000])
