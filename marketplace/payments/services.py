"""Taking money for a checkout through a gateway, and recording what the gateway reports.

A transaction row is written (and committed) before the gateway is called, with an idempotency
key derived from it, so a retry after a crash asks the provider the same question twice and is
answered once. Every report becomes a TransactionEvent keyed so that a replay changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone

from marketplace.checkout.access import checkout_may_access
from marketplace.checkout.models import Checkout
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import echo, max_lengths_validate
from marketplace.core.metrics import payment_failed
from marketplace.core.money import AmountError, amount_parse, quantize
from marketplace.core.plugins import plugin_manager
from marketplace.inventory.services import reservations_release

from .gateway import GatewayResponse, PaymentGateway, PaymentRequest, RefundRequest
from .models import EventType, Transaction, TransactionEvent
from .reads import event_of_key, held_and_asked, held_for, transaction_locked

FAILURE = {EventType.CHARGE_FAILURE, EventType.AUTHORIZATION_FAILURE}


def payment_gateways(*, currency: str | None = None) -> list[PaymentGateway]:
    gateways = list(plugin_manager().payment_gateways().values())
    return [g for g in gateways if currency is None or g.accepts(currency)]


def payment_gateway_get(*, gateway_id: str, currency: str, field: str = "id") -> PaymentGateway:
    """The gateway, if it exists and takes the currency; a clear error otherwise."""
    gateways = plugin_manager().payment_gateways()
    gateway = gateways.get(gateway_id)
    if gateway is None:
        raise NotFound(f"No payment gateway with id {echo(gateway_id)}.", field=field)
    if not gateway.accepts(currency):
        others = [g.id for g in payment_gateways(currency=currency)]
        hint = f" Gateways that take {currency}: {', '.join(others)}." if others else ""
        raise DomainError(
            f"{gateway.name} cannot take payments in {currency}.{hint}",
            field=field,
            code="INVALID",
        )
    return gateway


def payment_amount(*, amount: Decimal, currency: str, field: str = "amount") -> Decimal:
    """An amount a buyer asked to pay, as the currency counts it (core.money.amount_parse);
    INVALID on ``field`` naming what is wrong otherwise."""
    if amount <= 0:
        raise DomainError("The amount must be positive.", field=field, code="INVALID")
    try:
        return amount_parse(amount, currency)
    except AmountError as error:
        raise DomainError(str(error), field=field, code="INVALID") from None


def checkout_paid(*, checkout_token: UUID, currency: str) -> Decimal:
    """Money held for the checkout: charged and not refunded, plus authorized."""
    return quantize(held_for(token=checkout_token, currency=currency), currency)


# A payment whose gateway has not answered yet counts as under way for this long; a request
# that died mid-call stops blocking the checkout after it.
IN_FLIGHT_SECONDS = 120


def _paid_and_in_flight(checkout_token: UUID, currency: str) -> tuple[Decimal, Decimal]:
    """checkout_paid, and what payments still waiting for their gateway's first answer ask
    for: one query."""
    since = timezone.now() - timedelta(seconds=IN_FLIGHT_SECONDS)
    held, asked = held_and_asked(token=checkout_token, currency=currency, since=since)
    return quantize(held, currency), asked


def became_an_order() -> DomainError:
    """What paying a basket that a completion has just turned into an order is told."""
    return DomainError(
        "This checkout has just become an order: nothing more to pay.",
        field="id",
        code="CHECKOUT_COMPLETION_IN_PROGRESS",
    )


def _begin(
    *,
    checkout: Any,
    gateway: PaymentGateway,
    amount_due: Decimal,
    amount: Decimal | None,
    idempotency_key: str,
    key_is_new: bool = False,
    checkout_locked: bool = False,
) -> tuple[Transaction, bool]:
    """The transaction for this checkout and key: (existing, False) or (new, True).

    Decided under the checkout's row lock, so concurrent calls are served one at a time: each
    sees what the others paid or are paying, and only what is still due can be asked for.
    ``key_is_new``: the key was just made up here (a random UUID), so no transaction can
    carry it yet and none is looked for. ``checkout_locked``: the caller read the checkout
    under that lock in this transaction, so it exists and is not taken again.
    """
    currency = checkout.currency
    if not key_is_new:
        found = Transaction.objects.filter(
            checkout_token=checkout.token, idempotency_key=idempotency_key
        ).first()
        if found is not None:  # a retry: the first answer, even once it became an order
            return found, False
    try:
        with transaction.atomic():
            # Wait for a completion in progress; once it has made the order, the basket is gone.
            if (
                not checkout_locked
                and not Checkout.objects.select_for_update().filter(token=checkout.token).exists()
            ):
                raise became_an_order()
            found = (
                None
                if key_is_new
                else Transaction.objects.filter(
                    checkout_token=checkout.token, idempotency_key=idempotency_key
                ).first()
            )
            if found is not None:  # the same key, served while we waited for the lock
                return found, False
            paid, under_way = _paid_and_in_flight(checkout.token, currency)
            due = quantize(amount_due - paid - under_way, currency)
            if due <= 0 and under_way > 0:
                raise DomainError(
                    "Another payment for this checkout is under way: wait for its outcome.",
                    field="id",
                    code="CHECKOUT_COMPLETION_IN_PROGRESS",
                )
            if due <= 0:
                raise DomainError("This checkout is already paid.", field="amount", code="INVALID")
            if amount is not None and amount > due:
                raise DomainError(
                    f"Only {due} {currency} is left to pay on this checkout.",
                    field="amount",
                    code="INVALID",
                )
            asked = amount if amount is not None else due
            created = Transaction.objects.create(
                checkout_token=checkout.token,
                channel_id=checkout.channel_id,
                gateway_id=gateway.id,
                name=gateway.name,
                currency=currency,
                amount_requested=asked,
                idempotency_key=idempotency_key,
            )
            TransactionEvent.objects.create(
                transaction=created,
                type=EventType.CHARGE_REQUEST,
                amount=asked,
                key=EventType.CHARGE_REQUEST,
            )
    except IntegrityError:  # the same key at the same moment: the other request won
        return (
            Transaction.objects.get(checkout_token=checkout.token, idempotency_key=idempotency_key),
            False,
        )
    return created, True


def transaction_initialize(
    *,
    checkout: Any,
    amount_due: Decimal,
    gateway_id: str,
    data: Mapping[str, Any] | None,
    amount: Decimal | None = None,
    idempotency_key: str | None = None,
    action: str = "CHARGE",
    checkout_locked: bool = False,
) -> tuple[Transaction, TransactionEvent | None, Mapping[str, Any] | None]:
    """Start paying ``amount`` (default: what is still due) of a checkout through a gateway.

    Called again with the same idempotency key, returns the first answer and charges nothing.
    ``checkout_locked``: see _begin.
    """
    currency = checkout.currency
    if action != "CHARGE":
        raise DomainError(
            "Payment is taken when the order is placed: only the CHARGE action is offered.",
            field="action",
            code="INVALID",
        )
    gateway = payment_gateway_get(gateway_id=gateway_id, currency=currency, field="paymentGateway")
    if amount is not None:
        amount = payment_amount(amount=amount, currency=currency)
    if idempotency_key is not None and not idempotency_key.strip():
        raise DomainError("The idempotency key cannot be blank.", field="idempotencyKey")
    key = idempotency_key or uuid.uuid4().hex
    max_lengths_validate(Transaction, {"idempotency_key": key})
    # Inside the caller's transaction a new row stays unseen by others until it commits.
    unseen = connections[router.db_for_write(Transaction)].in_atomic_block
    txn, is_new = _begin(
        checkout=checkout,
        gateway=gateway,
        amount_due=amount_due,
        amount=amount,
        idempotency_key=key,
        key_is_new=idempotency_key is None,
        checkout_locked=checkout_locked,
    )
    if not is_new:
        return txn, txn.events.order_by("-created_at", "-pk").first(), txn.response_data or None
    try:
        response = gateway.start(
            PaymentRequest(
                transaction_token=txn.token,
                checkout_token=checkout.token,
                amount=txn.amount_requested,
                currency=currency,
                action=action,
                data=data,
                email=checkout.email,
                idempotency_key=f"txn-{txn.token}",
            )
        )
    except DomainError:
        txn.delete()  # nothing was asked of the provider: leave no trace
        raise
    txn, event = _record(txn.token, response, created=txn if unseen else None)
    if response.data:
        txn.response_data = dict(response.data)
        txn.save(update_fields=["response_data"])
    return txn, event, response.data


def _may_use_transaction(actor: Any, txn: Transaction) -> bool:
    """A payment goes with what it pays for: the checkout's rule (checkout_may_access) while
    the checkout exists, then the same rule on the order's own user."""
    checkout = Checkout.objects.filter(token=txn.checkout_token).first()
    if checkout is not None:
        return checkout_may_access(actor=actor, checkout=checkout)
    owner_id = txn.order.user_id if txn.order is not None else None
    if owner_id is None:
        return True
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return bool(authenticated and (actor.pk == owner_id or actor.is_staff))


def transaction_process(
    *, actor: Any, transaction_token: UUID, data: Mapping[str, Any] | None
) -> tuple[Transaction, TransactionEvent | None, Mapping[str, Any] | None]:
    """Ask the gateway again about a payment that needed the buyer (3-D Secure, redirects).
    A payment of someone else's checkout or order answers as a missing one."""
    txn = Transaction.objects.select_related("order").filter(token=transaction_token).first()
    if txn is None or not _may_use_transaction(actor, txn):
        raise NotFound("No transaction with this id.", field="id")
    gateway = plugin_manager().payment_gateways().get(txn.gateway_id)
    if gateway is None:
        raise DomainError(
            "The gateway of this transaction is no longer installed.",
            field="id",
            code="MISSING_PAYMENT_APP",
        )
    last = txn.events.order_by("-created_at", "-pk").first()
    if txn.charged > 0 or txn.authorized > 0:
        raise DomainError(
            "This transaction is already processed.",
            field="id",
            code="TRANSACTION_ALREADY_PROCESSED",
        )
    response = gateway.process(
        psp_reference=txn.psp_reference,
        amount=txn.amount_requested,
        currency=txn.currency,
        data=data,
    )
    event = (
        last
        if response is None
        else transaction_record(transaction_token=txn.token, response=response)
    )
    txn.refresh_from_db()
    return txn, event, response.data if response else None


def transaction_record(*, transaction_token: UUID, response: GatewayResponse) -> TransactionEvent:
    """Apply what a gateway reported, once. Amounts only grow on success, so a late or
    replayed notice never undoes a later state."""
    return _record(transaction_token, response)[1]


def _as_read(txn: Transaction) -> Transaction:
    """The amounts as a read would give them: Decimals with the columns' places (a new
    row's defaults are the integer 0)."""
    for field in Transaction._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            value = Decimal(getattr(txn, field.attname))
            setattr(txn, field.attname, value.quantize(Decimal(1).scaleb(-field.decimal_places)))
    return txn


@transaction.atomic
def _record(
    transaction_token: UUID, response: GatewayResponse, *, created: Transaction | None = None
) -> tuple[Transaction, TransactionEvent]:
    """transaction_record, with the transaction as it now is (read under its lock).

    ``created``: the transaction as this still open database transaction created it, with
    only its CHARGE_REQUEST event: no one else can have seen or changed it yet, so it is not
    read again, locked or searched for the event's key."""
    key = response.key or f"{response.event}:{response.psp_reference}"
    if created is not None and key != EventType.CHARGE_REQUEST:
        txn = _as_read(created)
    else:
        txn = transaction_locked(token=transaction_token)
        found = event_of_key(txn=txn, key=key)
        if found is not None:
            return txn, found
    amount = quantize(response.amount, txn.currency)
    event = TransactionEvent.objects.create(
        transaction=txn,
        type=response.event,
        amount=amount,
        psp_reference=response.psp_reference,
        message=response.message[:512],
        external_url=response.external_url,
        key=key,
    )
    kind = response.event
    if response.psp_reference and not txn.psp_reference:
        txn.psp_reference = response.psp_reference
    if kind == EventType.CHARGE_SUCCESS:
        txn.charged = max(txn.charged, amount)
        txn.authorized = Decimal(0)
        txn.charge_pending = Decimal(0)
    elif kind == EventType.AUTHORIZATION_SUCCESS and txn.charged == 0:
        txn.authorized = amount
        txn.charge_pending = Decimal(0)
    elif kind in (EventType.CHARGE_ACTION_REQUIRED, EventType.AUTHORIZATION_ACTION_REQUIRED):
        txn.charge_pending = amount
    elif kind == EventType.REFUND_SUCCESS:
        txn.refunded = min(txn.refunded + amount, txn.charged)
    elif kind == EventType.CANCEL_SUCCESS:
        txn.canceled += txn.authorized
        txn.authorized = Decimal(0)
    elif kind in FAILURE:
        txn.charge_pending = Decimal(0)
        gateway_id = txn.gateway_id
        transaction.on_commit(lambda: payment_failed(gateway=gateway_id))
        if txn.charged == 0 and txn.authorized == 0 and txn.order_id is None:
            reservations_release(checkout_token=txn.checkout_token)
    if response.message:
        txn.message = response.message[:512]
    txn.save()
    return txn, event


def transaction_refund(
    *, transaction_token: UUID, amount: Decimal, key: str, reason: str = ""
) -> TransactionEvent:
    """Give ``amount`` back through the transaction's gateway; ``key`` makes retries safe."""
    txn = Transaction.objects.get(token=transaction_token)
    gateway = plugin_manager().payment_gateways().get(txn.gateway_id)
    if gateway is None:
        raise DomainError("The payment's gateway is not installed.", code="MISSING_PAYMENT_APP")
    amount = quantize(amount, txn.currency)
    if amount <= 0 or amount > txn.captured_net:
        raise DomainError(
            f"Cannot refund {amount} {txn.currency}: {txn.captured_net} is refundable.",
            field="amount",
            code="CANNOT_REFUND",
        )
    response = gateway.refund(
        RefundRequest(
            transaction_token=txn.token,
            psp_reference=txn.psp_reference,
            amount=amount,
            currency=txn.currency,
            idempotency_key=f"refund-{key}",
            reason=reason,
        )
    )
    # Keyed by the provider's refund reference, so its own notice of the refund is a replay.
    return transaction_record(transaction_token=txn.token, response=response)
