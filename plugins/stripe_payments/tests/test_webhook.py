"""Stripe's webhook: the signature is checked on the raw body; each event is applied once;
late, replayed and out-of-order events never undo a payment; a wrong amount or currency is
never taken as payment."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest

from marketplace.payments.models import ProviderEvent, Transaction
from plugins.stripe_payments.tests.test_stripe_gateway import basket, buyer_confirms
from plugins.stripe_payments.tests.test_stripe_gateway import client as stripe_sdk
from tests.commerce import Shop, checkout_ready, complete, pay

pytestmark = pytest.mark.django_db

URL = "/plugins/stripe/webhook/"
SECRET = "whsec_test_marketplace"


def signed(body: bytes, secret: str = SECRET, at: int | None = None) -> str:
    stamp = at or int(time.time())
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def event(event_id: str, kind: str, obj: dict) -> bytes:
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": kind,
            "created": int(time.time()),
            "data": {"object": obj},
        }
    ).encode()


def post(django_client, body: bytes, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return django_client.post(URL, data=body, content_type="application/json", **headers)


@pytest.fixture
def started(gql, catalog, stripe_on):
    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, basket(shop))
    result = pay(gql, checkout_id, gateway="marketplace.payments.stripe")
    return checkout_id, result["data"]["payment_intent"]


def intent(base: str, intent_id: str) -> dict:
    return stripe_sdk(base).v1.payment_intents.retrieve(intent_id).to_dict()


def test_a_signed_success_event_pays_the_checkout_once(client, gql, started, stripe_on):
    checkout_id, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    body = event("evt_1", "payment_intent.succeeded", intent(stripe_on, intent_id))
    response = post(client, body, signed(body))
    assert response.status_code == 200
    assert response.json() == {"received": True, "outcome": "recorded CHARGE_SUCCESS"}
    assert Transaction.objects.get().charged == Decimal("200.00")
    replay = post(client, body, signed(body))
    assert replay.json()["outcome"] == "duplicate: already applied"
    assert ProviderEvent.objects.count() == 1
    assert Transaction.objects.get().events.filter(type="CHARGE_SUCCESS").count() == 1
    assert complete(gql, checkout_id)["errors"] == []


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        (None, "Missing Stripe-Signature header."),
        ("t=1,v1=deadbeef", "The signature does not match."),
        ("forged", "The signature does not match."),
    ],
)
def test_unsigned_or_forged_events_are_refused_and_nothing_is_written(
    client, started, stripe_on, signature, message
):
    _, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    body = event("evt_forged", "payment_intent.succeeded", intent(stripe_on, intent_id))
    response = post(client, body, signature)
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert not ProviderEvent.objects.exists()
    assert Transaction.objects.get().charged == 0


def test_a_body_changed_after_signing_is_refused(client, started, stripe_on):
    _, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    body = event("evt_2", "payment_intent.succeeded", intent(stripe_on, intent_id))
    tampered = body.replace(b'"amount": 20000', b'"amount": 1')
    assert post(client, tampered, signed(body)).status_code == 400
    assert post(client, b"not json", signed(b"not json")).json() == {
        "error": "The body is not a Stripe event."
    }
    assert not ProviderEvent.objects.exists()


def test_wrong_amount_or_currency_is_never_taken_as_payment(client, started, stripe_on):
    _, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    paid = intent(stripe_on, intent_id)
    for number, change in enumerate(({"amount": 100, "amount_received": 100}, {"currency": "usd"})):
        body = event(f"evt_wrong_{number}", "payment_intent.succeeded", {**paid, **change})
        assert post(client, body, signed(body)).status_code == 200
    txn = Transaction.objects.get()
    assert txn.charged == 0
    assert txn.events.filter(type="INFO").count() == 2
    assert "not accepted" in txn.events.filter(type="INFO").first().message


def test_events_out_of_order_never_undo_a_payment(client, started, stripe_on):
    _, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    paid = intent(stripe_on, intent_id)
    failed_earlier = {
        **paid,
        "status": "requires_payment_method",
        "last_payment_error": {
            "code": "card_declined",
            "message": "Your card was declined.",
            "charge": "ch_old",
        },
    }
    late_success = event("evt_b", "payment_intent.succeeded", paid)
    early_failure = event("evt_a", "payment_intent.payment_failed", failed_earlier)
    assert post(client, late_success, signed(late_success)).status_code == 200
    assert post(client, early_failure, signed(early_failure)).status_code == 200
    txn = Transaction.objects.get()
    assert txn.charged == Decimal("200.00")
    assert list(txn.events.values_list("type", flat=True)) == [
        "CHARGE_REQUEST",
        "CHARGE_ACTION_REQUIRED",
        "CHARGE_SUCCESS",
        "CHARGE_FAILURE",
    ]


def test_refund_events_are_recorded_once_whoever_reports_them_first(
    client, gql, started, stripe_on
):
    _, intent_id = started
    buyer_confirms(stripe_on, intent_id)
    body = event("evt_paid", "payment_intent.succeeded", intent(stripe_on, intent_id))
    post(client, body, signed(body))
    refund = stripe_sdk(stripe_on).v1.refunds.create(
        params={"payment_intent": intent_id, "amount": 5000}
    )
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": intent_id,
        "refunds": {"data": [{"id": refund.id, "amount": 5000, "status": "succeeded"}]},
    }
    for number in range(2):
        body = event(f"evt_refund_{number}", "charge.refunded", charge)
        assert post(client, body, signed(body)).status_code == 200
    assert Transaction.objects.get().refunded == Decimal("50.00")


def test_unknown_payment_intents_are_acknowledged_and_ignored(client, stripe_on, db):
    body = event(
        "evt_other", "payment_intent.succeeded", {"id": "pi_elsewhere", "object": "payment_intent"}
    )
    response = post(client, body, signed(body))
    assert response.json() == {"received": True, "outcome": "ignored: unknown payment intent"}
