"""A buyer starts paying a checkout: the basket locked, priced and holding its stock, then
the gateway asked (payments.services.transaction_initialize)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import connections, router, transaction

from marketplace.checkout.access import checkout_access
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.holds import checkout_reserve
from marketplace.checkout.models import Checkout
from marketplace.checkout.pricing import checkout_totals
from marketplace.core.errors import DomainError, NotFound

from .models import Transaction, TransactionEvent
from .services import became_an_order, transaction_initialize


def checkout_payment_start(
    *,
    actor: Any,
    token: UUID,
    gateway_id: str,
    data: Mapping[str, Any] | None,
    amount: Decimal | None = None,
    idempotency_key: str | None = None,
    action: str = "CHARGE",
    shortage_on_checkout: bool = True,
    key_names_total: bool = False,
) -> tuple[Transaction, TransactionEvent | None, Mapping[str, Any] | None]:
    """Pay (part of) the checkout ``actor`` may use, as transaction_initialize does.

    The basket is read once, under its row lock (held to the end of the caller's
    transaction), and that one reading serves the access check, the total due, the stock
    hold and the payment's own checks. Paying commits the buyer, so the lines' stock is held
    (again, if a failed attempt let go of it); if it cannot be, nothing is written and the
    error names the checkout (INVALID on ``id``).

    ``shortage_on_checkout`` (default True): a shortage is told as INVALID on ``id`` because
    the API's transactionInitialize has no stock error code. The web shop
    (storefront/shop/checkout.py, stripe_pay.py) passes False to get the hold's own error
    (INSUFFICIENT_STOCK on ``quantity``), which it words for the buyer in their language, as
    it did when it held the stock itself. Either way nothing is written.

    ``key_names_total`` (default False): the total due, as computed under the lock, ends the
    idempotency key (``<key>-<total>``), so one key asks for one amount: the same key and
    total give the same payment back, a changed total a new one. The shop's Stripe page
    needs it: its request may be retried with the same key, and only here, under the lock,
    is the total known for sure (the page's own pricing a moment before may be out of date,
    and would then give the retry another key and the buyer a second intent).
    """
    with transaction.atomic():  # a refused hold leaves the basket's holds as they were
        try:
            checkout = checkout_access(actor=actor, token=token, lock=True)
        except NotFound:
            _refuse_if_just_ordered(actor=actor, token=token)
            raise
        lines = lines_for_pricing(checkout)
        if not lines:
            raise DomainError("The checkout has no lines to pay for.", field="id", code="INVALID")
        due = checkout_totals(checkout=checkout, lines=lines).total
        if key_names_total and idempotency_key and idempotency_key.strip():
            idempotency_key = f"{idempotency_key}-{due}"
        try:
            checkout_reserve(checkout, paying=True, locked=True, lines=lines)
        except DomainError as error:
            if not shortage_on_checkout:
                raise
            raise DomainError(error.message, field="id", code="INVALID") from error
    # The lock outlives the block above only inside the caller's transaction (a GraphQL
    # mutation's); called in autocommit, the payment takes the lock again itself.
    still_locked = connections[router.db_for_write(Checkout)].in_atomic_block
    return transaction_initialize(
        checkout=checkout,
        amount_due=due,
        gateway_id=gateway_id,
        data=data,
        amount=amount,
        idempotency_key=idempotency_key,
        action=action,
        checkout_locked=still_locked,
    )


def _refuse_if_just_ordered(*, actor: Any, token: UUID) -> None:
    """A completion we waited for (under the basket's lock) made the order and deleted the
    basket: say so, as the payment's own check would, to whom the basket was open."""
    from marketplace.orders.models import Order  # orders build on payments

    order = Order.objects.filter(checkout_token=token).only("user_id").first()
    if order is None:
        return
    owner = order.user_id
    if owner is None or (
        getattr(actor, "is_authenticated", False) and (actor.pk == owner or actor.is_staff)
    ):
        raise became_an_order()
