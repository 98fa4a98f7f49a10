"""The Stripe gateway with the real stripe SDK against localstripe: PaymentIntents, the buyer's
confirmation, transactionProcess, refunds, and which channels may use it."""

from __future__ import annotations

from decimal import Decimal

import pytest
import stripe

from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, complete, pay

pytestmark = pytest.mark.django_db

STRIPE = "marketplace.payments.stripe"
GATEWAYS = "query($id: ID) { checkout(id: $id) { availablePaymentGateways { id currencies config { field value } } } }"
PROCESS = """mutation($id: ID) { transactionProcess(id: $id) { transaction { chargedAmount { amount } }
  transactionEvent { type message } errors { field code message } } }"""
INIT = """mutation($id: ID!) { paymentGatewayInitialize(id: $id) { gatewayConfigs { id data errors { code } }
  errors { code } } }"""


def client(base: str) -> stripe.StripeClient:
    return stripe.StripeClient("sk_test_marketplace", base_addresses={"api": base})


def buyer_confirms(base: str, intent_id: str, card: str = "4242424242424242") -> str:
    """What Stripe.js does in the buyer's browser with the client secret."""
    sdk = client(base)
    method = sdk.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": card, "exp_month": 12, "exp_year": 2031, "cvc": "123"},
        }
    )
    return str(
        sdk.v1.payment_intents.confirm(intent_id, params={"payment_method": method.id}).status
    )


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def basket(shop):
    return [
        {"variantId": shop.variant_id(shop.tray), "quantity": 1},
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]


def test_stripe_is_offered_where_it_can_take_the_currency(gql, shop, stripe_on):
    eur = checkout_ready(gql, basket(shop))
    offered = gql.data(GATEWAYS, {"id": eur})["checkout"]["availablePaymentGateways"]
    assert [g["id"] for g in offered] == [
        "marketplace.payments.demo",
        "saleor.io.dummy-payment-app",
        STRIPE,
        "saleor.app.payment.stripe",
    ]
    assert {"field": "api_key", "value": "pk_test_marketplace"} in offered[2]["config"]
    configs = gql.data(INIT, {"id": eur})["paymentGatewayInitialize"]["gatewayConfigs"]
    assert {
        "id": STRIPE,
        "data": {"publishable_key": "pk_test_marketplace"},
        "errors": [],
    } in configs

    tnd = checkout_ready(
        gql,
        basket(shop),
        channel="tunisia",
        address={
            "firstName": "Amine",
            "lastName": "Ben Salah",
            "streetAddress1": "5 rue de Marseille",
            "city": "Tunis",
            "postalCode": "1001",
            "country": "TN",
        },
    )
    offered = gql.data(GATEWAYS, {"id": tnd})["checkout"]["availablePaymentGateways"]
    assert [g["id"] for g in offered] == [
        "marketplace.payments.demo",
        "saleor.io.dummy-payment-app",
    ]
    refused = pay(gql, tnd, gateway=STRIPE)
    assert refused["errors"] == [
        {
            "field": "paymentGateway",
            "code": "INVALID",
            "message": "Stripe cannot take payments in TND. Gateways that take TND: marketplace.payments.demo, saleor.io.dummy-payment-app.",
        }
    ]
    assert not Transaction.objects.filter(currency="TND").exists()


def test_a_channel_with_no_gateway_for_its_currency_says_so(gql, shop, stripe_on, settings):
    from marketplace.core.plugins import reset_plugin_manager

    settings.DEMO_PAYMENTS_ENABLED = False
    reset_plugin_manager()
    tnd = checkout_ready(
        gql,
        basket(shop),
        channel="tunisia",
        address={
            "firstName": "Amine",
            "lastName": "Ben Salah",
            "streetAddress1": "5 rue de Marseille",
            "city": "Tunis",
            "postalCode": "1001",
            "country": "TN",
        },
    )
    assert gql.data(GATEWAYS, {"id": tnd})["checkout"]["availablePaymentGateways"] == []
    assert (
        pay(gql, tnd, gateway=STRIPE)["errors"][0]["message"]
        == "Stripe cannot take payments in TND."
    )


def test_payment_intent_confirmed_by_the_buyer_then_processed(gql, shop, stripe_on):
    checkout_id = checkout_ready(gql, basket(shop))
    started = pay(gql, checkout_id, gateway=STRIPE, key="first-try")
    assert started["errors"] == []
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    intent_id = started["data"]["payment_intent"]
    assert started["data"]["client_secret"].startswith(f"{intent_id}_secret_")
    intent = client(stripe_on).v1.payment_intents.retrieve(intent_id)
    assert (intent.amount, intent.currency) == (20000, "eur")  # 100 + 60 + 15 + 25 EUR
    assert intent.automatic_payment_methods.to_dict() == {"enabled": True}
    assert intent.metadata["transaction"] == started["transaction"]["token"]
    again = pay(gql, checkout_id, gateway=STRIPE, key="first-try")
    assert again["transaction"]["id"] == started["transaction"]["id"]
    assert again["data"]["payment_intent"] == intent_id  # no second intent was created
    assert Transaction.objects.count() == 1

    assert complete(gql, checkout_id)["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    assert buyer_confirms(stripe_on, intent_id) == "succeeded"
    processed = gql.data(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
    assert processed["errors"] == []
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert processed["transaction"]["chargedAmount"] == {"amount": 200.0}
    again = gql.data(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
    assert again["errors"][0]["code"] == "TRANSACTION_ALREADY_PROCESSED"
    done = complete(gql, checkout_id)
    assert done["errors"] == [] and done["order"]["isPaid"]


def test_a_declined_card_is_reported_and_no_order_is_made(gql, shop, stripe_on):
    checkout_id = checkout_ready(gql, basket(shop))
    started = pay(gql, checkout_id, gateway=STRIPE)
    with pytest.raises(stripe.CardError):
        buyer_confirms(stripe_on, started["data"]["payment_intent"], card="4000000000000341")
    processed = gql.data(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
    assert processed["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert processed["errors"][0]["code"] == "INVALID"
    assert complete(gql, checkout_id)["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    assert not Order.objects.exists()


def test_cancelling_refunds_through_stripe(gql, shop, stripe_on):
    from tests.commerce import login

    buyer = login("claire@example.com")
    checkout_id = checkout_ready(buyer, basket(shop))
    started = pay(buyer, checkout_id, gateway=STRIPE)
    buyer_confirms(stripe_on, started["data"]["payment_intent"])
    buyer.data(PROCESS, {"id": started["transaction"]["id"]})
    order = complete(buyer, checkout_id)["order"]
    cancel = "mutation($id: ID!) { orderCancel(id: $id) { errors { code message } } }"
    assert buyer.data(cancel, {"id": order["id"]})["orderCancel"]["errors"] == []
    txn = Transaction.objects.get()
    assert txn.refunded == Decimal("200.00")
    refund_event = txn.events.get(type="REFUND_SUCCESS")
    refund = client(stripe_on).v1.refunds.retrieve(refund_event.psp_reference)
    assert (refund.amount, refund.payment_intent) == (20000, started["data"]["payment_intent"])


def test_every_create_carries_an_idempotency_key(gql, shop, stripe_on, monkeypatch):
    from plugins.stripe_payments import gateway as stripe_gateway

    real = stripe_gateway.stripe_client
    sent: list[tuple[str, dict]] = []

    class Recording:
        def __init__(self, resource, name):
            self._resource, self._name = resource, name

        def create(self, params, options=None):
            sent.append((self._name, dict(options or {})))
            return self._resource.create(params=params, options=options)

        def __getattr__(self, attribute):
            return getattr(self._resource, attribute)

    class Client:
        def __init__(self):
            sdk = real()
            self.v1 = type("V1", (), {})()
            self.v1.payment_intents = Recording(sdk.v1.payment_intents, "payment_intent")
            self.v1.refunds = Recording(sdk.v1.refunds, "refund")

    monkeypatch.setattr(stripe_gateway, "stripe_client", Client)
    from tests.commerce import login

    buyer = login("claire@example.com")
    checkout_id = checkout_ready(buyer, basket(shop))
    started = pay(buyer, checkout_id, gateway=STRIPE)
    buyer_confirms(stripe_on, started["data"]["payment_intent"])
    buyer.data(PROCESS, {"id": started["transaction"]["id"]})
    order = complete(buyer, checkout_id)["order"]
    buyer.data(
        "mutation($id: ID!) { orderCancel(id: $id) { errors { code } } }", {"id": order["id"]}
    )
    txn = Transaction.objects.get()
    assert [name for name, _ in sent] == ["payment_intent", "refund"]
    assert sent[0][1] == {"idempotency_key": f"txn-{txn.token}"}
    assert sent[1][1]["idempotency_key"].startswith("refund-cancel:")
