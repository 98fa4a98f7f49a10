"""After the sale, from the outside: who sees what, shipping a parcel, cancelling, refunding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from conftest import GraphQLClient
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order, OrderLine, VendorOrder
from marketplace.payments.models import Transaction
from marketplace.payouts.models import LedgerEntry
from tests.commerce import Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db

ORDER = """query($id: ID) { order(id: $id) { number status userEmail total { gross { amount } }
  lines { productName } vendorOrders { vendor { slug } status } transactions { id } } }"""
FULFILL = """mutation($order: ID, $lines: [OrderFulfillLineInput!]!) {
  orderFulfill(order: $order, input: {lines: $lines, trackingNumber: "RR123456785DZ"}) {
    order { status vendorOrders { vendor { slug } status trackingNumber } }
    errors { field code message } } }"""
CANCEL = """mutation($id: ID!) { orderCancel(id: $id) { order { status totalRefunded { amount } }
  errors { field code message } } }"""
REFUND = """mutation($order: ID!, $lines: [OrderRefundLineInput!], $ship: Boolean) {
  orderFulfillmentRefundProducts(order: $order, input: {orderLines: $lines, includeShippingCosts: $ship}) {
    order { totalRefunded { amount } } errors { field code message } } }"""
MY_ORDERS = "{ me { orders(first: 10) { totalCount edges { node { number } } } } }"


@pytest.fixture
def placed(catalog, django_capture_on_commit_callbacks):
    shop = Shop(catalog)
    buyer = login("claire@example.com")
    people = {
        "buyer": buyer,
        "souika": login("souika@example.com", vendor=catalog.workshop, role="owner"),
        "fidda": login("fidda-owner@example.com", vendor=shop.fidda, role="owner"),
        "manager": login("manager@example.com", vendor=catalog.cluster, role="manager"),
        "stranger": login("stranger@example.com"),
        "staff": login("staff@example.com", staff=True),
        "anonymous": GraphQLClient(Client()),
    }
    lines = [
        {"variantId": shop.variant_id(shop.tray), "quantity": 2},
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]
    checkout_id = checkout_ready(buyer, lines)
    pay(buyer, checkout_id)
    with django_capture_on_commit_callbacks(execute=True):  # mail and certificates of the sale
        order = complete(buyer, checkout_id)["order"]
    mail.outbox.clear()
    return shop, people, order


def _line_ids(order_id, vendor_slug):
    from tests.helpers import to_global_id

    rows = OrderLine.objects.filter(vendor_order__vendor__slug=vendor_slug)
    return [
        {
            "orderLineId": to_global_id("OrderLine", str(line.pk)),
            "stocks": [
                {
                    "quantity": quantity,
                    "warehouse": to_global_id(
                        "Warehouse", Stock.objects.get(pk=stock_id).warehouse_id
                    ),
                }
                for stock_id, quantity in line.allocations
            ],
        }
        for line in rows
    ]


def test_the_buyer_sees_everything_and_each_workshop_only_its_part(placed):
    _, people, order = placed
    mine = people["buyer"].data(ORDER, {"id": order["id"]})["order"]
    assert {line["productName"] for line in mine["lines"]} == {"Tray", "Bracelet"}
    assert len(mine["transactions"]) == 1
    souika = people["souika"].data(ORDER, {"id": order["id"]})["order"]
    assert [line["productName"] for line in souika["lines"]] == ["Tray"]
    assert [vo["vendor"]["slug"] for vo in souika["vendorOrders"]] == ["souika"]
    assert souika["total"]["gross"]["amount"] == 215.0  # 200 + 15 shipping, not the buyer's 300
    assert souika["transactions"] == []
    assert souika["userEmail"] is None and mine["userEmail"] == "claire@example.com"
    fidda = people["fidda"].data(ORDER, {"id": order["id"]})["order"]
    assert [line["productName"] for line in fidda["lines"]] == ["Bracelet"]
    for outsider in ("stranger", "manager", "anonymous"):
        assert people[outsider].data(ORDER, {"id": order["id"]})["order"] is None
    ghost = "T3JkZXI6M2YxYzFiNGUtMTExMS00YTViLTljOWQtMTIzNDU2Nzg5YWJj"
    assert people["buyer"].data(ORDER, {"id": ghost})["order"] is None
    assert people["buyer"].data(MY_ORDERS)["me"]["orders"]["totalCount"] == 1
    assert people["stranger"].data(MY_ORDERS)["me"]["orders"]["totalCount"] == 0


def test_a_workshop_ships_its_parcel_and_its_share_is_credited(
    placed, django_capture_on_commit_callbacks
):
    _, people, order = placed
    with django_capture_on_commit_callbacks(execute=True):
        shipped = people["souika"].data(
            FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
        )
    payload = shipped["orderFulfill"]
    assert payload["errors"] == []
    assert payload["order"]["vendorOrders"] == [
        {"vendor": {"slug": "souika"}, "status": "FULFILLED", "trackingNumber": "RR123456785DZ"}
    ]
    whole = Order.objects.get()
    assert whole.status == "PARTIALLY_FULFILLED"
    stock = Stock.objects.get(product_variant__product__name="Tray")
    assert (stock.quantity, stock.quantity_allocated) == (3, 0)
    shipped_mail = [m for m in mail.outbox if "on its way" in m.subject]
    assert len(shipped_mail) == 1 and "RR123456785DZ" in shipped_mail[0].body
    entries = {
        (e.kind, e.vendor.slug if e.vendor else None): e.amount for e in LedgerEntry.objects.all()
    }
    # 215.00 paid for the parcel: 12 % commission, 3 % cluster fee, the rest to the workshop
    assert entries == {
        ("SALE", "souika"): Decimal("182.75"),
        ("MARKETPLACE_FEE", None): Decimal("25.80"),
        ("CLUSTER_FEE", "constantine"): Decimal("6.45"),
    }
    again = people["souika"].data(
        FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
    )
    assert again["orderFulfill"]["errors"][0]["code"] == "FULFILL_ORDER_LINE"
    assert LedgerEntry.objects.count() == 3


@pytest.mark.parametrize("who", ["fidda", "stranger", "manager", "anonymous"])
def test_no_one_else_can_ship_a_workshops_parcel(placed, who):
    _, people, order = placed
    result = people[who].data(
        FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
    )
    # Fidda ships a parcel of this order: Souika's lines are, to it, lines that do not exist.
    # To anyone else the order itself does not exist (the answers for missing ids).
    expected = (
        {
            "field": "orderLineId",
            "code": "NOT_FOUND",
            "message": "Couldn't resolve to an order line.",
        }
        if who == "fidda"
        else {"field": "order", "code": "NOT_FOUND", "message": "Couldn't resolve to an order."}
    )
    assert result["orderFulfill"]["errors"] == [expected]
    assert not VendorOrder.objects.filter(status="FULFILLED").exists()
    assert not LedgerEntry.objects.exists()


def test_a_parcel_is_shipped_whole(placed):
    _, people, order = placed
    both = _line_ids(order["id"], "souika") + _line_ids(order["id"], "fidda")
    result = people["staff"].data(FULFILL, {"order": order["id"], "lines": both})
    assert result["orderFulfill"]["errors"][0]["message"] == "Ship one workshop's parcel at a time."


def test_cancelling_an_unshipped_order_releases_stock_and_refunds(
    placed, django_capture_on_commit_callbacks
):
    _, people, order = placed
    assert (
        people["stranger"].data(CANCEL, {"id": order["id"]})["orderCancel"]["errors"][0]["code"]
        == "NOT_FOUND"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = people["buyer"].data(CANCEL, {"id": order["id"]})["orderCancel"]
    assert result["errors"] == []
    assert result["order"] == {"status": "CANCELED", "totalRefunded": {"amount": 300.0}}
    assert Stock.objects.get(product_variant__product__name="Tray").quantity_allocated == 0
    assert Transaction.objects.get().refunded == Decimal("300.00")
    assert any("canceled" in m.subject for m in mail.outbox)
    from marketplace.provenance.models import Certificate

    sold = Certificate.objects.filter(order_reference=f"order #{order['number']}")
    assert sold.count() == 3 and {c.status for c in sold} == {"revoked"}


def test_a_shipped_order_cannot_be_cancelled(placed):
    _, people, order = placed
    people["souika"].data(
        FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
    )
    result = people["buyer"].data(CANCEL, {"id": order["id"]})["orderCancel"]
    assert result["errors"][0]["code"] == "CANNOT_CANCEL_ORDER"
    assert Order.objects.get().status == "PARTIALLY_FULFILLED"


def test_refunding_a_shipped_line_debits_the_workshop(placed):
    from tests.helpers import to_global_id

    _, people, order = placed
    people["souika"].data(
        FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
    )
    tray_line = OrderLine.objects.get(product_name="Tray")
    lines = [{"orderLineId": to_global_id("OrderLine", str(tray_line.pk)), "quantity": 1}]
    assert (
        people["fidda"].data(REFUND, {"order": order["id"], "lines": lines})[
            "orderFulfillmentRefundProducts"
        ]["errors"][0]["code"]
        == "NOT_FOUND"
    )
    result = people["souika"].data(REFUND, {"order": order["id"], "lines": lines})[
        "orderFulfillmentRefundProducts"
    ]
    assert result["errors"] == []
    assert result["order"]["totalRefunded"]["amount"] == 0  # a workshop does not see payments
    assert Transaction.objects.get().refunded == Decimal("100.00")
    share = sum(e.amount for e in LedgerEntry.objects.filter(vendor__slug="souika"))
    assert share == Decimal("182.75") - Decimal("85.00")
    too_many = [{"orderLineId": lines[0]["orderLineId"], "quantity": 2}]
    error = people["staff"].data(REFUND, {"order": order["id"], "lines": too_many})[
        "orderFulfillmentRefundProducts"
    ]["errors"][0]
    assert error == {
        "field": "quantity",
        "code": "INVALID_QUANTITY",
        "message": "Can refund between 1 and 1 of Tray.",
    }


def test_when_the_provider_refuses_the_refund_nothing_changes(placed, monkeypatch):
    from marketplace.payments.gateway import GatewayResponse
    from plugins.demo_payments.gateway import DemoGateway

    _, people, order = placed

    def refuse(self, request):
        return GatewayResponse("REFUND_FAILURE", request.amount, "demo_re_x", "The bank is closed.")

    monkeypatch.setattr(DemoGateway, "refund", refuse)
    result = people["buyer"].data(CANCEL, {"id": order["id"]})["orderCancel"]
    assert result["errors"] == [
        {
            "field": None,
            "code": "PAYMENT_ERROR",
            "message": "The payment provider did not refund: The bank is closed.",
        }
    ]
    assert Order.objects.get().status == "UNFULFILLED"
    assert Stock.objects.get(product_variant__product__name="Tray").quantity_allocated == 2
    assert Transaction.objects.get().refunded == 0


def test_a_full_refund_after_shipping_takes_back_every_share(placed):
    from tests.helpers import to_global_id

    _, people, order = placed
    people["souika"].data(
        FULFILL, {"order": order["id"], "lines": _line_ids(order["id"], "souika")}
    )
    lines = [
        {"orderLineId": to_global_id("OrderLine", str(line.pk)), "quantity": line.quantity}
        for line in OrderLine.objects.all()
    ]
    result = people["staff"].data(REFUND, {"order": order["id"], "lines": lines, "ship": True})
    payload = result["orderFulfillmentRefundProducts"]
    assert payload["errors"] == []
    assert payload["order"]["totalRefunded"] == {"amount": 300.0}
    assert Transaction.objects.get().refunded == Decimal("300.00")
    by_holder = {}
    for entry in LedgerEntry.objects.select_related("vendor"):
        holder = entry.vendor.slug if entry.vendor else "marketplace"
        by_holder[holder] = by_holder.get(holder, Decimal(0)) + entry.amount
    assert by_holder == {"souika": 0, "marketplace": 0, "constantine": 0}
    unshipped = VendorOrder.objects.get(vendor__slug="fidda")
    assert (unshipped.refunded, unshipped.status) == (Decimal("85.000"), "CANCELED")
    assert Stock.objects.get(product_variant__product__name="Bracelet").quantity_allocated == 0
    assert Order.objects.get().status == "FULFILLED"  # what remains has shipped
