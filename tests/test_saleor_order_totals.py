"""Saleor 3.23's Order and OrderLine fields for discounts, pending and granted amounts and
shipping methods answer from the order itself; concepts the marketplace does not have answer
their empty value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.accounts.models import User
from marketplace.orders.models import Order, VendorOrder
from tests.commerce import login
from tests.orders.test_order_query_counts import make_orders

pytestmark = pytest.mark.django_db

QUERY = """query { me { orders(first: 5) { edges { node {
  token externalReference shippingTaxRate collectionPointName
  undiscountedShippingPrice { amount currency }
  totalChargePending { amount } totalAuthorizePending { amount } totalCancelPending { amount }
  totalRefundPending { amount } totalGrantedRefund { amount } totalRemainingGrant { amount }
  discounts { id type name translatedName valueType value reason amount { amount } total { amount currency } }
  shippingMethods { name price { amount } } availableCollectionPoints { id }
  lines { discounts { id } priceOverrideReason saleId unitDiscountReason unitDiscountType unitDiscountValue }
  transactions { refundPendingAmount { amount currency } }
} } } } }"""


def test_an_order_with_a_voucher_answers_saleors_discount_and_total_fields(catalog):
    client = login("claire@example.com")
    buyer = User.objects.get(email="claire@example.com")
    make_orders(1, buyer, [catalog.workshop], catalog.eur)
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(voucher_code="SOUK10", discount_total=Decimal("10"))
    VendorOrder.objects.filter(order=order).update(shipping_method_name="Colissimo")

    node = client.data(QUERY)["me"]["orders"]["edges"][0]["node"]

    assert node["token"] == str(order.pk)
    assert node["externalReference"] is None
    assert node["shippingTaxRate"] == 0.0
    assert node["collectionPointName"] is None
    assert node["undiscountedShippingPrice"] == {"amount": 15.0, "currency": "EUR"}
    for name in (
        "totalChargePending",
        "totalAuthorizePending",
        "totalCancelPending",
        "totalRefundPending",
        "totalGrantedRefund",
        "totalRemainingGrant",
    ):
        assert node[name] == {"amount": 0.0}, name
    assert node["discounts"] == [
        {
            "id": node["discounts"][0]["id"],
            "type": "VOUCHER",
            "name": "SOUK10",
            "translatedName": "SOUK10",
            "valueType": "FIXED",
            "value": 10.0,
            "reason": None,
            "amount": {"amount": 10.0},
            "total": {"amount": 10.0, "currency": "EUR"},
        }
    ]
    assert node["availableCollectionPoints"] == []
    assert node["lines"] and all(
        line
        == {
            "discounts": [],
            "priceOverrideReason": None,
            "saleId": None,
            "unitDiscountReason": None,
            "unitDiscountType": None,
            "unitDiscountValue": 0.0,
        }
        for line in node["lines"]
    )
    assert node["transactions"] == [{"refundPendingAmount": {"amount": 0.0, "currency": "EUR"}}]


def test_an_order_without_a_voucher_has_no_discounts(catalog):
    client = login("claire@example.com")
    make_orders(1, User.objects.get(email="claire@example.com"), [catalog.workshop], catalog.eur)
    node = client.data(QUERY)["me"]["orders"]["edges"][0]["node"]
    assert node["discounts"] == []


GIFT_CARD_FRAGMENT = """fragment Card on GiftCard { id displayCode last4CodeChars
  currentBalance { amount currency } expiryDate isActive tags { name } }"""


def test_gift_cards_are_empty_on_the_order_the_account_and_a_basket(catalog):
    from tests.commerce import GraphQLClient

    client = login("claire@example.com")
    make_orders(1, User.objects.get(email="claire@example.com"), [catalog.workshop], catalog.eur)
    data = client.data(
        GIFT_CARD_FRAGMENT
        + """query { me { giftCards(first: 10) { totalCount edges { node { ...Card } } }
          orders(first: 1) { edges { node { giftCards { ...Card } } } } } }"""
    )
    assert data["me"]["giftCards"] == {"totalCount": 0, "edges": []}
    assert data["me"]["orders"]["edges"][0]["node"]["giftCards"] == []

    from django.test import Client

    guest = GraphQLClient(Client())
    created = guest.data(
        GIFT_CARD_FRAGMENT
        + """mutation($channel: String!) { checkoutCreate(input: {channel: $channel, lines: []}) {
          errors { field code } checkout { giftCards { ...Card } } } }""",
        {"channel": catalog.eur.slug},
    )["checkoutCreate"]
    assert created["errors"] == []
    assert created["checkout"]["giftCards"] == []
