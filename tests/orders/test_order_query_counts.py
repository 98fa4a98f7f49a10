"""Order lists cost the same number of queries for 10 orders as for 100."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.models import User
from marketplace.orders.models import Order, OrderLine, VendorOrder
from marketplace.payments.models import Transaction
from tests.commerce import login
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

MY_ORDERS = """query($first: Int) { me { orders(first: $first) { totalCount edges { node {
  id number status created total { gross { amount currency } } isPaid chargeStatus
  totalCharged { amount } shippingAddress { city }
  lines { productName quantity unitPrice { gross { amount } } packagingName }
  vendorOrders { vendor { name slug } status total { amount } lines { productName } }
  transactions { chargedAmount { amount } events { type } } } } } } }"""
WORKSHOP_ORDERS = """query($first: Int) { workshopOrders(first: $first) { totalCount edges { node {
  orderNumber orderId status total { amount } shippingMethodName shippingAddress { city country { code } }
  lines { id productName quantity giftMessage }
  vendor { slug } } } } }"""


def make_orders(count: int, buyer: User, workshops, channel) -> None:
    for index in range(count):
        order = Order.objects.create(
            number=10_000 + index,
            checkout_token=uuid.uuid4(),
            channel=channel,
            user=buyer,
            user_email=buyer.email,
            currency="EUR",
            goods_total=Decimal(100),
            packaging_total=0,
            shipping_total=Decimal(15),
            discount_total=0,
            total=Decimal(115),
        )
        for workshop in workshops:
            parcel = VendorOrder.objects.create(
                order=order,
                vendor=workshop,
                goods_total=Decimal(50),
                shipping_price=Decimal("7.50"),
            )
            for name in ("Tray", "Ewer"):
                OrderLine.objects.create(
                    order=order,
                    vendor_order=parcel,
                    product_name=name,
                    quantity=1,
                    currency="EUR",
                    unit_price=Decimal(25),
                    total_price=Decimal(25),
                )
        Transaction.objects.create(
            checkout_token=order.checkout_token,
            order=order,
            channel=channel,
            gateway_id="demo",
            name="Demo",
            currency="EUR",
            amount_requested=Decimal(115),
            charged=Decimal(115),
            idempotency_key="k",
        )


def _queries(client, query, first, field):
    with CaptureQueriesContext(connection) as captured:
        data = client.data(query, {"first": first})
    return len(captured), data


def test_my_orders_and_workshop_orders_lists_are_flat(catalog):
    buyer_client = login("claire@example.com")
    buyer = User.objects.get(email="claire@example.com")
    other = WorkshopFactory(cluster=catalog.cluster)
    owner = login("owner@example.com", vendor=catalog.workshop, role="owner")
    make_orders(100, buyer, [catalog.workshop, other], catalog.eur)

    ten, data = _queries(buyer_client, MY_ORDERS, 10, "me")
    assert len(data["me"]["orders"]["edges"]) == 10
    hundred, data = _queries(buyer_client, MY_ORDERS, 100, "me")
    assert len(data["me"]["orders"]["edges"]) == 100
    assert ten == hundred, (ten, hundred)

    ten, data = _queries(owner, WORKSHOP_ORDERS, 10, "workshopOrders")
    hundred, data = _queries(owner, WORKSHOP_ORDERS, 100, "workshopOrders")
    assert data["workshopOrders"]["totalCount"] == 100
    assert {e["node"]["vendor"]["slug"] for e in data["workshopOrders"]["edges"]} == {"souika"}
    assert ten == hundred, (ten, hundred)
