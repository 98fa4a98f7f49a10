"""Holding stock without paying (issue #8, item 8). Before, every anonymous checkoutCreate
held the only unit of a one-of-a-kind ewer for 20 minutes, renewed on every change, with no
limit: a script could keep it from every buyer for ever. The policy now (checkout.holds):
no hold before the buyer gives an e-mail and a delivery address (or starts paying); the last
units of a piece are held 10 minutes from the first hold, never renewed; no hold outlives 30
minutes; one client (IP or account) starts holds in at most 3 baskets an hour."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from graphql_relay import from_global_id

from conftest import GraphQLClient
from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Reservation, Stock
from marketplace.orders.models import Order
from tests.commerce import ADDRESS, Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db

CREATE = """mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
  checkout { id stockReservationExpires } errors { field code message } } }"""
UPDATE = """mutation($id: ID, $line: ID!, $q: Int!) { checkoutLinesUpdate(id: $id,
  lines: [{lineId: $line, quantity: $q}]) { checkout { stockReservationExpires }
  errors { field code message } } }"""
EMAIL = """mutation($id: ID, $e: String!) { checkoutEmailUpdate(id: $id, email: $e) {
  checkout { stockReservationExpires } errors { field code message } } }"""
LINES = "query($id: ID) { checkout(id: $id) { lines { id } } }"
SHORT = [
    {
        "field": "quantity",
        "code": "INSUFFICIENT_STOCK",
        "message": "Insufficient quantity in stock.",
    }
]


def _from(ip: str) -> GraphQLClient:
    return GraphQLClient(Client(REMOTE_ADDR=ip))


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def _ewer(shop) -> list[dict[str, Any]]:
    return [{"variantId": shop.variant_id(shop.ewer), "quantity": 1}]


def _committed(gql, lines, email="hoarder@example.com") -> dict[str, Any]:
    payload: dict[str, Any] = gql.data(
        CREATE, {"input": {"email": email, "shippingAddress": ADDRESS, "lines": lines}}
    )["checkoutCreate"]
    return payload


def _token(checkout_id: str) -> str:
    return from_global_id(checkout_id)[1]


def _holds(checkout_id: str) -> list[Any]:
    return list(
        Reservation.objects.filter(checkout_line__checkout_id=_token(checkout_id)).values_list(
            "quantity", "reserved_until"
        )
    )


def _age(checkout_id: str, minutes: int) -> None:
    """As if the basket had begun holding ``minutes`` ago (its hold dated the same way)."""
    then = timezone.now() - timedelta(minutes=minutes)
    Checkout.objects.filter(token=_token(checkout_id)).update(stock_held_since=then)
    Reservation.objects.filter(checkout_line__checkout_id=_token(checkout_id)).update(
        reserved_until=then + timedelta(minutes=10)
    )


def _line(gql, checkout_id: str) -> str:
    line_id: str = gql.data(LINES, {"id": checkout_id})["checkout"]["lines"][0]["id"]
    return line_id


def test_the_hoarding_script_cannot_block_the_piece(shop):
    hoarder = _from("203.0.113.66")
    baskets = [hoarder.data(CREATE, {"input": {"lines": _ewer(shop)}}) for _ in range(50)]
    assert [b["checkoutCreate"]["errors"] for b in baskets] == [[]] * 50
    assert {b["checkoutCreate"]["checkout"]["stockReservationExpires"] for b in baskets} == {None}
    assert not Reservation.objects.exists()
    stock = Stock.objects.get(product_variant__product=shop.ewer)
    assert (stock.quantity, stock.quantity_allocated) == (1, 0)

    honest = _from("198.51.100.7")
    checkout_id = checkout_ready(honest, _ewer(shop), email="amel@example.com")
    assert len(_holds(checkout_id)) == 1  # e-mail and address given: the piece is held for her
    assert pay(honest, checkout_id)["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert complete(honest, checkout_id)["errors"] == []
    assert Order.objects.get().user_email == "amel@example.com"
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (1, 1)


def test_a_committed_hoarder_holds_the_last_piece_ten_minutes_once(shop):
    hoarder = _from("203.0.113.66")
    held = _committed(hoarder, _ewer(shop))
    assert held["errors"] == []
    checkout_id = held["checkout"]["id"]
    [(quantity, until)] = _holds(checkout_id)
    since = Checkout.objects.get(token=_token(checkout_id)).stock_held_since
    assert quantity == 1 and until == since + timedelta(minutes=10)
    assert _committed(hoarder, _ewer(shop))["errors"] == SHORT  # a second basket gets nothing

    # Changes do not renew a last-piece hold.
    line = _line(hoarder, checkout_id)
    assert (
        hoarder.data(UPDATE, {"id": checkout_id, "line": line, "q": 1})["checkoutLinesUpdate"][
            "errors"
        ]
        == []
    )
    assert (
        hoarder.data(EMAIL, {"id": checkout_id, "e": "other@example.com"})["checkoutEmailUpdate"][
            "errors"
        ]
        == []
    )
    assert _holds(checkout_id) == [(1, until)]

    honest = _from("198.51.100.7")
    assert (
        honest.data(CREATE, {"input": {"lines": _ewer(shop)}})["checkoutCreate"]["errors"] == SHORT
    )  # held by a committed buyer, for ten minutes at most
    _age(checkout_id, 11)
    touched = hoarder.data(UPDATE, {"id": checkout_id, "line": line, "q": 1})
    assert touched["checkoutLinesUpdate"] == {
        "checkout": {"stockReservationExpires": None},
        "errors": [],
    }
    assert not Reservation.objects.filter(reserved_until__gt=timezone.now()).exists()

    buyer = checkout_ready(honest, _ewer(shop), email="amel@example.com")
    pay(honest, buyer)
    assert complete(honest, buyer)["errors"] == []
    assert Order.objects.get().user_email == "amel@example.com"
    late = hoarder.data(EMAIL, {"id": checkout_id, "e": "hoarder@example.com"})
    assert late["checkoutEmailUpdate"]["checkout"] == {"stockReservationExpires": None}


def test_one_client_starts_holds_in_three_baskets_an_hour(shop):
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=20)
    tray = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    hoarder = _from("203.0.113.66")
    first_three = [_committed(hoarder, tray) for _ in range(3)]
    assert all(b["checkout"]["stockReservationExpires"] is not None for b in first_three)
    fourth = _committed(hoarder, tray)
    assert fourth["errors"] == []  # the basket is made, but holds nothing
    assert fourth["checkout"]["stockReservationExpires"] is None
    assert _holds(fourth["checkout"]["id"]) == []
    assert Reservation.objects.count() == 3

    neighbour = _committed(_from("198.51.100.7"), tray)
    assert neighbour["checkout"]["stockReservationExpires"] is not None

    # An account counts across addresses.
    claire = login("claire@example.com")
    for number, ip in enumerate(("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4")):
        claire.client.defaults["REMOTE_ADDR"] = ip
        basket = _committed(claire, tray, email="claire@example.com")
        assert basket["errors"] == []
        assert (basket["checkout"]["stockReservationExpires"] is None) == (number == 3)
    assert Reservation.objects.count() == 7

    # A basket that holds nothing is still sold to its buyer while the stock is there.
    unheld = checkout_ready(hoarder, tray)
    assert _holds(unheld) == []
    assert pay(hoarder, unheld)["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert complete(hoarder, unheld)["errors"] == []
    assert Stock.objects.get(product_variant__product=shop.tray).quantity_allocated == 1


def test_no_hold_outlives_thirty_minutes(shop):
    tray = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    gql = _from("198.51.100.7")
    checkout_id = _committed(gql, tray, email="amel@example.com")["checkout"]["id"]
    line = _line(gql, checkout_id)
    _age(checkout_id, 25)
    gql.data(UPDATE, {"id": checkout_id, "line": line, "q": 2})
    since = Checkout.objects.get(token=_token(checkout_id)).stock_held_since
    assert _holds(checkout_id) == [(2, since + timedelta(minutes=30))]  # renewed, to the limit
    _age(checkout_id, 31)
    renewed = gql.data(UPDATE, {"id": checkout_id, "line": line, "q": 1})
    assert renewed["checkoutLinesUpdate"]["checkout"] == {"stockReservationExpires": None}
    assert _holds(checkout_id) == []


def test_only_a_committed_basket_holds(shop):
    tray = [{"variantId": shop.variant_id(shop.tray), "quantity": 2}]
    gql = _from("198.51.100.7")
    created = gql.data(CREATE, {"input": {"email": "amel@example.com", "lines": tray}})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    assert _holds(checkout_id) == []  # an e-mail alone is not enough
    address = """mutation($id: ID, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id,
      shippingAddress: $a) { checkout { stockReservationExpires } errors { code } } }"""
    answer = gql.data(address, {"id": checkout_id, "a": ADDRESS})["checkoutShippingAddressUpdate"]
    assert answer["errors"] == [] and answer["checkout"]["stockReservationExpires"] is not None
    [(quantity, _until)] = _holds(checkout_id)
    assert quantity == 2


def test_behind_a_proxy_the_client_cannot_choose_its_address(shop, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=20)
    tray = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    proxy = GraphQLClient(Client(REMOTE_ADDR="10.0.0.2"))
    expires = []
    for spoofed in ("192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"):
        # The proxy appends the address it saw; what the client wrote before it is not believed.
        proxy.client.defaults["HTTP_X_FORWARDED_FOR"] = f"{spoofed}, 203.0.113.66"
        expires.append(_committed(proxy, tray)["checkout"]["stockReservationExpires"])
    assert [e is not None for e in expires] == [True, True, True, False]
    assert set(Checkout.objects.values_list("client_ip", flat=True)) == {"203.0.113.66"}
    proxy.client.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"  # another buyer
    assert _committed(proxy, tray)["checkout"]["stockReservationExpires"] is not None
