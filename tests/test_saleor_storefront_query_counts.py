"""The reference storefront's product lists cost the same SQL at `first: 20` as at 100, and
both pass the default cost limit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import WorkshopFactory
from tests.saleor_storefront_documents import CATALOG

pytestmark = pytest.mark.django_db


def _count(gql, name, first, **variables):
    with CaptureQueriesContext(connection) as queries:
        body = gql.execute(
            CATALOG[name], {"first": first, "channel": "default-channel", **variables}
        )
    assert "errors" not in body, body
    assert len(body["data"]["products"]["edges"]) == first
    return len(queries)


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("ProductListPaginated", {}),
        ("SearchProducts", {"search": "piece", "sortBy": "RANK", "sortDirection": "DESC"}),
    ],
)
def test_the_storefronts_product_lists_cost_the_same_at_20_and_100(gql, catalog, name, variables):
    workshops = [WorkshopFactory(cluster=catalog.cluster) for _ in range(4)]
    for index in range(100):
        catalog.product(
            f"Piece {index:03}",
            vendor=workshops[index % 4],
            category=catalog.category,
            variants=2,
            media=1,
        )
    twenty = _count(gql, name, 20, **variables)
    hundred = _count(gql, name, 100, **variables)
    assert twenty == hundred
    assert hundred <= 15, hundred


ORDER_LIST = """query($first: Int) { me { orders(first: $first) { edges { node {
  id number statusDisplay paymentStatusDisplay authorizeStatus totalCaptured { amount }
  undiscountedTotal { gross { amount } } shippingMethodName checkoutId
  lines { productName thumbnail(size: 256) { url } undiscountedUnitPrice { gross { amount } } }
} } } } }"""


def test_the_account_order_list_with_saleors_fields_is_flat(catalog):
    from marketplace.accounts.models import User
    from marketplace.orders.models import OrderLine
    from tests.commerce import login
    from tests.orders.test_order_query_counts import make_orders

    client = login("claire@example.com")
    buyer = User.objects.get(email="claire@example.com")
    make_orders(30, buyer, [catalog.workshop], catalog.eur)
    pieces = [catalog.product(f"Piece {i}", media=1) for i in range(3)]
    for index, line in enumerate(OrderLine.objects.order_by("pk")):
        line.variant = pieces[index % 3].variants.get()
        line.save(update_fields=["variant"])

    counts = []
    for first in (5, 30):
        with CaptureQueriesContext(connection) as captured:
            data = client.data(ORDER_LIST, {"first": first})
        edges = data["me"]["orders"]["edges"]
        assert len(edges) == first
        assert all(line["thumbnail"]["url"] for e in edges for line in e["node"]["lines"])
        counts.append([q["sql"] for q in captured.captured_queries])
    assert len(counts[0]) == len(counts[1]), "\n".join(
        ["first: 5", *counts[0], "first: 30", *counts[1]]
    )


def _answer_and_queries(gql, document, **variables):
    """The document's data and the SQL queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        body = gql.execute(document, {"channel": "default-channel", **variables})
    assert "errors" not in body, body
    return body["data"], len(queries)


def _category_list_count(gql, catalog, first):
    document = CATALOG["ProductListByCategory"].replace("first: 100", f"first: {first}")
    data, count = _answer_and_queries(gql, document, slug=catalog.category.slug)
    assert len(data["category"]["products"]["edges"]) == first
    return count


def test_a_category_with_its_products_costs_the_same_at_20_and_100(gql, catalog):
    workshops = [WorkshopFactory(cluster=catalog.cluster) for _ in range(4)]
    for index in range(100):
        catalog.product(f"Piece {index:03}", vendor=workshops[index % 4], variants=2, media=2)
    twenty = _category_list_count(gql, catalog, 20)
    assert twenty == _category_list_count(gql, catalog, 100)
    assert twenty <= 15, twenty


def test_a_products_page_costs_the_same_with_2_or_12_variants_and_photos(gql, catalog):
    def details(product):
        data, count = _answer_and_queries(gql, CATALOG["ProductDetails"], slug=product.slug)
        return count, data["product"]

    small_count, small = details(catalog.product("Small", variants=2, media=1))
    large_count, large = details(catalog.product("Large", variants=12, media=6))
    assert len(small["variants"]) == 2 and len(large["variants"]) == 12
    assert small_count == large_count
    assert large_count <= 12, large_count


def test_a_menu_costs_the_same_with_1_or_10_items(gql, catalog):
    from marketplace.catalog.models import Category
    from marketplace.content.models import Menu, MenuItem

    def menu_of(slug, tops):
        menu = Menu.objects.create(name=slug, slug=slug)
        for index in range(tops):
            category = Category.objects.create(name=f"{slug} {index}", slug=f"{slug}-{index}")
            top = MenuItem.objects.create(menu=menu, name=f"Top {index}", category=category)
            MenuItem.objects.create(
                menu=menu, name=f"Child {index}", parent=top, level=1, url="https://example.com/"
            )
        return menu

    def items(menu):
        data, count = _answer_and_queries(gql, CATALOG["MenuGetBySlug"], slug=menu.slug)
        return count, data["menu"]["items"]

    small_count, small = items(menu_of("small", 1))
    large_count, large = items(menu_of("large", 10))
    assert len(small) == 1 and len(large) == 10
    assert all(len(item["children"]) == 1 for item in large)
    assert small_count == large_count
    assert large_count <= 5, large_count
