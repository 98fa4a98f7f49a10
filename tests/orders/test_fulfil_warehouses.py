"""orderFulfill's warehouses, from the outside: the workshop finds its warehouse on the order's
lines (allocations), ships only from its own, and any other id changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import Address
from marketplace.inventory.models import Stock, Warehouse
from marketplace.orders.models import OrderLine, VendorOrder
from marketplace.payouts.models import LedgerEntry
from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PARCELS = """{ workshopOrders(first: 5) { edges { node { orderId status
  lines { id productName quantity allocations { quantity warehouse { id name slug } } } } } } }"""
BUYER_VIEW = "query($id: ID) { order(id: $id) { lines { productName allocations { quantity } } } }"
FULFILL = """mutation($order: ID, $line: ID, $quantity: Int!, $warehouse: ID!) {
  orderFulfill(order: $order, input: {lines: [{orderLineId: $line,
                                              stocks: [{quantity: $quantity, warehouse: $warehouse}]}]}) {
    order { status } fulfillments { status trackingNumber lines { quantity } }
    errors { field code message } } }"""


@pytest.fixture
def sold(catalog):
    """Claire bought two trays from Atelier Souika; its owner is about to ship them."""
    shop = Shop(catalog)
    buyer = login("claire@example.com")
    souika = login("souika@example.com", vendor=catalog.workshop, role="owner")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 2}])
    pay(buyer, checkout_id)
    order = complete(buyer, checkout_id)["order"]
    return shop, buyer, souika, order


def _state():
    return (
        sorted(VendorOrder.objects.values_list("status", flat=True)),
        sorted(Stock.objects.values_list("quantity", "quantity_allocated")),
        sorted(OrderLine.objects.values_list("quantity_fulfilled", flat=True)),
        LedgerEntry.objects.count(),
    )


def test_the_workshop_reads_its_warehouse_on_the_lines_and_ships_from_it(sold, catalog):
    _, buyer, souika, order = sold
    (edge,) = souika.data(PARCELS)["workshopOrders"]["edges"]
    (line,) = edge["node"]["lines"]
    souika_warehouse = {
        "id": to_global_id("Warehouse", catalog.warehouse.pk),
        "name": "Souika",
        "slug": "souika-wh",
    }
    assert line["allocations"] == [{"quantity": 2, "warehouse": souika_warehouse}]
    assert edge["node"]["orderId"] == order["id"]
    # The buyer sees the order, not where the workshop keeps its pieces (Saleor: staff only).
    assert buyer.data(BUYER_VIEW, {"id": order["id"]}) == {
        "order": {"lines": [{"productName": "Tray", "allocations": None}]}
    }

    shipped = souika.data(
        FULFILL,
        {
            "order": edge["node"]["orderId"],
            "line": line["id"],
            "quantity": 2,
            "warehouse": souika_warehouse["id"],
        },
    )
    assert shipped["orderFulfill"] == {
        "order": {"status": "FULFILLED"},
        "fulfillments": [{"status": "FULFILLED", "trackingNumber": "", "lines": [{"quantity": 2}]}],
        "errors": [],
    }


def _other_workshops_warehouse(shop):
    return Warehouse.objects.create(
        vendor=shop.fidda,
        name="Fidda",
        slug="fidda-wh",
        address=Address.objects.create(city="Batna", country="DZ"),
    ).pk


@pytest.mark.parametrize("which", ["another workshop's", "unknown", "not a warehouse id"])
def test_a_warehouse_not_the_workshops_own_is_not_found_and_nothing_ships(sold, which):
    shop, _, souika, order = sold
    (line_id,) = [
        to_global_id("OrderLine", str(pk)) for pk in OrderLine.objects.values_list("pk", flat=True)
    ]
    warehouse = {
        "another workshop's": lambda: to_global_id("Warehouse", _other_workshops_warehouse(shop)),
        "unknown": lambda: to_global_id("Warehouse", 987654),
        "not a warehouse id": lambda: to_global_id("Order", 1),
    }[which]()
    before = _state()
    result = souika.data(
        FULFILL, {"order": order["id"], "line": line_id, "quantity": 2, "warehouse": warehouse}
    )
    assert result["orderFulfill"] == {
        "order": None,
        "fulfillments": None,
        "errors": [
            {
                "field": "warehouse",
                "code": "NOT_FOUND",
                "message": "Couldn't resolve to a warehouse.",
            }
        ],
    }
    assert _state() == before
    assert before[0] == ["UNFULFILLED"]


def test_an_own_warehouse_that_does_not_hold_the_pieces_is_refused(sold, catalog):
    _, _, souika, order = sold
    empty = Warehouse.objects.create(
        vendor=catalog.workshop,
        name="Souika annex",
        slug="souika-annex",
        address=Address.objects.create(city="Constantine", country="DZ"),
    )
    line_id = to_global_id("OrderLine", str(OrderLine.objects.get().pk))
    before = _state()
    result = souika.data(
        FULFILL,
        {
            "order": order["id"],
            "line": line_id,
            "quantity": 2,
            "warehouse": to_global_id("Warehouse", empty.pk),
        },
    )
    assert result["orderFulfill"]["errors"] == [
        {
            "field": "warehouse",
            "code": "INSUFFICIENT_STOCK",
            "message": "“Tray” is held in Souika: ship it from there.",
        }
    ]
    assert _state() == before


@pytest.mark.parametrize("quantity", [3, 0, -1])
def test_more_pieces_than_are_left_or_none_ship_nothing(sold, catalog, quantity):
    _, _, souika, order = sold
    line_id = to_global_id("OrderLine", str(OrderLine.objects.get().pk))
    before = _state()
    result = souika.data(
        FULFILL,
        {
            "order": order["id"],
            "line": line_id,
            "quantity": quantity,
            "warehouse": to_global_id("Warehouse", catalog.warehouse.pk),
        },
    )
    message = (
        "Only 2 of “Tray” are left to ship." if quantity > 0 else "Quantities must be positive."
    )
    assert result["orderFulfill"]["errors"] == [
        {"field": "quantity", "code": "INVALID_QUANTITY", "message": message}
    ]
    assert _state() == before


def test_allocations_are_hidden_from_everyone_but_the_workshop_and_staff(sold):
    _, _, _, order = sold
    anonymous = GraphQLClient(Client())
    assert anonymous.data(PARCELS) == {"workshopOrders": {"edges": []}}
    staff = login("staff@example.com", staff=True)
    (line,) = staff.data(BUYER_VIEW, {"id": order["id"]})["order"]["lines"]
    assert line == {"productName": "Tray", "allocations": [{"quantity": 2}]}


def _queries_for_parcels(gql) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        edges = gql.data(PARCELS)["workshopOrders"]["edges"]
    assert all(line["allocations"] for edge in edges for line in edge["node"]["lines"])
    return len(edges), len(queries)


def test_allocations_of_many_parcels_cost_the_same_queries_as_of_one(sold):
    shop, buyer, souika, _ = sold
    one = _queries_for_parcels(souika)
    for _ in range(3):
        checkout_id = checkout_ready(
            buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
        )
        pay(buyer, checkout_id)
        complete(buyer, checkout_id)
    four = _queries_for_parcels(souika)
    assert (one[0], four[0]) == (1, 4)
    assert four[1] == one[1]
