"""The ledger as a workshop reads it: per parcel what the buyer paid and where it went
(commission, cluster fee, the workshop's net), when it is paid out, and the balances.

Shipped parcels are read from the ledger's entries; parcels not shipped yet are projected
with the rates frozen on the parcel (the same split the ledger will write). Payouts pay the
oldest credits first, so a parcel is "paid" once the payouts made cover it. Every list costs
the same queries whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from marketplace.core.money import quantize
from marketplace.orders.models import OrderStatus, VendorOrder

from .coverage import payouts_covering
from .ledger import split
from .models import EntryKind, LedgerEntry, Payout, PayoutStatus

IN_TRANSIT = (PayoutStatus.PENDING, PayoutStatus.AWAITING_EXPORT, PayoutStatus.EXPORTED)


@dataclass
class LedgerRow:
    vendor_order: VendorOrder
    currency: str
    price: Decimal  # the pieces
    packaging: Decimal
    shipping: Decimal
    discount: Decimal  # borne by the workshop (a marketplace voucher is not)
    refunded: Decimal
    commission: Decimal
    cluster_fee: Decimal
    net: Decimal
    state: str  # "upcoming" (not shipped), "earned", "paid", "canceled"
    payout_date: date | None  # expected, or the day it was paid
    payout: Payout | None = None

    @property
    def gross(self) -> Decimal:
        return self.net + self.commission + self.cluster_fee


@dataclass(frozen=True)
class Balance:
    currency: str
    earned: Decimal  # credited for shipped parcels, less refunds
    to_pay: Decimal  # earned, not in a payout yet
    in_transit: Decimal  # in a payout on its way
    paid: Decimal
    upcoming: Decimal  # projected net of parcels not shipped yet
    next_payout: date | None

    @property
    def pending(self) -> Decimal:
        return self.to_pay + self.in_transit


def next_payout_run(*, currency: str, after: datetime) -> date | None:
    """The day of the first scheduled payout run of the currency after ``after`` (the
    PAYOUTS_CRON schedule), or None when the currency is not paid out on a schedule."""
    entry = settings.CELERY_BEAT_SCHEDULE.get(f"payouts-{currency.lower()}")
    if entry is None:
        return None
    schedule = entry["schedule"]
    start = timezone.localtime(after)
    for offset in range(0, 400):
        day = (start + timedelta(days=offset)).date()
        cron_weekday = (day.weekday() + 1) % 7
        if (
            day.month not in schedule.month_of_year
            or day.day not in schedule.day_of_month
            or cron_weekday not in schedule.day_of_week
        ):
            continue
        for hour in sorted(schedule.hour):
            for minute in sorted(schedule.minute):
                moment = timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))
                if moment > start:
                    return day
    return None


def _projected(vendor_order: VendorOrder) -> tuple[Decimal, Decimal, Decimal]:
    currency = vendor_order.order.currency
    funded = vendor_order.discount if vendor_order.discount_funded_by_marketplace else 0
    base = vendor_order.total - vendor_order.duties - vendor_order.refunded + funded
    parts = split(
        Decimal(base),
        currency=currency,
        commission_rate=vendor_order.commission_rate,
        cluster_fee_rate=vendor_order.cluster_fee_rate,
    )
    return parts.commission, parts.cluster_fee, parts.share


def workshop_ledger(
    *, vendor_id: int, currency: str | None = None, limit: int = 50, offset: int = 0
) -> list[LedgerRow]:
    """The workshop's parcels, newest first, with their money. Four queries."""
    parcels = VendorOrder.objects.filter(vendor_id=vendor_id).select_related("order")
    if currency:
        parcels = parcels.filter(order__currency=currency)
    page = list(parcels.order_by("-order__number", "-pk")[offset : offset + limit])
    entries: dict[int, dict[str, Decimal]] = {}
    for row in (
        LedgerEntry.objects.filter(vendor_order_id__in=[p.pk for p in page])
        .values("vendor_order_id", "kind")
        .annotate(total=Sum("amount"))
    ):
        entries.setdefault(row["vendor_order_id"], {})[row["kind"]] = row["total"]
    paid_through = payouts_covering(
        vendor_id=vendor_id, currency=currency, parcel_ids=[p.pk for p in page]
    )
    next_runs: dict[str, date | None] = {}
    rows = []
    for vendor_order in page:
        cur = vendor_order.order.currency
        funded = vendor_order.discount_funded_by_marketplace
        mine = entries.get(vendor_order.pk)
        if mine:
            net = mine.get(EntryKind.SALE, Decimal(0)) + mine.get(EntryKind.REFUND, Decimal(0))
            cluster_fee = mine.get(EntryKind.CLUSTER_FEE, Decimal(0))
            commission = mine.get(EntryKind.MARKETPLACE_FEE, Decimal(0)) + (
                vendor_order.discount if funded else Decimal(0)
            )
        else:
            commission, cluster_fee, net = _projected(vendor_order)
        payout, when, state = None, None, "upcoming"
        if vendor_order.status == OrderStatus.CANCELED:
            state, commission, cluster_fee, net = "canceled", Decimal(0), Decimal(0), Decimal(0)
        elif mine:
            payout = paid_through.get(vendor_order.pk)
            if payout is not None:
                state = "paid" if payout.status == PayoutStatus.PAID else "in_transit"
                when = timezone.localdate(payout.paid_at or payout.created_at)
            else:
                state = "earned"
                if cur not in next_runs:
                    next_runs[cur] = next_payout_run(currency=cur, after=timezone.now())
                when = next_runs[cur]
        rows.append(
            LedgerRow(
                vendor_order=vendor_order,
                currency=cur,
                price=vendor_order.goods_total,
                packaging=vendor_order.packaging_total,
                shipping=vendor_order.shipping_price,
                discount=Decimal(0) if funded else vendor_order.discount,
                refunded=vendor_order.refunded,
                commission=quantize(Decimal(commission), cur),
                cluster_fee=quantize(Decimal(cluster_fee), cur),
                net=quantize(Decimal(net), cur),
                state=state,
                payout_date=when,
                payout=payout,
            )
        )
    return rows


def workshop_balances(*, vendor_id: int) -> list[Balance]:
    """Earned, pending (to pay + in transit), paid and upcoming, per currency. Three queries."""
    sums: dict[str, dict[str, Decimal]] = {}
    for row in (
        LedgerEntry.objects.filter(vendor_id=vendor_id)
        .values("currency", "kind")
        .annotate(total=Sum("amount"))
    ):
        sums.setdefault(row["currency"], {})[row["kind"]] = row["total"]
    payouts: dict[str, dict[str, Decimal]] = {}
    for cur, status, total in (
        Payout.objects.filter(vendor_id=vendor_id)
        .values("currency", "status")
        .annotate(total=Sum("amount"))
        .values_list("currency", "status", "total")
    ):
        payouts.setdefault(cur, {})[status] = total
    upcoming: dict[str, Decimal] = {}
    for (
        cur,
        goods,
        packaging,
        shipping,
        discount,
        funded,
        refunded,
        c_rate,
        f_rate,
    ) in VendorOrder.objects.filter(
        vendor_id=vendor_id,
        status__in=[OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED],
    ).values_list(
        "order__currency",
        "goods_total",
        "packaging_total",
        "shipping_price",
        "discount",
        "discount_funded_by_marketplace",
        "refunded",
        "commission_rate",
        "cluster_fee_rate",
    ):  # tuples, not models: a workshop may have thousands of parcels on the way
        base = goods + packaging + shipping - (0 if funded else discount) - refunded
        share = split(base, currency=cur, commission_rate=c_rate, cluster_fee_rate=f_rate).share
        upcoming[cur] = upcoming.get(cur, Decimal(0)) + share
    balances = []
    for cur in sorted(set(sums) | set(payouts) | set(upcoming)):
        kinds, sent = sums.get(cur, {}), payouts.get(cur, {})
        earned = kinds.get(EntryKind.SALE, Decimal(0)) + kinds.get(EntryKind.REFUND, Decimal(0))
        to_pay = sum(kinds.values(), Decimal(0))
        balances.append(
            Balance(
                currency=cur,
                earned=quantize(earned, cur),
                to_pay=quantize(to_pay, cur),
                in_transit=quantize(
                    sum((sent.get(s, Decimal(0)) for s in IN_TRANSIT), Decimal(0)), cur
                ),
                paid=quantize(sent.get(PayoutStatus.PAID, Decimal(0)), cur),
                upcoming=quantize(upcoming.get(cur, Decimal(0)), cur),
                next_payout=next_payout_run(currency=cur, after=timezone.now()),
            )
        )
    return balances


def payout_history(*, vendor_id: int, limit: int = 50) -> list[Payout]:
    return list(Payout.objects.filter(vendor_id=vendor_id).order_by("-created_at", "-pk")[:limit])
