"""Which payout paid which parcel. Payouts (not failed) pay a workshop's credits oldest first:
a parcel whose net credit is positive is paid once the payouts made in its currency add up to
its credit plus every older positive one, by the first payout that reaches that sum.

The running sums are the database's (one query, a window over the parcels' credits), so a
page of the ledger costs the same whether the workshop has fifty parcels or fifty thousand;
only the page's parcels and the workshop's payouts come back to Python."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import connection

from .models import EntryKind, LedgerEntry, Payout, PayoutStatus

_RUNNING_CREDITS = """
SELECT vendor_order_id, currency, running FROM (
    SELECT vendor_order_id, currency,
           SUM(SUM(amount)) OVER (PARTITION BY currency ORDER BY MIN(id)) AS running
    FROM {table}
    WHERE vendor_id = %s AND kind IN (%s, %s) {currency_filter}
    GROUP BY currency, vendor_order_id
    HAVING SUM(amount) > 0
) credits
WHERE vendor_order_id = ANY(%s)
"""


def payouts_covering(
    *, vendor_id: int, currency: str | None, parcel_ids: Sequence[int]
) -> dict[int, Payout]:
    """The payout that paid each of ``parcel_ids`` (absent: not paid yet). Two queries."""
    if not parcel_ids:
        return {}
    params: list[Any] = [vendor_id, EntryKind.SALE, EntryKind.REFUND]
    currency_filter = ""
    if currency:
        currency_filter = "AND currency = %s"
        params.append(currency)
    params.append(list(parcel_ids))
    sql = _RUNNING_CREDITS.format(table=LedgerEntry._meta.db_table, currency_filter=currency_filter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        running = cursor.fetchall()
    payouts = Payout.objects.filter(vendor_id=vendor_id).exclude(status=PayoutStatus.FAILED)
    if currency:
        payouts = payouts.filter(currency=currency)
    sums: dict[str, list[Decimal]] = {}
    paid: dict[str, list[Payout]] = {}
    for payout in payouts.order_by("created_at", "pk"):
        if payout.amount <= 0:
            continue  # pays nothing
        total = sums.setdefault(payout.currency, [])
        total.append((total[-1] if total else Decimal(0)) + payout.amount)
        paid.setdefault(payout.currency, []).append(payout)
    covered: dict[int, Payout] = {}
    for parcel_id, cur, needed in running:
        reached = sums.get(cur, [])
        index = bisect_left(reached, needed)
        if index < len(reached):
            covered[parcel_id] = paid[cur][index]
    return covered
