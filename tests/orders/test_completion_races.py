"""checkoutComplete under concurrency: the last piece goes to one buyer, the others get their
money back and a clear INSUFFICIENT_STOCK; one checkout completed twice at once is one order."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from django.db import connections
from graphql_relay import from_global_id

from marketplace.core.errors import DomainError
from marketplace.inventory.models import Stock
from marketplace.orders.complete import checkout_complete
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, pay

pytestmark = pytest.mark.django_db(transaction=True)


def _token(checkout_id: str) -> UUID:
    return UUID(from_global_id(checkout_id)[1])


def _race(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[Exception]]:
    won: list[Any] = []
    lost: list[Exception] = []
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> None:
        try:
            start.wait()
            won.append(call())
        except Exception as error:  # collected and asserted by the test
            lost.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return won, lost


def test_twenty_paid_checkouts_race_for_the_last_piece(gql, catalog, settings):
    settings.CHECKOUT_RESERVATION_MINUTES = 0  # baskets whose hold has lapsed all reach checkout
    settings.CHECKOUT_SCARCE_RESERVATION_MINUTES = 0  # the last piece's short hold too
    shop = Shop(catalog)
    stock = Stock.objects.get(product_variant__product=shop.ewer)
    line = [{"variantId": shop.variant_id(shop.ewer), "quantity": 1}]
    for round_number in range(5):
        Stock.objects.filter(pk=stock.pk).update(quantity=1, quantity_allocated=0)
        tokens = []
        for _ in range(20):
            checkout_id = checkout_ready(gql, line)
            assert pay(gql, checkout_id)["transactionEvent"]["type"] == "CHARGE_SUCCESS"
            tokens.append(_token(checkout_id))
        won, lost = _race([lambda t=t: checkout_complete(token=t) for t in tokens])
        assert len(won) == 1, f"round {round_number}: {len(won)} orders, {lost[:1]}"
        assert len(lost) == 19
        assert {(e.code, type(e).__name__) for e in lost} == {
            ("INSUFFICIENT_STOCK", "CompletionError")
        }
        assert all(isinstance(e, DomainError) and "refunded" in e.message for e in lost)
        stock.refresh_from_db()
        assert (stock.quantity, stock.quantity_allocated) == (1, 1)
        losers = Transaction.objects.filter(checkout_token__in=tokens, order__isnull=True)
        assert losers.count() == 19
        assert all(t.refunded == t.charged == Decimal("265.00") for t in losers)
    assert Order.objects.count() == 5


def test_one_checkout_completed_twice_at_once_is_one_order(gql, catalog):
    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 2}])
    pay(gql, checkout_id)
    token = _token(checkout_id)
    won, lost = _race([lambda: checkout_complete(token=token) for _ in range(8)])
    assert lost == []
    assert len({order.pk for order in won}) == 1
    assert Order.objects.count() == 1
    stock = Stock.objects.get(product_variant__product=shop.tray)
    assert stock.quantity_allocated == 2
    assert Transaction.objects.get().refunded == 0
