"""The manager shares each line among member workshops; each member accepts, counters or
declines; a declined (or withdrawn) share frees its quantity to be shared again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.vendors.models import Vendor, VendorKind

from ..access import line_for_manager, quote_for_manager, share_for_manager, share_for_member
from ..models import (
    LIVE_SHARES,
    QuoteLine,
    QuoteShare,
    QuoteStatus,
    ShareStatus,
    WholesaleQuote,
    WorkshopCapacity,
)
from .amounts import money_in

OPEN_FOR_SHARING = (QuoteStatus.REQUESTED, QuoteStatus.ALLOCATING, QuoteStatus.CHANGES_REQUESTED)
# After acceptance, a late part may still be re-shared (at the accepted price).
RESHARE_STATES = (*OPEN_FOR_SHARING, QuoteStatus.ACCEPTED, QuoteStatus.IN_PRODUCTION)


def _shared(line: QuoteLine, *, excluding: int | None = None) -> int:
    rows = QuoteShare.objects.filter(line=line, status__in=LIVE_SHARES)
    if excluding:
        rows = rows.exclude(pk=excluding)
    return int(rows.aggregate(n=Coalesce(Sum("quantity"), 0))["n"])


@transaction.atomic
def share_assign(
    *,
    actor: Any,
    line_id: int,
    workshop_id: int,
    quantity: int,
    unit_price: Decimal,
    promised_date: date,
) -> QuoteShare:
    line, quote = line_for_manager(actor, line_id, lock=True)  # one allocation at a time
    if quote.status not in RESHARE_STATES:
        raise DomainError("This quote can no longer be shared.", field="line", code="INVALID")
    workshop = Vendor.objects.filter(
        pk=workshop_id, kind=VendorKind.WORKSHOP, cluster_id=quote.cluster_id
    ).first()
    if workshop is None:
        raise NotFound("No member workshop with this id.", field="workshop")
    if quantity <= 0:
        raise DomainError("Share at least one piece.", field="quantity")
    left = line.quantity - _shared(line)
    if quantity > left:
        raise DomainError(
            f"Only {left} pieces of this line are left to share.",
            field="quantity",
            code="QUANTITY_EXCEEDS_LINE",
        )
    price = money_in(unit_price, quote.currency, field="unitPrice")
    if price <= 0:
        raise DomainError("The unit price must be positive.", field="unitPrice")
    if promised_date < timezone.localdate():
        raise DomainError("Promise a date that is still to come.", field="promisedDate")
    if promised_date > quote.target_date:
        raise DomainError("Promise a date before the buyer's target date.", field="promisedDate")
    if quote.status == QuoteStatus.REQUESTED:
        quote.status = QuoteStatus.ALLOCATING
        quote.save(update_fields=["status"])
    return QuoteShare.objects.create(
        line=line,
        workshop=workshop,
        quantity=quantity,
        unit_price=price,
        promised_date=promised_date,
    )


@transaction.atomic
def share_respond(
    *,
    actor: Any,
    share_id: int,
    action: str,
    quantity: int | None = None,
    unit_price: Decimal | None = None,
    promised_date: date | None = None,
    note: str = "",
) -> QuoteShare:
    """ACCEPT, COUNTER (new quantity, price and/or date) or DECLINE an offered share."""
    share = share_for_member(actor, share_id, lock=True)
    if share.status != ShareStatus.OFFERED:
        raise DomainError("This share was already answered.", field="id", code="INVALID")
    share.note = note.strip()
    if action == "ACCEPT":
        share.status = ShareStatus.ACCEPTED
    elif action == "DECLINE":
        share.status = ShareStatus.DECLINED
    elif action == "COUNTER":
        if quantity is None and unit_price is None and promised_date is None:
            raise DomainError("Counter with a quantity, a price or a date.", field="action")
        if quantity is not None and not 0 < quantity <= share.quantity:
            raise DomainError("Counter with at most the offered quantity.", field="quantity")
        currency = share.line.quote.currency
        share.counter_quantity = quantity
        share.counter_unit_price = (
            money_in(unit_price, currency, field="unitPrice") if unit_price is not None else None
        )
        share.counter_date = promised_date
        share.status = ShareStatus.COUNTERED
    else:
        raise DomainError("ACCEPT, COUNTER or DECLINE.", field="action", code="INVALID")
    share.save()
    return share


@transaction.atomic
def share_counter_settle(*, actor: Any, share_id: int, agree: bool) -> QuoteShare:
    """The manager takes a member's counter (the share becomes what was countered) or refuses
    it (the share is withdrawn and its quantity can be shared again)."""
    share = share_for_manager(actor, share_id, lock=True)
    if share.status != ShareStatus.COUNTERED:
        raise DomainError("This share has no counter to answer.", field="id", code="INVALID")
    if agree:
        share.quantity = share.counter_quantity or share.quantity
        share.unit_price = share.counter_unit_price or share.unit_price
        share.promised_date = share.counter_date or share.promised_date
        share.status = ShareStatus.ACCEPTED
    else:
        share.status = ShareStatus.WITHDRAWN
    share.save()
    return share


@transaction.atomic
def share_withdraw(*, actor: Any, share_id: int) -> QuoteShare:
    """Take a share back (a late part, say) so that its quantity can be shared again."""
    share = share_for_manager(actor, share_id, lock=True)
    if share.status not in LIVE_SHARES or share.line.quote.status == QuoteStatus.SHIPPED:
        raise DomainError("Only a live share can be taken back.", field="id", code="INVALID")
    share.status = ShareStatus.WITHDRAWN
    share.save(update_fields=["status"])
    return share


@dataclass(frozen=True)
class MemberLoad:
    workshop: Vendor
    pieces_per_week: int
    pieces_in_hand: int  # accepted or offered, in orders not yet shipped


def member_loads(*, actor: Any, quote_id: int) -> list[MemberLoad]:
    """Each member's stated capacity and current load, for the manager sharing lines. Two
    queries whatever the number of members."""
    quote = quote_for_manager(actor, quote_id)
    live = Q(wholesale_shares__status__in=LIVE_SHARES) & ~Q(
        wholesale_shares__line__quote__status=QuoteStatus.SHIPPED
    )
    workshops = (
        Vendor.objects.filter(kind=VendorKind.WORKSHOP, cluster_id=quote.cluster_id)
        .annotate(load=Coalesce(Sum("wholesale_shares__quantity", filter=live), 0))
        .order_by("name")
    )
    capacity = dict(
        WorkshopCapacity.objects.filter(workshop__cluster_id=quote.cluster_id).values_list(
            "workshop_id", "pieces_per_week"
        )
    )
    return [MemberLoad(w, capacity.get(w.pk, 0), int(w.load)) for w in workshops]


def line_fully_accepted(quote: WholesaleQuote) -> list[str]:
    """The titles of lines whose accepted shares do not cover them (empty: ready to quote)."""
    missing = []
    for line in quote.lines.prefetch_related("shares"):
        accepted = sum(s.quantity for s in line.shares.all() if s.status == ShareStatus.ACCEPTED)
        if accepted != line.quantity:
            missing.append(line.title)
    return missing
