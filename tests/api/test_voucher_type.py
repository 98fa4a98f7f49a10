"""Saleor's `voucher` of a checkout and of an order: the code applied, read in that one's
channel, with the same SQL however many orders a page holds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.models import User
from marketplace.orders.models import Order
from tests.api.test_vouchers import ADD, basket, voucher  # noqa: F401 (fixture)
from tests.commerce import login
from tests.orders.test_order_query_counts import make_orders

pytestmark = pytest.mark.django_db

VOUCHER = """voucher { id name code usageLimit used singleUse applyOncePerOrder onlyForStaff
  type discountValueType discountValue currency minSpent { amount currency }
  codes(first: 5) { totalCount edges { node { code used } } }
  products(first: 10) { totalCount edges { node { name } } }
  categories(first: 5) { totalCount } collections(first: 5) { totalCount }
  variants(first: 5) { totalCount } countries { code } translation(languageCode: FR) { name }
  channelListings { channel { slug } discountValue currency minSpent { amount } }
  metadata { key value } }"""


def test_a_checkout_answers_the_clusters_fixed_voucher_it_carries(gql, basket, catalog):  # noqa: F811
    checkout_id, batna = basket
    voucher("AURES", "fixed", catalog.tnd, amount=Decimal("80.000"), vendor=batna, usage_limit=1)
    assert gql.data(ADD, {"id": checkout_id, "c": "aures"})["checkoutAddPromoCode"]["errors"] == []

    query = "query($id: ID!) { checkout(id: $id) { " + VOUCHER + " } }"
    found = gql.data(query, {"id": checkout_id})["checkout"]["voucher"]

    assert found["code"] == "AURES" and found["name"] == "Aures"
    assert found["type"] == "SPECIFIC_PRODUCT"  # the cluster's members' pieces only
    assert found["discountValueType"] == "FIXED"
    assert found["discountValue"] == 80.0 and found["currency"] == "TND"
    assert found["minSpent"] == {"amount": 0.0, "currency": "TND"}
    assert (found["usageLimit"], found["used"], found["singleUse"]) == (1, 0, True)
    assert found["codes"] == {"totalCount": 1, "edges": [{"node": {"code": "AURES", "used": 0}}]}
    assert [e["node"]["name"] for e in found["products"]["edges"]] == ["Bracelet"]
    for empty in ("categories", "collections", "variants"):
        assert found[empty] == {"totalCount": 0}, empty
    assert found["countries"] == [] and found["translation"] is None
    assert found["channelListings"] == [
        {
            "channel": {"slug": "tunisia"},
            "discountValue": 80.0,
            "currency": "TND",
            "minSpent": {"amount": 0.0},
        }
    ]


def test_a_checkout_without_a_code_has_no_voucher(gql, basket):  # noqa: F811
    checkout_id, _ = basket
    query = "query($id: ID!) { checkout(id: $id) { voucher { id } } }"
    assert gql.data(query, {"id": checkout_id})["checkout"]["voucher"] is None


ORDERS = "query($n: Int) { me { orders(first: $n) { edges { node { " + VOUCHER + " } } } } }"


def test_orders_answer_their_voucher_with_sql_flat_in_the_page(catalog):
    voucher("WELCOME10", "percentage", catalog.eur, percentage=Decimal("10"))
    client = login("claire@example.com")
    buyer = User.objects.get(email="claire@example.com")
    make_orders(12, buyer, [catalog.workshop], catalog.eur)
    Order.objects.update(voucher_code="WELCOME10", discount_total=Decimal("5"))

    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as captured:
            edges = client.data(ORDERS, {"n": size})["me"]["orders"]["edges"]
        counts.append(len(captured))
        assert len(edges) == size
    node = edges[0]["node"]["voucher"]
    assert node["type"] == "ENTIRE_ORDER" and node["discountValueType"] == "PERCENTAGE"
    assert node["discountValue"] == 10.0 and node["products"]["totalCount"] == 0
    assert counts[0] == counts[1], counts
