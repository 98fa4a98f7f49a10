"""Search ranked by relevance: which products, in which order, and what it costs.

The ranked page query reads every match before its LIMIT, so it also counts them
(`COUNT(*) OVER ()`): `totalCount` then costs no second query over the matches. The text
side and the SKU side are both conditions an index answers (marketplace/catalog/selectors.py).
"""

from __future__ import annotations

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductVariant
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

PAGE = """
query($search: String!, $direction: OrderDirection!, $first: Int, $last: Int, $after: String,
      $before: String) {
  products(first: $first, last: $last, after: $after, before: $before, channel: "international",
           filter: {search: $search}, sortBy: {field: RANK, direction: $direction}) {
    totalCount
    edges { node { name } cursor }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""

WITHOUT_COUNT = PAGE.replace("    totalCount\n", "")

THROUGH_FRAGMENT = """
fragment Counted on ProductCountableConnection { total: totalCount }
query($search: String!) {
  products(first: 5, channel: "international", search: $search,
           sortBy: {field: RANK, direction: DESC}) { ...Counted edges { node { name } } }
}"""


def cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def products_page(gql, document=PAGE, **variables):
    variables = {"direction": "DESC", **variables}
    with CaptureQueriesContext(connection) as queries:
        data = gql.data(document, variables)
    return data["products"], [q["sql"] for q in queries.captured_queries]


def counts(sql: list[str]) -> list[str]:
    return [q for q in sql if q.startswith("SELECT COUNT(")]


@pytest.fixture
def pieces(catalog):
    """Twelve brass pieces (some with "brass" twice, ranked higher), a lantern found only by
    its SKU "BRASS", an unlisted brass piece and an unrelated tray."""
    workshop = WorkshopFactory(cluster=catalog.cluster)
    made = []
    for index in range(12):
        description = "brass, hammered brass" if index % 3 == 0 else "hammered"
        made.append(
            catalog.product(f"Brass piece {index:02}", vendor=workshop, description=description)
        )
    lantern = catalog.product("Pierced lantern")
    ProductVariant.objects.filter(product=lantern).update(sku="BRASS")
    catalog.product("Brass hidden", visible_in_listings=False)
    catalog.product("Copper tray")
    return made


def all_names(gql, direction="DESC"):
    data, _ = products_page(gql, search="brass", direction=direction, first=100)
    return [edge["node"]["name"] for edge in data["edges"]]


def test_ranked_search_finds_text_and_sku_matches_in_rank_order(gql, pieces):
    found = all_names(gql)
    twice = [f"Brass piece {i:02}" for i in (9, 6, 3, 0)]  # equal ranks: newest first
    once = [f"Brass piece {i:02}" for i in (11, 10, 8, 7, 5, 4, 2, 1)]
    assert found == [*twice, *once, "Pierced lantern"]  # the SKU match ranks last (0)
    assert all_names(gql, direction="ASC") == ["Pierced lantern", *reversed(once), *twice[::-1]]


def test_ranked_search_counts_every_match_on_every_page(gql, pieces):
    found = all_names(gql)
    seen, after, pages = [], None, 0
    while True:
        data, _ = products_page(gql, search="brass", first=5, after=after)
        assert data["totalCount"] == 13
        seen += [edge["node"]["name"] for edge in data["edges"]]
        pages += 1
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert (seen, pages) == (found, 3)

    # past the last match no row carries the count: it is counted on its own
    data, sql = products_page(gql, search="brass", first=5, after=cursor(20))
    assert (data["totalCount"], data["edges"], len(counts(sql))) == (13, [], 1)

    data, _ = products_page(gql, search="brass", last=4)
    assert data["totalCount"] == 13
    assert [edge["node"]["name"] for edge in data["edges"]] == found[-4:]
    data, _ = products_page(gql, search="brass", first=3, after=cursor(1), before=cursor(4))
    assert data["totalCount"] == 13
    assert [edge["node"]["name"] for edge in data["edges"]] == found[2:4]

    data, _ = products_page(gql, search="nothing-like-this", first=5)
    assert (data["totalCount"], data["edges"]) == (0, [])


def test_ranked_search_with_its_count_costs_no_more_queries_than_without(gql, pieces):
    counted, with_count = products_page(gql, search="brass", first=5)
    uncounted, without_count = products_page(gql, WITHOUT_COUNT, search="brass", first=5)
    assert counted["edges"] == uncounted["edges"]
    assert counted["totalCount"] == 13
    assert counts(with_count) == []
    assert len(with_count) == len(without_count)
    assert "OVER ()" not in " ".join(without_count)  # nothing counted when nobody asks

    with CaptureQueriesContext(connection) as queries:
        data = gql.data(THROUGH_FRAGMENT, {"search": "brass"})
    assert data["products"]["total"] == 13
    assert counts([q["sql"] for q in queries.captured_queries]) == []


def test_the_search_index_keeps_no_pending_list():
    """GIN's pending list (fastupdate) is read in full by every search until a vacuum merges
    it; with the whole catalog pending after an import, PostgreSQL scanned the table."""
    with connection.cursor() as cursor_:
        cursor_.execute("SELECT reloptions FROM pg_class WHERE relname = 'product_search_gin'")
        (options,) = cursor_.fetchone()
    assert "fastupdate=off" in options
