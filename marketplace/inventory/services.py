"""Stock: reserve for baskets, allocate for orders. Never oversell.

Every change locks the stock rows concerned with ``SELECT … FOR UPDATE`` in primary-key
order (so two transactions never wait on each other in a cycle), re-reads them, and relies on
the database constraint ``quantity_allocated <= quantity`` as the last line of defence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.db import connections, router, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.core.query_templates import AnyOf, QueryTemplate

from .models import Reservation, Stock


class InsufficientStock(DomainError):
    code = "INSUFFICIENT_STOCK"

    def __init__(self, variant_ids: Sequence[int]) -> None:
        super().__init__("Not enough stock for the requested quantity.", field="quantity")
        self.variant_ids = list(variant_ids)


@dataclass(frozen=True)
class StockRequest:
    variant_id: int
    quantity: int


@dataclass(frozen=True)
class Allocated:
    stock_id: int
    variant_id: int
    quantity: int


_RESERVATION = Reservation._meta.db_table
_LINE = Reservation._meta.get_field("checkout_line").related_model._meta.db_table
# One DELETE each, written once: ``QuerySet.delete()`` would SELECT the rows first (a
# post_delete receiver, core.catalog_version, listens on every model) and compiling even the
# raw delete costs more than the database's answer. Nothing references a reservation, and
# catalog_version's execute wrapper still sees these DELETEs.
_DELETE_HOLDS_OF_LINES = f'DELETE FROM "{_RESERVATION}" WHERE "checkout_line_id" = ANY(%s::uuid[])'
_DELETE_HOLDS_OF_CHECKOUT = (
    f'DELETE FROM "{_RESERVATION}" WHERE "checkout_line_id" IN'
    f' (SELECT "id" FROM "{_LINE}" WHERE "checkout_id" = %s)'
)


def _delete(sql: str, argument: Any) -> int:
    with connections[router.db_for_write(Reservation)].cursor() as cursor:
        cursor.execute(sql, [argument])
        return int(cursor.rowcount)


def _active(stock_ids: list[int], now: datetime) -> QuerySet[Reservation]:
    return Reservation.objects.filter(AnyOf(F("stock_id"), stock_ids), reserved_until__gt=now)


def _held(stock_ids: list[int], now: datetime) -> Any:
    return _active(stock_ids, now).values("stock_id").annotate(held=Sum("quantity"))


def _held_but_by(stock_ids: list[int], now: datetime, token: UUID) -> Any:
    active = _active(stock_ids, now).exclude(checkout_line__checkout_id=token)
    return active.values("stock_id").annotate(held=Sum("quantity"))


# Every stock check, hold and allocation asks these: compiled once (core.query_templates).
_NOW = datetime(1990, 1, 1, 0, 0, 7, tzinfo=UTC)
_HELD = QueryTemplate(_held, stock_ids=[-2_000_000_051], now=_NOW)
_HELD_BUT_BY = QueryTemplate(
    _held_but_by,
    stock_ids=[-2_000_000_052],
    now=_NOW,
    token=UUID("5e1ec7ed-0000-4000-8000-0000000c0de5"),
)
_STOCKS = QueryTemplate(
    lambda variant_ids: Stock.objects.filter(AnyOf(F("product_variant_id"), variant_ids)),
    variant_ids=[-2_000_000_053],
)
_STOCKS_LOCKED = QueryTemplate(
    lambda variant_ids: (
        Stock.objects.select_for_update()
        .filter(AnyOf(F("product_variant_id"), variant_ids))
        .order_by("pk")
    ),
    variant_ids=[-2_000_000_054],
)


def _held_by_others(
    stock_ids: Iterable[int], checkout_token: UUID | None, now: datetime
) -> dict[int, int]:
    ids = sorted(stock_ids)
    if not ids:
        return {}
    rows = (
        _HELD.dicts(stock_ids=ids, now=now)
        if checkout_token is None
        else _HELD_BUT_BY.dicts(stock_ids=ids, now=now, token=checkout_token)
    )
    return {row["stock_id"]: int(row["held"]) for row in rows}


def stock_available(
    *, variant_ids: Sequence[int], checkout_token: UUID | None = None
) -> dict[int, int]:
    """Units a buyer may still take per variant: on hand, less allocated, less what other
    baskets hold right now. No locks: for display and early checks only."""
    now = timezone.now()
    stocks = _STOCKS.rows(variant_ids=sorted(set(variant_ids))) if variant_ids else []
    held = _held_by_others((s.pk for s in stocks), checkout_token, now)
    free: dict[int, int] = defaultdict(int)
    for stock in stocks:
        free[stock.product_variant_id] += max(
            stock.quantity - stock.quantity_allocated - held.get(stock.pk, 0), 0
        )
    return {variant_id: free.get(variant_id, 0) for variant_id in variant_ids}


def _locked_stocks(variant_ids: Iterable[int]) -> list[Stock]:
    wanted = sorted(set(variant_ids))
    return _STOCKS_LOCKED.rows(variant_ids=wanted) if wanted else []


def _take(
    requests: Sequence[StockRequest], stocks: list[Stock], held: dict[int, int]
) -> list[Allocated]:
    """Spread each request over the variant's stock rows; all or nothing."""
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        by_variant[stock.product_variant_id].append(stock)
    taken: list[Allocated] = []
    short: list[int] = []
    for request in requests:
        if request.quantity <= 0:
            raise DomainError("Quantity must be positive.", field="quantity", code="ZERO_QUANTITY")
        wanted = request.quantity
        for stock in by_variant.get(request.variant_id, []):
            free = stock.quantity - stock.quantity_allocated - held.get(stock.pk, 0)
            free -= sum(t.quantity for t in taken if t.stock_id == stock.pk)
            part = min(max(free, 0), wanted)
            if part:
                taken.append(Allocated(stock.pk, request.variant_id, part))
                wanted -= part
            if not wanted:
                break
        if wanted:
            short.append(request.variant_id)
    if short:
        raise InsufficientStock(short)
    return taken


@transaction.atomic(savepoint=False)
def stock_reserve(
    *, line_requests: Sequence[tuple[UUID, StockRequest]], checkout_token: UUID, until: datetime
) -> None:
    """Hold stock for checkout lines until ``until``, replacing what they held before.

    ``line_requests`` pairs each checkout line id with what it asks for. No savepoint of its
    own: a caller that goes on after InsufficientStock wraps the call in an atomic block.
    """
    line_ids = [line_id for line_id, _ in line_requests]
    requests = [request for _, request in line_requests]
    # Lock first, then replace: two calls for one basket never both insert its holds.
    stocks = _locked_stocks(r.variant_id for r in requests)
    _delete(_DELETE_HOLDS_OF_LINES, line_ids)
    held = _held_by_others((s.pk for s in stocks), checkout_token, timezone.now())
    taken = _take(requests, stocks, held)
    reservations = []
    for line_id, request in line_requests:
        for part in [t for t in taken if t.variant_id == request.variant_id]:
            reservations.append(
                Reservation(
                    checkout_line_id=line_id,
                    stock_id=part.stock_id,
                    quantity=part.quantity,
                    reserved_until=until,
                )
            )
    Reservation.objects.bulk_create(reservations)


_STOCK = Stock._meta.db_table
_ALLOCATE = (
    f'UPDATE "{_STOCK}" SET "quantity_allocated" = "quantity_allocated" + taken.quantity'
    " FROM unnest(%s::bigint[], %s::integer[]) AS taken(id, quantity)"
    f' WHERE "{_STOCK}".id = taken.id'
)


@transaction.atomic
def stock_allocate(
    *, requests: Sequence[StockRequest], checkout_token: UUID | None = None
) -> list[Allocated]:
    """Allocate stock for an order, all or nothing, under row locks in primary-key order.

    The checkout's own reservations count as available to it; everyone else's do not.
    Raises InsufficientStock naming the variants that fall short.
    """
    stocks = _locked_stocks(r.variant_id for r in requests)
    held = _held_by_others((s.pk for s in stocks), checkout_token, timezone.now())
    taken = _take(requests, stocks, held)
    adds: dict[int, int] = defaultdict(int)
    for part in taken:
        adds[part.stock_id] += part.quantity
    if adds:  # one UPDATE for every stock row, however many lines: one shape, prepared
        with connections[router.db_for_write(Stock)].cursor() as cursor:
            cursor.execute(_ALLOCATE, [list(adds), list(adds.values())])
    if checkout_token is not None:
        _delete(_DELETE_HOLDS_OF_CHECKOUT, checkout_token)
    return taken


def _release(allocations: Sequence[Allocated], *, shipped: bool) -> None:
    stocks = {s.pk: s for s in _locked_stocks(a.variant_id for a in allocations)}
    for part in allocations:
        stock = stocks.get(part.stock_id)
        if stock is None or stock.quantity_allocated < part.quantity:
            raise DomainError("Cannot release more than was allocated.", field="allocations")
        changes = {"quantity_allocated": F("quantity_allocated") - part.quantity}
        if shipped:
            changes["quantity"] = F("quantity") - part.quantity
        Stock.objects.filter(pk=part.stock_id).update(**changes)


@transaction.atomic
def stock_deallocate(*, allocations: Sequence[Allocated]) -> None:
    """Give allocated units back (an order cancelled before fulfilment)."""
    _release(allocations, shipped=False)


def reservations_expire(*, now: datetime | None = None) -> int:
    """Delete lapsed reservations (they already stopped counting; this keeps the table small)."""
    deleted, _ = Reservation.objects.filter(Q(reserved_until__lte=now or timezone.now())).delete()
    return deleted


def reservations_release(*, checkout_token: UUID) -> int:
    """Let go of everything a basket holds (its payment failed, or it became an order)."""
    return _delete(_DELETE_HOLDS_OF_CHECKOUT, checkout_token)


@transaction.atomic
def stock_ship(*, allocations: Sequence[Allocated]) -> None:
    """Allocated units leave the workshop: on-hand and allocated both go down."""
    _release(allocations, shipped=True)
