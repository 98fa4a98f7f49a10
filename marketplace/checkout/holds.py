"""When a basket may hold stock, and for how long: fair to buyers, useless to hoarders.

A basket holds its lines' stock (others cannot take it) only once its buyer has committed:
the checkout has an e-mail and, when something ships, a delivery address; or payment starts.
A hold that takes a piece's last units (a one-of-a-kind ewer) is short and never renewed; no
hold outlives CHECKOUT_RESERVATION_MAX_MINUTES from the basket's first; and one client (an IP
address, an account) starts holds in at most CHECKOUT_HOLDS_PER_CLIENT baskets per window.
A basket without a hold still checks its lines are available, and can still be bought: stock
is allocated at completion if it is free then (a payment taken meanwhile is refunded if not).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.query_templates import AnyOf, QueryTemplate
from marketplace.inventory.models import Stock
from marketplace.inventory.services import (
    InsufficientStock,
    StockRequest,
    reservations_release,
    stock_available,
    stock_reserve,
)

from .access import checkout_lines_read
from .models import Checkout, CheckoutLine


def _short() -> DomainError:
    return DomainError(
        "Insufficient quantity in stock.", field="quantity", code="INSUFFICIENT_STOCK"
    )


def _wanted(lines: list[CheckoutLine]) -> dict[int, int]:
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.variant_id] += line.quantity
    return wanted


def _committed(checkout: Checkout) -> bool:
    """The buyer has said who they are and where it goes (or nothing needs shipping)."""
    if not checkout.email:
        return False
    if checkout.shipping_address_id is not None:
        return True
    return not _A_LINE_THAT_SHIPS.dicts(token=checkout.token)


# Asked as a basket is made and grown, before it has an address: compiled once.
_A_LINE_THAT_SHIPS: QueryTemplate[Any] = QueryTemplate(
    lambda token: (
        CheckoutLine.objects.filter(
            checkout_id=token, variant__product__product_type__is_shipping_required=True
        )
        .values("pk")
        .order_by()[:1]
    ),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0d13"),
)


def _other_holds_of_ip(ip: str, since: datetime, token: UUID) -> Any:
    others = Checkout.objects.filter(client_ip=ip, stock_held_since__gte=since)
    return others.exclude(token=token).values("token").order_by()


# Asked as a basket starts holding: compiled once (core.query_templates). Buyers without an
# account (the most) are counted by IP address alone.
_OTHER_HOLDS_OF_IP = QueryTemplate(
    _other_holds_of_ip,
    ip="192.0.2.77",
    since=datetime(1990, 1, 1, 0, 0, 7, tzinfo=UTC),
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0d12"),
)
_LEFT: QueryTemplate[Any] = QueryTemplate(
    lambda variant_ids: (
        Stock.objects.filter(AnyOf(F("product_variant_id"), variant_ids))
        .values("product_variant_id")
        .annotate(left=Sum(F("quantity") - F("quantity_allocated")))
        .order_by()
    ),
    variant_ids=[-2_000_000_071],
)


def _client_may_start_a_hold(checkout: Checkout, now: datetime) -> bool:
    """At most CHECKOUT_HOLDS_PER_CLIENT other baskets of this IP or account began holding
    within the window (placed orders delete their baskets, so buying never counts)."""
    since = now - timedelta(minutes=settings.CHECKOUT_HOLD_WINDOW_MINUTES)
    limit = settings.CHECKOUT_HOLDS_PER_CLIENT
    if checkout.user_id is None:
        if not checkout.client_ip:
            return True
        ip = str(checkout.client_ip)
        return len(_OTHER_HOLDS_OF_IP.dicts(ip=ip, since=since, token=checkout.token)) < limit
    client = Q(user_id=checkout.user_id)
    if checkout.client_ip:
        client |= Q(client_ip=checkout.client_ip)
    others = Checkout.objects.filter(client, stock_held_since__gte=since).exclude(
        token=checkout.token
    )
    return others.count() < limit


def _takes_last_units(wanted: dict[int, int]) -> bool:
    """The hold would take every unit left of some piece (on hand less sold)."""
    left = _LEFT.dicts(variant_ids=sorted(wanted))
    return any(row["left"] <= wanted[row["product_variant_id"]] for row in left)


def _hold_until(checkout: Checkout, wanted: dict[int, int], now: datetime) -> datetime | None:
    """When the hold should end, or None when this basket may not hold (any more)."""
    since = checkout.stock_held_since
    if since is None and not _client_may_start_a_hold(checkout, now):
        return None
    since = since or now
    if _takes_last_units(wanted):
        minutes = settings.CHECKOUT_SCARCE_RESERVATION_MINUTES
        until = since + timedelta(minutes=minutes)  # counted from the first hold: no renewal
    else:
        until = min(
            now + timedelta(minutes=settings.CHECKOUT_RESERVATION_MINUTES),
            since + timedelta(minutes=settings.CHECKOUT_RESERVATION_MAX_MINUTES),
        )
    return until if until > now else None


def _check_available(checkout: Checkout, wanted: dict[int, int]) -> None:
    free = stock_available(variant_ids=list(wanted), checkout_token=checkout.token)
    if any(quantity > free.get(variant_id, 0) for variant_id, quantity in wanted.items()):
        raise _short()


def checkout_reserve(
    checkout: Checkout,
    *,
    paying: bool = False,
    strict: bool = True,
    locked: bool = False,
    lines: list[CheckoutLine] | None = None,
) -> bool:
    """Hold the stock of every line as the policy above allows; True when it now holds.

    Serialised under the checkout's row lock, so concurrent calls on one basket (ten payment
    attempts at once) replace its holds one after another. Without a hold, the lines must
    still be available right now. Raises INSUFFICIENT_STOCK when they are not, unless
    ``strict`` is False (an address or e-mail change is not refused for it: ``problems`` say).
    ``paying``: payment starts, which commits the buyer even without e-mail or address.
    ``locked``: the caller already holds the row lock and read ``checkout`` under it (and
    ``lines``, when given, are its lines as they now are), so neither is read again; and its
    own atomic block undoes this call's writes with its own if it fails (no savepoint here).
    """
    if locked:
        return _reserve(checkout, checkout, paying=paying, strict=strict, lines=lines)
    with transaction.atomic():
        row = Checkout.objects.select_for_update().filter(token=checkout.token).first()
        if row is None:
            return False
        return _reserve(checkout, row, paying=paying, strict=strict, lines=lines)


def _reserve(
    checkout: Checkout,
    row: Checkout,
    *,
    paying: bool,
    strict: bool,
    lines: list[CheckoutLine] | None,
) -> bool:
    """checkout_reserve under the lock; ``row`` is the checkout as read under it."""
    if lines is None:
        lines = checkout_lines_read(checkout=row)
    if not lines:
        return False
    wanted = _wanted(lines)
    now = timezone.now()
    until = _hold_until(row, wanted, now) if paying or _committed(row) else None
    if until is None:
        if row.stock_held_since is not None:  # never held (set with the first hold): none to let go
            reservations_release(checkout_token=row.token)
        if strict:
            _check_available(row, wanted)
        return False
    requests = [(line.pk, StockRequest(line.variant_id, line.quantity)) for line in lines]
    try:
        if strict:  # a shortfall fails the caller's transaction (or savepoint) anyway
            stock_reserve(line_requests=requests, checkout_token=row.token, until=until)
        else:  # going on without a hold: undo this attempt alone
            with transaction.atomic():
                stock_reserve(line_requests=requests, checkout_token=row.token, until=until)
    except InsufficientStock as error:
        if strict:
            raise _short() from error
        return False
    if row.stock_held_since is None:
        Checkout.objects.filter(token=row.token).update(stock_held_since=now)
        checkout.stock_held_since = now
    return True
