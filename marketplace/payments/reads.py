"""The payments' reads that every payment, gateway answer and completion makes, compiled
once per process (core.query_templates)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from marketplace.core.query_templates import QueryTemplate

from .models import EventType, Transaction, TransactionEvent


def _held(token: UUID, currency: str) -> Any:
    return (
        Transaction.objects.filter(checkout_token=token, currency=currency)
        .values("checkout_token")
        .annotate(held=Sum(F("charged") - F("refunded") + F("authorized")))
        .order_by()
    )


def _held_and_asked(token: UUID, currency: str, since: datetime) -> Any:
    answered = TransactionEvent.objects.filter(transaction=OuterRef("pk")).exclude(
        type=EventType.CHARGE_REQUEST
    )
    return (
        Transaction.objects.filter(checkout_token=token)
        .values("checkout_token")
        .annotate(
            held=Coalesce(
                Sum(F("charged") - F("refunded") + F("authorized"), filter=Q(currency=currency)),
                Decimal(0),
            ),
            asked=Coalesce(
                Sum("amount_requested", filter=Q(~Exists(answered), created_at__gte=since)),
                Decimal(0),
            ),
        )
        .order_by()
    )


# Asked by every payment and completion: compiled once (core.query_templates). One row per
# checkout (grouped by it), none when it has no payment.
_HELD = QueryTemplate(
    _held, token=uuid.UUID("5e1ec7ed-0000-4000-8000-0000000c0d10"), currency="QZQ"
)
_HELD_AND_ASKED = QueryTemplate(
    _held_and_asked,
    token=uuid.UUID("5e1ec7ed-0000-4000-8000-0000000c0d11"),
    currency="QZQ",
    since=datetime(1990, 1, 1, 0, 0, 7, tzinfo=UTC),
)


# Every gateway answer and webhook goes through _record: compiled once (core.query_templates).
_TRANSACTION_LOCKED = QueryTemplate(
    lambda token: Transaction.objects.select_for_update().filter(token=token).order_by(),
    token=uuid.UUID("5e1ec7ed-0000-4000-8000-0000000c0de8"),
)
_EVENT_OF_KEY = QueryTemplate(
    lambda token, key: TransactionEvent.objects.filter(transaction_id=token, key=key)[:1],
    token=uuid.UUID("5e1ec7ed-0000-4000-8000-0000000c0de9"),
    key="probe:key",
)


def held_for(*, token: UUID, currency: str) -> Decimal:
    """Charged and not refunded, plus authorized, in ``currency``, for the checkout."""
    rows = _HELD.dicts(token=token, currency=currency)
    return Decimal(rows[0]["held"] if rows else 0)


def held_and_asked(*, token: UUID, currency: str, since: datetime) -> tuple[Decimal, Decimal]:
    """held_for, and what payments started since ``since`` whose gateway has not answered
    yet ask for (in any currency): one query."""
    rows = _HELD_AND_ASKED.dicts(token=token, currency=currency, since=since)
    if not rows:
        return Decimal(0), Decimal(0)
    return Decimal(rows[0]["held"]), Decimal(rows[0]["asked"])


def transaction_locked(*, token: UUID) -> Transaction:
    """The transaction under its row lock; Transaction.DoesNotExist when there is none."""
    found = _TRANSACTION_LOCKED.rows(token=token)
    if not found:
        raise Transaction.DoesNotExist("Transaction matching query does not exist.")
    return found[0]


def event_of_key(*, txn: Transaction, key: str) -> TransactionEvent | None:
    """The transaction's event recorded under ``key`` (each answer is recorded once)."""
    found = _EVENT_OF_KEY.rows(token=txn.token, key=key, known={"transaction": txn})
    return found[0] if found else None
