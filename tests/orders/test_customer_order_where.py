"""Saleor's `me { orders(where: CustomerOrderWhereInput) }`: a buyer's own orders filtered by
number, status, payment, voucher, shipped parcels, lines, totals, addresses and metadata, with
AND/OR; what does not exist here (gift cards, invoices, collection points) matches nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.accounts.models import Address, User
from marketplace.orders.models import Order, VendorOrder
from marketplace.payments.models import Transaction
from tests.commerce import login
from tests.helpers import to_global_id
from tests.orders.test_order_query_counts import make_orders

pytestmark = pytest.mark.django_db

QUERY = """query($w: CustomerOrderWhereInput) { me { orders(first: 20, where: $w) {
  totalCount edges { node { number } } } } }"""


@pytest.fixture
def buyer(catalog):
    client = login("claire@example.com")
    user = User.objects.get(email="claire@example.com")
    make_orders(4, user, [catalog.workshop], catalog.eur)
    first, second, third, fourth = Order.objects.order_by("number")
    Order.objects.filter(pk=first.pk).update(voucher_code="WELCOME10", metadata={"gift": "yes"})
    Order.objects.filter(pk=second.pk).update(status="FULFILLED", total=Decimal(40))
    VendorOrder.objects.filter(order=second).update(fulfilled_at=timezone.now())
    Order.objects.filter(pk=third.pk).update(
        shipping_address=Address.objects.create(city="Tunis", country="TN", phone="+21671000000")
    )
    Transaction.objects.filter(order=first).delete()  # unpaid
    Transaction.objects.create(  # paid twice
        checkout_token=fourth.checkout_token,
        order=fourth,
        channel=catalog.eur,
        currency="EUR",
        charged=Decimal(115),
        amount_requested=Decimal(115),
        gateway_id="marketplace.payments.demo",
    )
    other = User.objects.create_user("other@example.com", "pw-123456789")
    make_orders_for_other = Order.objects.create(
        number=99_999,
        checkout_token="00000000-0000-0000-0000-000000000001",
        channel=catalog.eur,
        user=other,
        user_email=other.email,
        currency="EUR",
        goods_total=0,
        packaging_total=0,
        shipping_total=0,
        discount_total=0,
        total=Decimal(1),
        voucher_code="WELCOME10",
    )
    return client, (first, second, third, fourth, make_orders_for_other)


def numbers(client, where):
    edges = client.data(QUERY, {"w": where})["me"]["orders"]["edges"]
    return sorted(int(e["node"]["number"]) for e in edges)


def test_orders_filtered_as_saleor_filters_them(buyer):
    client, (first, second, third, fourth, foreign) = buyer
    assert numbers(client, {"voucherCode": {"eq": "WELCOME10"}}) == [first.number]
    assert numbers(client, {"metadata": {"key": "gift", "value": {"eq": "yes"}}}) == [first.number]
    assert numbers(client, {"status": {"eq": "FULFILLED"}}) == [second.number]
    assert numbers(client, {"hasFulfillments": True}) == [second.number]
    assert numbers(client, {"number": {"range": {"gte": third.number}}}) == [
        third.number,
        fourth.number,
    ]
    assert numbers(client, {"ids": [to_global_id("Order", str(third.pk))]}) == [third.number]
    assert numbers(client, {"shippingAddress": {"country": {"eq": "TN"}}}) == [third.number]
    assert numbers(client, {"chargeStatus": {"eq": "NONE"}}) == [first.number]
    assert numbers(client, {"chargeStatus": {"eq": "FULL"}}) == [third.number]
    assert numbers(client, {"chargeStatus": {"oneOf": ["OVERCHARGED"]}}) == [
        second.number,
        fourth.number,
    ]
    assert numbers(client, {"authorizeStatus": {"eq": "NONE"}}) == [first.number]
    assert numbers(client, {"totalGross": {"currency": "EUR", "amount": {"eq": "40"}}}) == [
        second.number
    ]
    assert numbers(client, {"linesCount": {"eq": 2}}) == sorted(
        o.number for o in (first, second, third, fourth)
    )
    either = {"OR": [{"voucherCode": {"eq": "WELCOME10"}}, {"status": {"eq": "FULFILLED"}}]}
    assert numbers(client, either) == [first.number, second.number]
    for absent in ("isGiftCardUsed", "isGiftCardBought", "isClickAndCollect", "hasInvoices"):
        assert numbers(client, {absent: True}) == [], absent
    # another buyer's order is never among them, whatever the filter
    assert foreign.number not in numbers(client, {"voucherCode": {"eq": "WELCOME10"}})


def test_a_broken_id_in_where_is_a_clear_error(buyer):
    client, _ = buyer
    messages = client.error_messages(QUERY, {"w": {"ids": ["not-an-id"]}})
    assert any("Invalid ID in `where.ids`" in m for m in messages), messages
