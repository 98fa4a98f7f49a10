"""Ten transactionInitialize at once on one checkout (issue #8, item 13): before, about half
answered "Internal server error." (two requests inserting the basket's reservations) and every
one that got through charged the whole amount. Now they are served one at a time under the
checkout's row lock: one payment, the others a clear answer, the basket's holds intact."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from conftest import GraphQLClient
from marketplace.inventory.models import Reservation
from marketplace.payments.models import Transaction, TransactionEvent
from tests.commerce import PAY, Shop, checkout_ready, checkout_total

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS_FOR_THE_OTHERS = {
    (
        "id",
        "CHECKOUT_COMPLETION_IN_PROGRESS",
        "Another payment for this checkout is under way: wait for its outcome.",
    ),
    ("amount", "INVALID", "This checkout is already paid."),
}


def _at_once(count: int, call: Any) -> list[Any]:
    answers: list[Any] = []
    start = threading.Barrier(count)

    def run() -> None:
        try:
            start.wait()
            answers.append(call())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def _pay_body(checkout_id: str, key: str | None = None) -> Any:
    variables = {"id": checkout_id, "gw": {"id": "marketplace.payments.demo"}, "key": key}
    return GraphQLClient(Client()).execute(PAY, variables)


def _basket(gql, catalog) -> tuple[str, Shop]:
    shop = Shop(catalog)
    lines = [
        {"variantId": shop.variant_id(shop.tray), "quantity": 2},
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]
    return checkout_ready(gql, lines), shop


def test_ten_payments_at_once_charge_once_and_answer_clearly(gql, catalog):
    checkout_id, _shop = _basket(gql, catalog)
    total = checkout_total(gql, checkout_id)
    held = sorted(Reservation.objects.values_list("checkout_line_id", "stock_id", "quantity"))
    bodies = _at_once(10, lambda: _pay_body(checkout_id))
    assert len(bodies) == 10
    assert [b for b in bodies if "errors" in b] == []  # no Internal server error
    payloads = [b["data"]["transactionInitialize"] for b in bodies]
    paid = [p for p in payloads if p["errors"] == []]
    assert len(paid) == 1
    assert paid[0]["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert paid[0]["transaction"]["chargedAmount"] == {"amount": float(total), "currency": "EUR"}
    others = [p for p in payloads if p["errors"]]
    assert len(others) == 9
    for other in others:
        assert other["transaction"] is None
        assert [(e["field"], e["code"], e["message"]) for e in other["errors"]] in [
            [answer] for answer in ANSWERS_FOR_THE_OTHERS
        ]
    txn = Transaction.objects.get()
    assert (txn.charged, txn.amount_requested) == (total, total)
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    # Each line still holds exactly what it held: replaced one call after another.
    assert sorted(Reservation.objects.values_list("checkout_line_id", "stock_id", "quantity")) == [
        (line, stock, quantity) for line, stock, quantity in held
    ]


def test_ten_payments_at_once_with_one_key_are_one_transaction(gql, catalog):
    checkout_id, _shop = _basket(gql, catalog)
    total = checkout_total(gql, checkout_id)
    assert total == Decimal("300.00")  # 2 x 100 + 60, shipped 15 + 25
    bodies = _at_once(10, lambda: _pay_body(checkout_id, key="attempt-1"))
    assert [b for b in bodies if "errors" in b] == []
    payloads = [b["data"]["transactionInitialize"] for b in bodies]
    assert {p["transaction"]["id"] for p in payloads} == {payloads[0]["transaction"]["id"]}
    assert Transaction.objects.count() == 1
    assert Transaction.objects.get().charged == total
