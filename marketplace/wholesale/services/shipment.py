"""Consolidation and the one shipment: received quantities per share, boxes, carrier and
tracking; dispatch settles the order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError

from ..access import quote_for_manager, share_for_manager
from ..models import (
    PaymentTerms,
    QuoteShare,
    QuoteStatus,
    ShareStatus,
    Shipment,
    ShipmentBox,
    WholesaleQuote,
)
from .amounts import columns_checked
from .payment import amount_due
from .settlement import quote_settle


@transaction.atomic
def share_receive(*, actor: Any, share_id: int, quantity: int) -> QuoteShare:
    """The consolidation point counts what a member handed in (a running total)."""
    share = share_for_manager(actor, share_id, lock=True)
    if share.status != ShareStatus.ACCEPTED or share.line.quote.status != QuoteStatus.IN_PRODUCTION:
        raise DomainError("This share is not in production.", field="id", code="INVALID")
    if quantity <= 0 or share.received_quantity + quantity > share.quantity:
        raise DomainError(
            f"{share.quantity - share.received_quantity} pieces are still expected.",
            field="quantity",
        )
    share.received_quantity += quantity
    share.save(update_fields=["received_quantity"])
    return share


@dataclass(frozen=True)
class BoxInput:
    weight_kg: Decimal
    contents: Sequence[tuple[int, int]]  # (share id, quantity)


@transaction.atomic
def shipment_pack(*, actor: Any, quote_id: int, boxes: Sequence[BoxInput]) -> Shipment:
    """One shipment of several boxes holding every received piece exactly once."""
    quote = quote_for_manager(actor, quote_id, lock=True)
    if quote.status != QuoteStatus.IN_PRODUCTION:
        raise DomainError("Only an order in production is packed.", field="id")
    shares = {
        s.pk: s for s in QuoteShare.objects.filter(line__quote=quote, status=ShareStatus.ACCEPTED)
    }
    short = [s for s in shares.values() if s.received_quantity < s.quantity]
    if short:
        raise DomainError(
            f"{len(short)} shares are not fully received yet.", field="boxes", code="NOT_RECEIVED"
        )
    if not boxes:
        raise DomainError("Pack at least one box.", field="boxes", code="REQUIRED")
    packed: dict[int, int] = {}
    for index, box in enumerate(boxes):
        if box.weight_kg <= 0:
            raise DomainError("A box weighs something.", field=f"boxes.{index}.weightKg")
        columns_checked(
            ShipmentBox, {"weight_kg": box.weight_kg}, weight_kg=f"boxes.{index}.weightKg"
        )
        for share_id, qty in box.contents:
            if share_id not in shares or qty <= 0:
                raise DomainError("Not a share of this order.", field=f"boxes.{index}.contents")
            packed[share_id] = packed.get(share_id, 0) + qty
    if packed != {pk: s.quantity for pk, s in shares.items()}:
        raise DomainError(
            "The boxes must hold every piece exactly once.", field="boxes", code="INVALID"
        )
    shipment, _ = Shipment.objects.get_or_create(quote=quote)
    shipment.boxes.all().delete()
    ShipmentBox.objects.bulk_create(
        ShipmentBox(
            shipment=shipment,
            number=index + 1,
            weight_kg=box.weight_kg,
            contents=[{"share": s, "quantity": q} for s, q in box.contents],
        )
        for index, box in enumerate(boxes)
    )
    return shipment


@transaction.atomic
def shipment_dispatch(
    *, actor: Any, quote_id: int, carrier: str, tracking_number: str
) -> WholesaleQuote:
    """The shipment leaves: needs the balance paid (unless on net terms); settles the ledger."""
    quote = quote_for_manager(actor, quote_id, lock=True)
    shipment = Shipment.objects.filter(quote=quote).first()
    if quote.status != QuoteStatus.IN_PRODUCTION or shipment is None or not shipment.boxes.exists():
        raise DomainError("Pack the shipment first.", field="id", code="INVALID")
    if not carrier.strip() or not tracking_number.strip():
        raise DomainError("Carrier and tracking number.", field="trackingNumber")
    if quote.payment_terms != PaymentTerms.NET and amount_due(quote, kind="BALANCE") > 0:
        raise DomainError(
            "The balance must be paid before shipping.", field="id", code="BALANCE_DUE"
        )
    shipment.carrier = carrier.strip()[:64]
    shipment.tracking_number = tracking_number.strip()[:64]
    shipment.shipped_at = timezone.now()
    shipment.save()
    quote.status = QuoteStatus.SHIPPED
    quote.save(update_fields=["status"])
    quote_settle(quote=quote)
    return quote
