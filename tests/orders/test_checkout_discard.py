"""A basket that became an order goes in one statement with its lines and parcel choices
(checkout.services.checkout_discard); every other basket stays; a basket still holding
stock cannot be discarded (the reservations' foreign key fails the commit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from graphql_relay import from_global_id

from conftest import GraphQLClient
from marketplace.checkout.models import Checkout, CheckoutDelivery, CheckoutLine
from marketplace.checkout.services import checkout_discard
from marketplace.inventory.models import Reservation
from tests.commerce import Shop, checkout_ready, complete, pay


def _basket(gql: GraphQLClient, shop: Shop) -> str:
    lines = [
        {"variantId": shop.variant_id(product), "quantity": 1}
        for product in (shop.tray, shop.bracelet)
    ]
    return checkout_ready(gql, lines)


def _rows(token: Any) -> tuple[int, int, int]:
    return (
        Checkout.objects.filter(token=token).count(),
        CheckoutLine.objects.filter(checkout_id=token).count(),
        CheckoutDelivery.objects.filter(checkout_id=token).count(),
    )


@pytest.mark.django_db
def test_completing_deletes_the_basket_its_lines_and_choices_and_nothing_else(
    gql: GraphQLClient, catalog: Any
) -> None:
    shop = Shop(catalog)
    bought, kept = _basket(gql, shop), _basket(gql, shop)
    bought_token, kept_token = from_global_id(bought)[1], from_global_id(kept)[1]
    assert _rows(bought_token) == (1, 2, 2) and _rows(kept_token) == (1, 2, 2)
    assert pay(gql, bought)["errors"] == []
    with CaptureQueriesContext(connection) as captured:
        assert complete(gql, bought)["errors"] == []
    discards = [q["sql"] for q in captured.captured_queries if "DELETE FROM" in q["sql"]]
    assert sum('DELETE FROM "checkout_checkout"' in sql for sql in discards) == 1
    assert _rows(bought_token) == (0, 0, 0)
    assert _rows(kept_token) == (1, 2, 2)


@pytest.mark.django_db(transaction=True)
def test_a_basket_still_holding_stock_is_not_discarded(gql: GraphQLClient, catalog: Any) -> None:
    shop = Shop(catalog)
    token = from_global_id(_basket(gql, shop))[1]
    assert Reservation.objects.filter(checkout_line__checkout_id=token).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        checkout_discard(token=token)
    assert _rows(token) == (1, 2, 2)
