"""Our Stripe gateway under Saleor's Stripe app id and data contract, against localstripe:
the publishable key from paymentGatewayInitialize, the client secret in the app's shape from
transactionInitialize, the buyer's confirmation, then the order."""

from __future__ import annotations

import pytest

from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, complete, pay

from .test_stripe_gateway import PROCESS, basket, buyer_confirms

pytestmark = pytest.mark.django_db

APP = "saleor.app.payment.stripe"
INIT = """mutation($id: ID!, $gateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways) {
    gatewayConfigs { id data errors { code } } errors { code } } }"""


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def test_a_saleor_stripe_storefront_pays_with_the_apps_contract(gql, shop, stripe_on):
    checkout_id = checkout_ready(gql, basket(shop))
    configs = gql.data(INIT, {"id": checkout_id, "gateways": [{"id": APP}]})
    assert configs["paymentGatewayInitialize"]["gatewayConfigs"] == [
        {
            "id": APP,
            "data": {
                "stripePublishableKey": "pk_test_marketplace",
                "publishableKey": "pk_test_marketplace",
            },
            "errors": [],
        }
    ]
    started = pay(gql, checkout_id, gateway=APP, data={"paymentIntent": {"paymentMethod": "card"}})
    assert started["errors"] == []
    assert started["transactionEvent"]["type"] == "CHARGE_ACTION_REQUIRED"
    secret = started["data"]["paymentIntent"]["stripeClientSecret"]
    intent_id = secret.split("_secret_")[0]
    assert started["data"] == {"paymentIntent": {"stripeClientSecret": secret}}

    assert buyer_confirms(stripe_on, intent_id) == "succeeded"
    processed = gql.data(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
    assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert complete(gql, checkout_id)["errors"] == []
    assert Transaction.objects.get().gateway_id == APP


def test_data_outside_the_apps_contract_is_refused_before_stripe_is_called(gql, shop, stripe_on):
    checkout_id = checkout_ready(gql, basket(shop))
    refused = pay(gql, checkout_id, gateway=APP, data={"paymentIntent": {"paymentMethod": "cash"}})
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("data", "INVALID")]
    assert "paymentMethod is one of" in refused["errors"][0]["message"]
    assert Transaction.objects.count() == 0
