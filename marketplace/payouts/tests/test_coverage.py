"""payouts_covering against the plain walk it replaced (credits oldest first, payouts oldest
first, a parcel paid by the payout that completes it), on random ledgers: two currencies,
refunds that cancel a parcel or leave it negative, failed payouts, payouts that stop half-way
through a parcel. The database's running sums must name the same payout for every parcel."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal

import pytest

from marketplace.orders.models import Order, VendorOrder
from marketplace.payouts.coverage import payouts_covering
from marketplace.payouts.models import EntryKind, LedgerEntry, Payout, PayoutStatus
from tests.factories import ChannelFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _walk(vendor_id: int, currency: str | None) -> dict[int, int]:
    """The walk the ledger page did before: every credit and payout through Python."""
    credits = LedgerEntry.objects.filter(
        vendor_id=vendor_id, kind__in=[EntryKind.SALE, EntryKind.REFUND]
    )
    payouts = Payout.objects.filter(vendor_id=vendor_id).exclude(status=PayoutStatus.FAILED)
    if currency:
        credits, payouts = credits.filter(currency=currency), payouts.filter(currency=currency)
    need: dict[tuple[str, int], Decimal] = {}
    for cur, parcel, amount in credits.order_by("created_at", "pk").values_list(
        "currency", "vendor_order_id", "amount"
    ):
        need[(cur, parcel)] = need.get((cur, parcel), Decimal(0)) + amount
    queue: dict[str, list[list]] = {}
    for payout in payouts.order_by("created_at", "pk"):
        queue.setdefault(payout.currency, []).append([payout.pk, payout.amount])
    covered = {}
    for (cur, parcel), left in need.items():
        waiting = queue.get(cur, [])
        while left > 0 and waiting:
            take = min(left, waiting[0][1])
            left -= take
            waiting[0][1] -= take
            last = waiting[0][0]
            if waiting[0][1] <= 0:
                waiting.pop(0)
            if left <= 0:
                covered[parcel] = last
    return covered


def _order(channel, currency: str) -> Order:
    return Order.objects.create(
        number=random.randrange(10**9),
        checkout_token=uuid.uuid4(),
        channel=channel,
        user_email="buyer@example.com",
        currency=currency,
        goods_total=0,
        packaging_total=0,
        shipping_total=0,
        discount_total=0,
        total=0,
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_running_sums_name_the_same_payout_as_the_walk(seed):
    rng = random.Random(seed)
    workshop = WorkshopFactory()
    channels = {
        "EUR": ChannelFactory(slug=f"eur-{seed}", currency_code="EUR"),
        "TND": ChannelFactory(slug=f"tnd-{seed}", currency_code="TND"),
    }
    parcels = []
    for number in range(rng.randint(5, 25)):
        currency = rng.choice(list(channels))
        parcel = VendorOrder.objects.create(
            order=_order(channels[currency], currency),
            vendor=workshop,
            shipping_method_name="Post",
            shipping_price=0,
            goods_total=0,
            packaging_total=0,
        )
        parcels.append((parcel, currency))
        share = Decimal(rng.randint(1, 400)) + Decimal(rng.randint(0, 99)) / 100
        LedgerEntry.objects.create(
            vendor=workshop,
            kind=EntryKind.SALE,
            currency=currency,
            amount=share,
            vendor_order=parcel,
            key=f"sale:{seed}:{number}",
        )
        if rng.random() < 0.3:  # a refund: part, all, or (a later correction) more
            back = share * Decimal(rng.choice(["0.5", "1", "1.2"]))
            LedgerEntry.objects.create(
                vendor=workshop,
                kind=EntryKind.REFUND,
                currency=currency,
                amount=-back.quantize(Decimal("0.01")),
                vendor_order=parcel,
                key=f"refund:{seed}:{number}",
            )
        if rng.random() < 0.25:
            Payout.objects.create(
                vendor=workshop,
                currency=currency,
                amount=Decimal(rng.randint(50, 900)),
                gateway_id="bank",
                status=rng.choice([PayoutStatus.PAID, PayoutStatus.PENDING, PayoutStatus.FAILED]),
            )
    ids = [parcel.pk for parcel, _ in parcels]
    for currency in (None, "EUR", "TND"):
        found = payouts_covering(vendor_id=workshop.pk, currency=currency, parcel_ids=ids)
        assert {parcel: payout.pk for parcel, payout in found.items()} == _walk(
            workshop.pk, currency
        )


def test_a_page_costs_two_queries(django_assert_num_queries):
    workshop = WorkshopFactory()
    with django_assert_num_queries(2):
        payouts_covering(vendor_id=workshop.pk, currency=None, parcel_ids=[1, 2, 3])
    with django_assert_num_queries(0):
        assert payouts_covering(vendor_id=workshop.pk, currency="EUR", parcel_ids=[]) == {}
