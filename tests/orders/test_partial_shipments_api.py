"""Partial shipments through the API, from the outside: each orderFulfill call is one send (a
Saleor ``Fulfillment``) with the pieces it named; the buyer sees every send with its own
lines and tracking number; refunds can name a send's lines; the warehouse a send left from is
the workshop's business, not the buyer's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.inventory.models import Stock
from marketplace.orders.models import OrderLine, ParcelShipment, VendorOrder
from marketplace.payouts.models import LedgerEntry
from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

FULFILL = """mutation($order: ID, $lines: [OrderFulfillLineInput!]!, $tracking: String) {
  orderFulfill(order: $order, input: {lines: $lines, trackingNumber: $tracking}) {
    order { status } fulfillments { id fulfillmentOrder status trackingNumber
      lines { id quantity orderLine { productName } } }
    errors { field code message } } }"""
FULFILLMENTS = """query($id: ID) { order(id: $id) { status fulfillments { id fulfillmentOrder status
  trackingNumber created lines { id quantity orderLine { productName } }
  warehouse { name } totalRefundedAmount { amount } } } }"""
REFUND = """mutation($order: ID!, $input: OrderRefundProductsInput!) {
  orderFulfillmentRefundProducts(order: $order, input: $input) {
    order { id } fulfillment { id fulfillmentOrder status lines { quantity } totalRefundedAmount { amount } }
    errors { field code message } } }"""


@pytest.fixture
def sold(catalog):
    """Claire bought three trays; Atelier Souika ships them in two sends."""
    shop = Shop(catalog)
    catalog.shop = shop
    buyer = login("claire@example.com")
    souika = login("souika@example.com", vendor=catalog.workshop, role="owner")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 3}])
    pay(buyer, checkout_id)
    order = complete(buyer, checkout_id)["order"]
    line = to_global_id("OrderLine", str(OrderLine.objects.get().pk))
    warehouse = to_global_id("Warehouse", catalog.warehouse.pk)
    return buyer, souika, order, line, warehouse


def _send(gql, order, line, warehouse, quantity, tracking):
    lines = [{"orderLineId": line, "stocks": [{"quantity": quantity, "warehouse": warehouse}]}]
    variables = {"order": order["id"], "lines": lines, "tracking": tracking}
    return gql.data(FULFILL, variables)["orderFulfill"]


def _state():
    return (
        sorted(VendorOrder.objects.values_list("status", flat=True)),
        sorted(Stock.objects.values_list("quantity", "quantity_allocated")),
        list(OrderLine.objects.values_list("quantity_fulfilled", flat=True)),
        ParcelShipment.objects.count(),
        LedgerEntry.objects.count(),
    )


def test_two_sends_are_two_fulfillments_with_their_own_pieces_and_tracking(sold):
    buyer, souika, order, line, warehouse = sold
    first = _send(souika, order, line, warehouse, 1, "CP001DZ")
    assert first["errors"] == []
    assert first["order"] == {"status": "PARTIALLY_FULFILLED"}
    assert [(f["fulfillmentOrder"], f["trackingNumber"]) for f in first["fulfillments"]] == [
        (1, "CP001DZ")
    ]
    assert LedgerEntry.objects.count() == 0  # the share is credited once all has left

    second = _send(souika, order, line, warehouse, 2, "CP002DZ")
    assert second["errors"] == [] and second["order"] == {"status": "FULFILLED"}
    assert LedgerEntry.objects.count() > 0

    seen = buyer.data(FULFILLMENTS, {"id": order["id"]})["order"]
    assert seen["status"] == "FULFILLED"
    sends = [
        (
            f["fulfillmentOrder"],
            f["status"],
            f["trackingNumber"],
            [li["quantity"] for li in f["lines"]],
        )
        for f in seen["fulfillments"]
    ]
    assert sends == [(1, "FULFILLED", "CP001DZ", [1]), (2, "FULFILLED", "CP002DZ", [2])]
    assert len({f["id"] for f in seen["fulfillments"]}) == 2
    assert len({f["lines"][0]["id"] for f in seen["fulfillments"]}) == 2
    # Where the pieces left from is the workshop's, not the buyer's (as allocations are).
    assert [f["warehouse"] for f in seen["fulfillments"]] == [None, None]
    own = souika.data(FULFILLMENTS, {"id": order["id"]})["order"]["fulfillments"]
    assert [f["warehouse"] for f in own] == [{"name": "Souika"}, {"name": "Souika"}]


def test_more_than_is_left_after_a_first_send_ships_nothing(sold):
    _, souika, order, line, warehouse = sold
    _send(souika, order, line, warehouse, 2, "CP001DZ")
    before = _state()
    refused = _send(souika, order, line, warehouse, 2, "CP002DZ")
    assert refused["errors"] == [
        {
            "field": "quantity",
            "code": "INVALID_QUANTITY",
            "message": "Only 1 of “Tray” are left to ship.",
        }
    ]
    assert refused["order"] is None
    assert _state() == before


def test_a_send_is_refunded_by_its_fulfillment_line(sold):
    _, souika, order, line, warehouse = sold
    staff = login("ops@example.com", staff=True)
    sent = _send(souika, order, line, warehouse, 2, "CP001DZ")["fulfillments"]
    (fulfillment_line,) = sent[0]["lines"]
    refunded = staff.data(
        REFUND,
        {
            "order": order["id"],
            "input": {
                "fulfillmentLines": [{"fulfillmentLineId": fulfillment_line["id"], "quantity": 1}]
            },
        },
    )["orderFulfillmentRefundProducts"]
    assert refunded["errors"] == []
    assert refunded["fulfillment"]["id"] == sent[0]["id"]
    assert refunded["fulfillment"]["totalRefundedAmount"]["amount"] > 0
    assert OrderLine.objects.get().quantity_refunded == 1


@pytest.mark.parametrize("quantity", [3, 0])
def test_a_fulfillment_line_refunds_at_most_what_its_send_carried(sold, quantity):
    _, souika, order, line, warehouse = sold
    staff = login("ops@example.com", staff=True)
    sent = _send(souika, order, line, warehouse, 2, "CP001DZ")["fulfillments"]
    before = _state(), OrderLine.objects.get().quantity_refunded
    result = staff.data(
        REFUND,
        {
            "order": order["id"],
            "input": {
                "fulfillmentLines": [
                    {"fulfillmentLineId": sent[0]["lines"][0]["id"], "quantity": quantity}
                ]
            },
        },
    )["orderFulfillmentRefundProducts"]
    assert result["errors"] == [
        {
            "field": "quantity",
            "code": "INVALID_QUANTITY",
            "message": "That send carried 2 of the piece: refund between 1 and 2.",
        }
    ]
    assert (_state(), OrderLine.objects.get().quantity_refunded) == before


@pytest.mark.parametrize(
    "fulfillment_line",
    [
        "RnVsZmlsbG1lbnRMaW5lOjk5OTk5Ojk5",  # FulfillmentLine:99999:99
        "RnVsZmlsbG1lbnRMaW5lOmJyb2tlbg==",  # FulfillmentLine:broken
        "not-an-id",
    ],
)
def test_an_unknown_fulfillment_line_is_not_found_and_nothing_changes(sold, fulfillment_line):
    _, souika, order, line, warehouse = sold
    staff = login("ops@example.com", staff=True)
    _send(souika, order, line, warehouse, 1, "CP001DZ")
    before = _state()
    result = staff.data(
        REFUND,
        {
            "order": order["id"],
            "input": {"fulfillmentLines": [{"fulfillmentLineId": fulfillment_line, "quantity": 1}]},
        },
    )["orderFulfillmentRefundProducts"]
    assert result["errors"] == [
        {
            "field": "fulfillmentLineId",
            "code": "NOT_FOUND",
            "message": "Couldn't resolve to a fulfillment line.",
        }
    ]
    assert _state() == before


def test_another_workshop_cannot_ship_and_gets_the_missing_answer(sold, catalog):
    _, _, order, line, warehouse = sold
    other = login("other@example.com", vendor=catalog.shop.fidda, role="owner")
    before = _state()
    result = _send(other, order, line, warehouse, 1, "X")
    assert result["order"] is None
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
    assert _state() == before


def test_fulfillments_of_a_long_order_list_cost_the_same_queries(sold, catalog):
    buyer, souika, order, line, warehouse = sold
    _send(souika, order, line, warehouse, 1, "CP001DZ")
    query = """{ me { orders(first: 20) { edges { node { fulfillments { id
      lines { quantity orderLine { productName } } warehouse { name } } } } } } }"""

    def cost():
        with CaptureQueriesContext(connection) as queries:
            edges = buyer.data(query)["me"]["orders"]["edges"]
        return len(edges), len(queries)

    one = cost()
    variant = catalog.shop.variant_id(catalog.shop.tray)
    for number in range(2):  # the tray has five in stock: three sold, two more
        checkout_id = checkout_ready(buyer, [{"variantId": variant, "quantity": 1}])
        pay(buyer, checkout_id)
        placed = complete(buyer, checkout_id)["order"]
        placed_line = to_global_id(
            "OrderLine", str(OrderLine.objects.filter(order_id=_order_pk(placed)).get().pk)
        )
        _send(souika, placed, placed_line, warehouse, 1, f"CP10{number}DZ")
    many = cost()
    assert (one[0], many[0]) == (1, 3)
    assert many[1] == one[1]


def _order_pk(order):
    from graphql_relay import from_global_id

    return from_global_id(order["id"])[1]
