"""Paid in full, then the total went down (issue #8, item 9): the buyer paid 200.00, added a
promo code worth 16.00, and completed. Before, the order was placed for 184.00 and the buyer
kept being charged 200.00 (OVERCHARGED). Now the 16.00 goes back through the payment's own
gateway when the order is placed: a REFUND_SUCCESS event, the transaction's refunded amount,
an order event, and a second completion refunds nothing more."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.discounts.models import Voucher, VoucherChannelListing
from marketplace.orders.models import Order, OrderEvent
from marketplace.payments.models import Transaction, TransactionEvent
from plugins.stripe_payments.tests.test_stripe_gateway import buyer_confirms, client
from tests.commerce import Shop, checkout_ready, checkout_total, pay

pytestmark = pytest.mark.django_db

PROMO = """mutation($id: ID, $c: String!) { checkoutAddPromoCode(id: $id, promoCode: $c) {
  checkout { totalPrice { gross { amount } } } errors { code message } } }"""
COMPLETE = """mutation($id: ID) { checkoutComplete(id: $id) { order { number
  total { gross { amount } } totalCharged { amount } totalRefunded { amount }
  totalBalance { amount } isPaid chargeStatus }
  errors { field code message } } }"""
PROCESS = """mutation($id: ID) { transactionProcess(id: $id) {
  transactionEvent { type } errors { code } } }"""


@pytest.fixture
def shop(catalog):
    voucher = Voucher.objects.create(
        code="EID",
        name="Eid",
        kind="percentage",
        percentage=Decimal("10"),
        starts_at=timezone.now() - timedelta(days=1),
    )
    VoucherChannelListing.objects.create(
        voucher=voucher, channel=catalog.eur, currency="EUR", min_spend=0
    )
    return Shop(catalog)


def _paid_then_discounted(gql, shop, gateway: str, stripe_base: str | None = None) -> str:
    lines = [
        {"variantId": shop.variant_id(shop.tray), "quantity": 1},
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]
    checkout_id = checkout_ready(gql, lines)
    assert checkout_total(gql, checkout_id) == Decimal("200.00")  # 100 + 60, shipped 15 + 25
    started = pay(gql, checkout_id, gateway=gateway)
    assert started["errors"] == []
    if stripe_base is not None:
        assert buyer_confirms(stripe_base, started["data"]["payment_intent"]) == "succeeded"
        processed = gql.data(PROCESS, {"id": started["transaction"]["id"]})["transactionProcess"]
        assert processed["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert Transaction.objects.get().charged == Decimal("200.00")
    promo = gql.data(PROMO, {"id": checkout_id, "c": "EID"})["checkoutAddPromoCode"]
    assert promo == {"checkout": {"totalPrice": {"gross": {"amount": 184.0}}}, "errors": []}
    return checkout_id


def _completes_and_refunds_the_excess(gql, checkout_id: str) -> TransactionEvent:
    done = gql.data(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert done["errors"] == []
    order = done["order"]
    assert order["total"] == {"gross": {"amount": 184.0}}
    assert (order["totalCharged"], order["totalRefunded"], order["totalBalance"]) == (
        {"amount": 200.0},
        {"amount": 16.0},
        {"amount": 0.0},
    )
    assert order["isPaid"] is True and order["chargeStatus"] == "FULL"
    txn = Transaction.objects.get()
    assert (txn.charged, txn.refunded, txn.captured_net) == (
        Decimal("200.00"),
        Decimal("16.00"),
        Decimal("184.00"),
    )
    refund = txn.events.get(type="REFUND_SUCCESS")
    assert refund.amount == Decimal("16.00")
    placed = Order.objects.get()
    assert list(OrderEvent.objects.filter(order=placed).values_list("type", "message")) == [
        ("PLACED", f"Order #{placed.number} placed."),
        ("REFUNDED", "Refunded 16.00 EUR paid beyond the order's total."),
    ]
    again = gql.data(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert again["errors"] == [] and again["order"]["totalRefunded"] == {"amount": 16.0}
    assert Transaction.objects.get().refunded == Decimal("16.00")
    assert TransactionEvent.objects.filter(type="REFUND_SUCCESS").count() == 1
    assert OrderEvent.objects.filter(type="REFUNDED").count() == 1
    return refund


def test_the_demo_gateway_gives_the_excess_back_at_completion(gql, shop):
    checkout_id = _paid_then_discounted(gql, shop, "marketplace.payments.demo")
    refund = _completes_and_refunds_the_excess(gql, checkout_id)
    assert refund.psp_reference.startswith("demo_re_")

    # Paid exactly: nothing is refunded.
    exact = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    pay(gql, exact)
    done = gql.data(COMPLETE, {"id": exact})["checkoutComplete"]["order"]
    assert (done["chargeStatus"], done["totalRefunded"]) == ("FULL", {"amount": 0.0})
    assert TransactionEvent.objects.filter(type="REFUND_SUCCESS").count() == 1
    assert OrderEvent.objects.filter(type="REFUNDED").count() == 1


def test_stripe_gives_the_excess_back_at_completion(gql, shop, stripe_on):
    checkout_id = _paid_then_discounted(gql, shop, "marketplace.payments.stripe", stripe_on)
    refund = _completes_and_refunds_the_excess(gql, checkout_id)
    at_stripe = client(stripe_on).v1.refunds.retrieve(refund.psp_reference)
    assert (at_stripe.amount, at_stripe.status) == (1600, "succeeded")
    assert at_stripe.payment_intent == Transaction.objects.get().psp_reference


def test_a_charge_recorded_while_the_order_is_placed_is_given_back(gql, shop, monkeypatch):
    """An older attempt whose gateway answers late records its charge under its own lock,
    after completion measured what was paid: the order still gives the excess back."""
    from marketplace.orders import complete as completion

    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    assert pay(gql, checkout_id)["errors"] == []
    first = Transaction.objects.get()
    late = Transaction.objects.create(
        checkout_token=first.checkout_token,
        channel_id=first.channel_id,
        gateway_id=first.gateway_id,
        name=first.name,
        currency=first.currency,
        amount_requested=first.charged,
        idempotency_key="an-older-attempt",
        psp_reference=first.psp_reference,
    )
    allocate = completion._allocate

    def charge_lands_meanwhile(*args, **kwargs):
        Transaction.objects.filter(pk=late.pk).update(charged=first.charged)
        return allocate(*args, **kwargs)

    monkeypatch.setattr(completion, "_allocate", charge_lands_meanwhile)
    done = gql.data(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert done["errors"] == []
    order = Order.objects.get()
    assert done["order"]["totalRefunded"]["amount"] == float(first.charged)
    assert OrderEvent.objects.filter(order=order, type="REFUNDED").count() == 1
