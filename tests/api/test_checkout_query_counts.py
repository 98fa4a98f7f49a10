"""SQL per step of the buyer's checkout path (bench/checkout.py's documents, issue #14).

Each step costs a fixed number of queries, whatever the number of lines and workshops: a
basket of six pieces from six workshops costs what one of two pieces from two costs. The
figures are pinned, so a query added to the path shows up here first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.checkout import ADD, ADDRESS, ADDRESSES, CHOOSE, COMPLETE, CREATE, GROUPS, PAY
from conftest import GraphQLClient
from marketplace.orders.models import Order
from tests.commerce import ship_with
from tests.factories import CatalogBuilder, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

# Queries per request; "choose" is each of the one-per-parcel method choices.
EXPECTED = {
    "create": 8,
    "add lines": 12,
    "addresses": 18,
    "delivery groups": 5,
    "choose": 7,
    "pay": 18,
    "complete": 24,
}


def _variants(catalog: CatalogBuilder, workshops: int) -> list[str]:
    """One piece from each of ``workshops`` workshops, shipped by their cluster."""
    ship_with(catalog.cluster, catalog.eur, name="Colissimo International", price="15.00")
    ids = []
    for index in range(workshops):
        workshop = WorkshopFactory(slug=f"atelier-{index}", cluster=catalog.cluster)
        product = catalog.product(f"Piece {index}", vendor=workshop, media=0)
        ids.append(to_global_id("ProductVariant", product.variants.get().pk))
    return ids


def _path(gql: GraphQLClient, variants: list[str]) -> tuple[dict[str, int], set[int], str]:
    """Queries per step, the counts of the method choices, and the order's number."""
    counts: dict[str, int] = {}

    def step(name: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        with CaptureQueriesContext(connection) as captured:
            data = gql.data(query, variables)
        counts[name] = len(captured)
        return data

    half = len(variants) // 2
    lines = [{"variantId": v, "quantity": 1} for v in variants]
    created = step("create", CREATE, {"lines": lines[:half]})["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    added = step("add lines", ADD, {"id": checkout_id, "lines": lines[half:]})
    assert added["checkoutLinesAdd"]["errors"] == []
    addressed = step("addresses", ADDRESSES, {"id": checkout_id, "a": ADDRESS})
    assert addressed["s"]["errors"] == [] and addressed["b"]["errors"] == []
    groups = step("delivery groups", GROUPS, {"id": checkout_id})["checkout"]["deliveryGroups"]
    assert len(groups) == len(variants)
    choices = set()
    for group in groups:
        method = group["shippingMethods"][0]["id"]
        chosen = step(
            "choose", CHOOSE, {"id": checkout_id, "v": group["vendor"]["id"], "m": method}
        )
        assert chosen["checkoutDeliveryGroupMethodUpdate"]["errors"] == []
        choices.add(counts["choose"])
    paid = step("pay", PAY, {"id": checkout_id})["transactionInitialize"]
    assert paid["errors"] == [] and paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    done = step("complete", COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert done["errors"] == []
    return counts, choices, done["order"]["number"]


def test_each_checkout_step_costs_the_same_queries_for_two_or_six_workshops(
    gql: GraphQLClient, catalog: CatalogBuilder
) -> None:
    variants = _variants(catalog, 6)
    small, small_choices, small_number = _path(gql, variants[:2])
    large, large_choices, large_number = _path(gql, variants)

    assert small == large, (small, large)
    assert large == EXPECTED, large
    assert small_choices == large_choices == {EXPECTED["choose"]}
    small_order = Order.objects.get(number=small_number)
    large_order = Order.objects.get(number=large_number)
    assert small_order.vendor_orders.count() == 2 and small_order.lines.count() == 2
    assert large_order.vendor_orders.count() == 6 and large_order.lines.count() == 6
    # Six 10.00 pieces, each parcel shipped for 15.00 (duties are not charged: DAP).
    assert large_order.goods_total == Decimal("60.00")
    assert large_order.shipping_total == Decimal("90.00")
    assert large_order.total == Decimal("150.00")
