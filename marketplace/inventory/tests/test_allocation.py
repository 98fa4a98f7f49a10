"""Never oversell: the last unit of a one-of-a-kind piece goes to exactly one buyer."""

from __future__ import annotations

import threading
from datetime import timedelta
from uuid import uuid4

import pytest
from django.db import connection, connections
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.inventory.models import Stock
from marketplace.inventory.services import (
    Allocated,
    InsufficientStock,
    StockRequest,
    stock_allocate,
    stock_available,
    stock_deallocate,
)


def _race(variant_id: int, contenders: int) -> tuple[list[list[Allocated]], list[Exception]]:
    won: list[list[Allocated]] = []
    lost: list[Exception] = []
    start = threading.Barrier(contenders)

    def buyer() -> None:
        try:
            start.wait()
            won.append(stock_allocate(requests=[StockRequest(variant_id, 1)]))
        except Exception as error:  # collected and asserted below
            lost.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return won, lost


@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_race_for_the_last_unit_again_and_again(catalog):
    product = catalog.product("Sniwa", stock=1)
    variant = product.variants.get()
    stock = Stock.objects.get(product_variant=variant)
    for round_number in range(10):
        Stock.objects.filter(pk=stock.pk).update(quantity=1, quantity_allocated=0)
        won, lost = _race(variant.pk, 20)
        assert len(won) == 1, f"round {round_number}: {len(won)} winners"
        assert len(lost) == 19
        assert all(
            isinstance(e, InsufficientStock) and e.code == "INSUFFICIENT_STOCK" for e in lost
        )
        stock.refresh_from_db()
        assert (stock.quantity, stock.quantity_allocated) == (1, 1)
    connection.close()


@pytest.mark.django_db
def test_allocation_is_all_or_nothing(catalog):
    tray = catalog.product("Tray", stock=3).variants.get()
    sniwa = catalog.product("Sniwa", stock=1).variants.get()
    with pytest.raises(InsufficientStock) as error:
        stock_allocate(requests=[StockRequest(tray.pk, 2), StockRequest(sniwa.pk, 2)])
    assert error.value.variant_ids == [sniwa.pk]
    assert set(Stock.objects.values_list("quantity_allocated", flat=True)) == {0}


@pytest.mark.django_db
def test_deallocation_gives_units_back(catalog):
    tray = catalog.product("Tray", stock=3).variants.get()
    taken = stock_allocate(requests=[StockRequest(tray.pk, 3)])
    assert stock_available(variant_ids=[tray.pk]) == {tray.pk: 0}
    stock_deallocate(allocations=taken)
    assert stock_available(variant_ids=[tray.pk]) == {tray.pk: 3}
    with pytest.raises(DomainError):
        stock_deallocate(allocations=taken)


@pytest.mark.django_db
def test_other_baskets_reservations_count_until_they_lapse(catalog):
    from marketplace.checkout.models import Checkout, CheckoutLine
    from marketplace.inventory.services import stock_reserve

    tray = catalog.product("Tray", stock=2).variants.get()
    basket = Checkout.objects.create(channel=catalog.eur, currency="EUR")
    line = CheckoutLine.objects.create(checkout=basket, variant=tray, quantity=2)
    stock_reserve(
        line_requests=[(line.pk, StockRequest(tray.pk, 2))],
        checkout_token=basket.token,
        until=timezone.now() + timedelta(minutes=20),
    )

    assert stock_available(variant_ids=[tray.pk]) == {tray.pk: 0}
    assert stock_available(variant_ids=[tray.pk], checkout_token=basket.token) == {tray.pk: 2}
    with pytest.raises(InsufficientStock):
        stock_allocate(requests=[StockRequest(tray.pk, 1)], checkout_token=uuid4())
    assert stock_allocate(requests=[StockRequest(tray.pk, 2)], checkout_token=basket.token)

    line.reservations.all().delete()


@pytest.mark.django_db
def test_lapsed_reservations_no_longer_hold_stock(catalog):
    from marketplace.checkout.models import Checkout, CheckoutLine
    from marketplace.inventory.services import reservations_expire, stock_reserve

    tray = catalog.product("Tray", stock=1).variants.get()
    basket = Checkout.objects.create(channel=catalog.eur, currency="EUR")
    line = CheckoutLine.objects.create(checkout=basket, variant=tray, quantity=1)
    stock_reserve(
        line_requests=[(line.pk, StockRequest(tray.pk, 1))],
        checkout_token=basket.token,
        until=timezone.now() - timedelta(seconds=1),
    )
    assert stock_available(variant_ids=[tray.pk]) == {tray.pk: 1}
    assert reservations_expire() == 1
