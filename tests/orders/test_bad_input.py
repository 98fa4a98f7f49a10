"""Bad input to the payment and order mutations: a clear error, never a 500, nothing written."""

from __future__ import annotations

import pytest

from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db

ORDER_ID = "T3JkZXI6M2YxYzFiNGUtMTExMS00YTViLTljOWQtMTIzNDU2Nzg5YWJj"


@pytest.fixture
def ready(gql, catalog):
    shop = Shop(catalog)
    return checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])


@pytest.mark.parametrize(
    "document",
    [
        'mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: "marketplace.payments.demo", data: [1, 2]}) { errors { code message } } }',
        'mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: "marketplace.payments.demo", data: 42}) { errors { code message } } }',
        'mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: ""}) { errors { code message } } }',
        'mutation($id: ID!) { transactionInitialize(id: $id, idempotencyKey: "  ", paymentGateway: {id: "marketplace.payments.demo"}) { errors { code message } } }',
        "mutation($id: ID!) { transactionProcess(id: $id) { errors { code message } } }",
        "mutation { transactionProcess { errors { code message } } }",
        'mutation { checkoutComplete(id: "UHJvZHVjdDox") { errors { code message } } }',
        "mutation { checkoutComplete { errors { code message } } }",
        'mutation { orderCancel(id: "garbage") { errors { code message } } }',
        'mutation { orderFulfill(order: "garbage", input: {lines: []}) { errors { code message } } }',
        f'mutation {{ orderFulfill(order: "{ORDER_ID}", input: {{lines: [{{orderLineId: "x", stocks: []}}]}}) {{ errors {{ code message }} }} }}',
        f'mutation {{ orderFulfillmentRefundProducts(order: "{ORDER_ID}", input: {{orderLines: []}}) {{ errors {{ code message }} }} }}',
        f'mutation {{ orderFulfillmentRefundProducts(order: "{ORDER_ID}", input: {{orderLines: [{{orderLineId: "T3JkZXJMaW5lOjE=", quantity: -1}}]}}) {{ errors {{ code message }} }} }}',
        'mutation($id: ID!) { paymentGatewayInitialize(id: $id, paymentGateways: [{id: "nope"}]) { gatewayConfigs { id errors { code message } } errors { code } } }',
    ],
)
def test_bad_input_gets_an_error_in_the_payload(ready, document):
    staff = login("staff@example.com", staff=True)
    body = staff.execute(document, {"id": ready} if "$id" in document else {})
    assert "errors" not in body, body  # no GraphQL-level failure, let alone a 500
    payload = next(iter(body["data"].values()))
    problems = payload["errors"] or [
        e for c in payload.get("gatewayConfigs") or [] for e in c["errors"]
    ]
    assert problems and all(p["message"] for p in problems), payload
    assert not Transaction.objects.exists() and not Order.objects.exists()


@pytest.mark.parametrize("amount", ['"abc"', '"-5"', '"NaN"'])
def test_a_malformed_amount_is_a_validation_error(gql, ready, amount):
    document = (
        f"mutation($id: ID!) {{ transactionInitialize(id: $id, amount: {amount}, paymentGateway: "
        '{id: "marketplace.payments.demo"}) { errors { code } } }'
    )
    response = gql.raw({"query": document, "variables": {"id": ready}})
    assert response.status_code == 400
    assert (
        "positive decimal" in response.json()["errors"][0]["message"]
        or "decimal number" in response.json()["errors"][0]["message"]
    )
    assert not Transaction.objects.exists()


def test_completing_without_payment_or_addresses_names_what_is_missing(gql, catalog):
    shop = Shop(catalog)
    created = gql.data(
        'mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "international", lines: $l}) { checkout { id } } }',
        {"l": [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]},
    )
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    assert complete(gql, checkout_id)["errors"][0]["code"] == "EMAIL_NOT_SET"
    assert pay(gql, checkout_id)["transaction"]["chargedAmount"]["amount"] == 100.0
    assert complete(gql, checkout_id)["errors"][0]["code"] == "EMAIL_NOT_SET"
