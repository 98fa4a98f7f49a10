"""A buyer browses, fills a two-workshop basket with packaging, pays with Stripe (confirmed
through localstripe, which then calls our webhook with a signed event) and again with the demo
gateway; each workshop then sees only its own lines."""

from __future__ import annotations

import time
from decimal import Decimal
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.payments.models import ProviderEvent, Transaction
from plugins.stripe_payments.tests.test_stripe_gateway import buyer_confirms
from tests.commerce import Shop, checkout_ready, checkout_total, complete, login, pay

pytestmark = pytest.mark.django_db(transaction=True)

BROWSE = """query { products(first: 10, channel: "international", sortBy: {field: NAME, direction: ASC}) {
  edges { node { name vendor { slug } variants { id quantityAvailable }
    packagingOptions { id name kind } } } } }"""
TOKEN = """mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) {
  token errors { code } } }"""
SHIP_LIST = """{ workshopOrders(first: 10) { totalCount edges { node { orderNumber status
  lines { productName quantity packagingName giftMessage } } } } }"""


def bearer(email: str) -> GraphQLClient:
    anonymous = GraphQLClient(Client())
    token = anonymous.data(TOKEN, {"email": email, "password": "pw-123456789"})["tokenCreate"][
        "token"
    ]
    return GraphQLClient(Client(HTTP_AUTHORIZATION=f"Bearer {token}"))


def wait_until(condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_two_workshops_one_basket_paid_with_stripe_then_with_the_demo_gateway(
    catalog, stripe_on, live_server
):
    shop = Shop(catalog)
    login("souika-owner@example.com", vendor=catalog.workshop, role="owner")
    login("fidda-owner@example.com", vendor=shop.fidda, role="owner")
    buyer = login("claire@example.com")
    hook = urlencode(
        {"url": f"{live_server.url}/plugins/stripe/webhook/", "secret": "whsec_test_marketplace"}
    )
    with urlopen(f"{stripe_on}/_config/webhooks/marketplace", data=hook.encode()) as answer:
        assert answer.status == 200

    products = {
        edge["node"]["name"]: edge["node"] for edge in buyer.data(BROWSE)["products"]["edges"]
    }
    tray, bracelet = products["Tray"], products["Bracelet"]
    gift_box = next(p for p in tray["packagingOptions"] if p["kind"] == "GIFT")
    lines = [
        {
            "variantId": tray["variants"][0]["id"],
            "quantity": 1,
            "packagingOptionId": gift_box["id"],
            "giftMessage": "Eid Mubarak",
        },
        {"variantId": bracelet["variants"][0]["id"], "quantity": 1},
    ]

    # With Stripe: the storefront confirms with the client secret; Stripe calls the webhook.
    first = checkout_ready(buyer, lines)
    assert checkout_total(buyer, first) == Decimal("206.00")  # 100 + 6 + 60 + 15 + 25
    started = pay(buyer, first, gateway="marketplace.payments.stripe")
    assert started["data"]["client_secret"]
    assert buyer_confirms(stripe_on, started["data"]["payment_intent"]) == "succeeded"
    wait_until(lambda: Transaction.objects.get(token=started["transaction"]["token"]).charged > 0)
    # This intent's notice, once (a notice of an earlier test's intent may still arrive).
    intent_id = started["data"]["payment_intent"]
    succeeded = ProviderEvent.objects.filter(
        type="payment_intent.succeeded", payload__data__object__id=intent_id
    )
    assert succeeded.count() == 1
    stripe_order = complete(buyer, first)
    assert stripe_order["errors"] == [] and stripe_order["order"]["isPaid"]

    # With the demo gateway.
    second = checkout_ready(buyer, lines)
    assert pay(buyer, second, data={"card": "4242424242424242"})["errors"] == []
    demo_order = complete(buyer, second)
    assert demo_order["errors"] == [] and demo_order["order"]["chargeStatus"] == "FULL"

    # Each workshop, logged in with a JWT, sees its own lines of both orders and nothing else.
    souika = bearer("souika-owner@example.com").data(SHIP_LIST)["workshopOrders"]
    assert souika["totalCount"] == 2
    assert {
        (line["productName"], line["packagingName"], line["giftMessage"])
        for edge in souika["edges"]
        for line in edge["node"]["lines"]
    } == {("Tray", "Gift box", "Eid Mubarak")}
    fidda = bearer("fidda-owner@example.com").data(SHIP_LIST)["workshopOrders"]
    assert {line["productName"] for e in fidda["edges"] for line in e["node"]["lines"]} == {
        "Bracelet"
    }
    assert bearer("claire@example.com").data(SHIP_LIST)["workshopOrders"]["totalCount"] == 0
