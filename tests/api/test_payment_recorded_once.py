"""A payment started inside a GraphQL mutation is recorded from the row it just created (no
one else can see it before the mutation commits): the transaction is not read again under a
lock; started outside a transaction (the shop's views), it is, as a webhook's notice would
be. Either way the payment holds what the gateway said, once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import from_global_id

from conftest import GraphQLClient
from marketplace.payments.checkout_payment import checkout_payment_start
from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, checkout_total, pay


def _locked_reads(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "payments_transaction"') and "FOR UPDATE" in q["sql"]
    ]


def _basket(gql: GraphQLClient, catalog: Any) -> str:
    shop = Shop(catalog)
    return checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])


@pytest.mark.django_db
def test_paying_in_a_mutation_records_the_charge_without_reading_the_payment_again(
    gql: GraphQLClient, catalog: Any
) -> None:
    checkout_id = _basket(gql, catalog)
    total = checkout_total(gql, checkout_id)
    with CaptureQueriesContext(connection) as captured:
        paid = pay(gql, checkout_id, data={"card": "4242424242424242"})
    assert paid["errors"] == [] and paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert _locked_reads(captured) == []
    txn = Transaction.objects.get()
    assert txn.charged == total and txn.authorized == Decimal(0)
    assert list(txn.events.order_by("pk").values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_SUCCESS",
    ]
    again = pay(gql, checkout_id, data={"card": "4242424242424242"})  # nothing left to pay
    assert [e["field"] for e in again["errors"]] == ["amount"]
    assert Transaction.objects.get().events.count() == 2


@pytest.mark.django_db(transaction=True)
def test_paying_outside_a_transaction_reads_the_payment_under_its_lock(
    gql: GraphQLClient, catalog: Any
) -> None:
    checkout_id = _basket(gql, catalog)
    total = checkout_total(gql, checkout_id)
    token = from_global_id(checkout_id)[1]
    with CaptureQueriesContext(connection) as captured:
        txn, event, _data = checkout_payment_start(
            actor=None,
            token=token,
            gateway_id="marketplace.payments.demo",
            data={"card": "4242424242424242"},
        )
    assert len(_locked_reads(captured)) == 1
    assert event is not None and event.type == "CHARGE_SUCCESS"
    txn.refresh_from_db()
    assert txn.charged == total
