"""A buyer starts paying a checkout: the basket locked, priced and holding its stock, then
the gateway asked (payments.services.transaction_initialize)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction

from marketplace.checkout.access import checkout_access
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.holds import checkout_reserve
from marketplace.checkout.pricing import checkout_totals
from marketplace.core.errors import DomainError

from .models import Transaction, TransactionEvent
from .services import transaction_initialize


def checkout_payment_start(
    *,
    actor: Any,
    token: UUID,
    gateway_id: str,
    data: Mapping[str, Any] | None,
    amount: Decimal | None = None,
    idempotency_key: str | None = None,
    action: str = "CHARGE",
) -> tuple[Transaction, TransactionEvent | None, Mapping[str, Any] | None]:
    """Pay (part of) the checkout ``actor`` may use, as transaction_initialize does.

    The basket is read once, under its row lock (held to the end of the caller's
    transaction), and that one reading serves the access check, the total due, the stock
    hold and the payment's own checks. Paying commits the buyer, so the lines' stock is held
    (again, if a failed attempt let go of it); if it cannot be, nothing is written and the
    error names the checkout (INVALID on ``id``).
    """
    with transaction.atomic():  # a refused hold leaves the basket's holds as they were
        checkout = checkout_access(actor=actor, token=token, lock=True)
        lines = lines_for_pricing(checkout)
        if not lines:
            raise DomainError("The checkout has no lines to pay for.", field="id", code="INVALID")
        due = checkout_totals(checkout=checkout, lines=lines).total
        try:
            checkout_reserve(checkout, paying=True, locked=True, lines=lines)
        except DomainError as error:
            raise DomainError(error.message, field="id", code="INVALID") from error
    return transaction_initialize(
        checkout=checkout,
        amount_due=due,
        gateway_id=gateway_id,
        data=data,
        amount=amount,
        idempotency_key=idempotency_key,
        action=action,
        checkout_locked=True,
    )
