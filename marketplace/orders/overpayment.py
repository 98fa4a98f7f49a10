"""Money paid beyond an order's total goes back to the buyer when the order is placed.

A buyer can pay in full and then lower the total (a promo code, a cheaper parcel, a line
removed), or two payments can cross. The order is placed for what it costs; the difference is
refunded through the payments' own gateways at once, newest payment first.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from uuid import UUID

from django.db import connection, transaction

from marketplace.core.money import quantize
from marketplace.core.query_templates import QueryTemplate
from marketplace.payments.models import EventType, Transaction
from marketplace.payments.services import transaction_refund

from .models import Order, OrderEvent

logger = logging.getLogger(__name__)


# Asked at every completion: compiled once (core.query_templates).
_PAYMENTS = QueryTemplate(
    lambda order_id: Transaction.objects.filter(order_id=order_id, charged__gt=0).order_by(
        "-created_at", "-pk"
    ),
    order_id=UUID("5e1ec7ed-0000-4000-8000-0000000c0de7"),
)


def order_refund_overpayment(*, order: Order, placed_in_this_transaction: bool = False) -> Decimal:
    """Refund what the order's payments hold beyond its total; the amount given back.

    Safe to call again (a retried completion): under the order's row lock, what is held is
    measured afresh, so once the excess is back nothing more is refunded; each refund's key
    names the order, the payment and the amount, so a provider asked twice refunds once.
    A refund the provider refuses or leaves pending is written on the order for support.
    ``placed_in_this_transaction``: the caller made the order in the transaction still open,
    so no one else can see its row yet, let alone lock it: it is not locked again.
    """
    unseen = placed_in_this_transaction and connection.in_atomic_block  # before our own block
    with transaction.atomic():
        if not unseen:
            Order.objects.select_for_update().filter(pk=order.pk).first()
        payments = _PAYMENTS.rows(order_id=order.pk)
        held = sum((t.captured_net for t in payments), Decimal(0))
        excess = quantize(held - Decimal(order.total), order.currency)
        if excess <= 0:
            return Decimal(0)
        given = Decimal(0)
        for txn in payments:
            part = min(excess - given, txn.captured_net)
            if part <= 0:
                continue
            event = transaction_refund(
                transaction_token=txn.token,
                amount=part,
                key=f"overpayment:{order.pk}:{txn.token}:{part}",
                reason=f"Paid beyond the total of order #{order.number}.",
            )
            if event.type != EventType.REFUND_SUCCESS:
                logger.warning(
                    "Overpayment refund on order %s: %s %s", order.pk, event.type, event.message
                )
                OrderEvent.objects.create(
                    order=order,
                    type="REFUND_FAILED",
                    message=(
                        f"{part} {order.currency} paid beyond the total could not be refunded "
                        f"automatically ({event.type}): refund it by hand."
                    )[:512],
                )
                continue
            given += event.amount
            if given >= excess:
                break
        if given:
            OrderEvent.objects.create(
                order=order,
                type="REFUNDED",
                message=f"Refunded {given} {order.currency} paid beyond the order's total.",
            )
        return given
