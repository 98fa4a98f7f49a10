"""Money for a group order, through the payments machinery: a card payment is a
payments.Transaction keyed by the quote's token (its ``checkout_token``), started through the
same gateways and recorded by the same ``transaction_record``; a bank transfer is recorded by
staff; a net-terms order carries a receivable and its due date."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import quantize
from marketplace.payments.gateway import PaymentRequest
from marketplace.payments.models import EventType, Transaction, TransactionEvent
from marketplace.payments.services import (
    payment_amount,
    payment_gateway_get,
    transaction_record,
    transaction_refund,
)

from ..access import quote_for_buyer
from ..models import PaymentTerms, QuoteShare, QuoteStatus, WholesalePayment, WholesaleQuote

PAYABLE = (QuoteStatus.ACCEPTED, QuoteStatus.IN_PRODUCTION)


def quote_paid(quote: WholesaleQuote) -> Decimal:
    """Paid and not given back."""
    paid = WholesalePayment.objects.filter(quote=quote).aggregate(
        n=Coalesce(Sum(F("amount") - F("refunded")), Decimal(0))
    )["n"]
    return quantize(Decimal(paid), quote.currency)


def amount_due(quote: WholesaleQuote, *, kind: str) -> Decimal:
    version = quote.accepted_version
    if version is None:
        return Decimal(0)
    refunded = QuoteShare.objects.filter(line__quote=quote).aggregate(
        n=Coalesce(Sum("refunded"), Decimal(0))
    )["n"]
    paid = quote_paid(quote) + Decimal(refunded)
    target = version.deposit if kind == "DEPOSIT" else version.total
    return max(Decimal(0), quantize(target - paid, quote.currency))


def _after_payment(quote: WholesaleQuote) -> None:
    if quote.status == QuoteStatus.ACCEPTED:
        quote.status = QuoteStatus.IN_PRODUCTION
        quote.save(update_fields=["status"])


def quote_pay(
    *,
    actor: Any,
    quote_id: int,
    kind: str,
    gateway_id: str,
    data: Any = None,
    idempotency_key: str | None = None,
) -> WholesalePayment | None:
    """Pay the DEPOSIT or the BALANCE by card. None when the gateway declined (the transaction
    and its failure event are kept, as for a checkout)."""
    if kind not in ("DEPOSIT", "BALANCE"):
        raise DomainError("DEPOSIT or BALANCE.", field="kind", code="INVALID")
    key = (idempotency_key or uuid.uuid4().hex)[:128]
    with transaction.atomic():
        quote = quote_for_buyer(actor, quote_id, lock=True)
        found = Transaction.objects.filter(checkout_token=quote.token, idempotency_key=key).first()
        if found is not None:  # a retry: the first answer
            return WholesalePayment.objects.filter(transaction=found).first()
        if quote.status not in PAYABLE or quote.payment_terms == PaymentTerms.NET:
            raise DomainError("Nothing to pay by card on this quote now.", field="id")
        gateway = payment_gateway_get(
            gateway_id=gateway_id, currency=quote.currency, field="gateway"
        )
        due = amount_due(quote, kind=kind)
        if due <= 0:
            raise DomainError(f"The {kind.lower()} is already paid.", field="kind")
        try:
            txn = Transaction.objects.create(
                checkout_token=quote.token,
                channel_id=quote.channel_id,
                gateway_id=gateway.id,
                name=gateway.name,
                currency=quote.currency,
                amount_requested=due,
                idempotency_key=key,
            )
        except IntegrityError:
            raise DomainError(
                "This payment is already under way.", field="idempotencyKey"
            ) from None
        TransactionEvent.objects.create(
            transaction=txn, type=EventType.CHARGE_REQUEST, amount=due, key=EventType.CHARGE_REQUEST
        )
    response = gateway.start(
        PaymentRequest(
            transaction_token=txn.token,
            checkout_token=quote.token,
            amount=due,
            currency=quote.currency,
            action="CHARGE",
            data=data,
            email=quote.business.contact_email,
            idempotency_key=f"txn-{txn.token}",
        )
    )
    with transaction.atomic():
        transaction_record(transaction_token=txn.token, response=response)
        txn.refresh_from_db()
        if txn.charged <= 0:
            return None
        quote = WholesaleQuote.objects.select_for_update().get(pk=quote.pk)
        payment = WholesalePayment.objects.create(
            quote=quote, kind=kind, transaction=txn, amount=txn.charged
        )
        _after_payment(quote)
    return payment


@transaction.atomic
def bank_transfer_record(
    *, actor: Any, quote_id: int, kind: str, amount: Decimal, reference: str
) -> WholesalePayment:
    """Staff record a transfer received on the marketplace's account."""
    quote = WholesaleQuote.objects.select_for_update().filter(pk=quote_id).first()
    if quote is None or not (actor and actor.is_authenticated and actor.is_staff):
        raise NotFound("No such quote.", field="id")
    if quote.status not in PAYABLE and not (
        quote.payment_terms == PaymentTerms.NET and quote.status == QuoteStatus.SHIPPED
    ):
        raise DomainError("Nothing to pay on this quote now.", field="id")
    if not reference.strip():
        raise DomainError("The bank's reference of the transfer.", field="reference")
    amount = payment_amount(amount=amount, currency=quote.currency)
    left = amount_due(quote, kind="BALANCE")
    if amount > left:
        raise DomainError(f"Only {left} {quote.currency} is due.", field="amount")
    payment = WholesalePayment.objects.create(
        quote=quote, kind=kind, amount=amount, bank_reference=reference.strip()[:64]
    )
    _after_payment(quote)
    return payment


@transaction.atomic
def payment_refund_share(
    *, actor: Any, share_id: int, amount: Decimal, key: str, reason: str = ""
) -> Decimal:
    """Give part of a share's value back to the buyer (staff): through the card payment's
    gateway when there is one, and from the workshop's ledger if it was already credited."""
    from .settlement import ledger_debit_share_refund

    if not (actor and actor.is_authenticated and actor.is_staff):
        raise NotFound("No such share.", field="id")
    share = QuoteShare.objects.select_for_update().filter(pk=share_id).first()
    if share is None:
        raise NotFound("No such share.", field="id")
    quote = WholesaleQuote.objects.select_for_update().get(pk=share.line.quote_id)
    amount = payment_amount(amount=amount, currency=quote.currency)
    value = quantize(share.unit_price * share.quantity, quote.currency) - share.refunded
    if amount > value or amount > quote_paid(quote):
        raise DomainError(
            "More than was paid for this share.", field="amount", code="CANNOT_REFUND"
        )
    payment = (
        WholesalePayment.objects.select_for_update()
        .filter(quote=quote, amount__gt=F("refunded"))
        .order_by("-amount")
        .first()
    )
    assert payment is not None  # quote_paid > 0
    if payment.amount - payment.refunded < amount:
        raise DomainError(
            "Refund at most one payment at a time.", field="amount", code="CANNOT_REFUND"
        )
    if payment.transaction_id:
        transaction_refund(
            transaction_token=payment.transaction_id, amount=amount, key=key, reason=reason
        )
    payment.refunded += amount
    payment.save(update_fields=["refunded"])
    share.refunded += amount
    share.save(update_fields=["refunded"])
    if quote.settled_at:
        ledger_debit_share_refund(share=share, amount=amount, key=key)
    return amount
