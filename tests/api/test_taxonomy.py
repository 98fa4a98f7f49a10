from __future__ import annotations

import pytest

from marketplace.catalog.services import category_create
from marketplace.core.errors import DomainError
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(catalog):
    homeware = category_create(name="Homeware", slug="homeware")
    trays = category_create(name="Serving trays", slug="serving-trays", parent=homeware)
    catalog.product("Tray", category=trays)
    catalog.product("Orphan", category=homeware)
    return homeware, trays


def test_categories_list_levels_and_children(gql, tree):
    data = gql.data("""{
      top: categories(first: 10, level: 0) { edges { node { slug level children(first: 5) { totalCount edges { node { slug } } } } } }
      all: categories(first: 10, sortBy: {field: NAME, direction: DESC}) { totalCount edges { node { slug } } }
    }""")
    top = {e["node"]["slug"]: e["node"] for e in data["top"]["edges"]}
    assert top["homeware"]["children"]["edges"] == [{"node": {"slug": "serving-trays"}}]
    assert [e["node"]["slug"] for e in data["all"]["edges"]] == [
        "trays",
        "serving-trays",
        "homeware",
    ]


def test_category_by_slug_and_id_with_ancestors_and_products(gql, tree):
    _homeware, trays = tree
    query = """query($id: ID) {
      bySlug: category(slug: "homeware") { name products(first: 10) { totalCount } }
      byId: category(id: $id) { slug level parent { slug }
        ancestors(first: 5) { edges { node { slug } } } products(first: 10) { edges { node { name } } } }
    }"""
    data = gql.data(query, {"id": to_global_id("Category", trays.pk)})
    assert data["bySlug"]["products"]["totalCount"] == 2  # products of subcategories count too
    assert data["byId"]["level"] == 1
    assert data["byId"]["parent"] == {"slug": "homeware"}
    assert data["byId"]["ancestors"]["edges"] == [{"node": {"slug": "homeware"}}]
    assert data["byId"]["products"]["edges"] == [{"node": {"name": "Tray"}}]


def test_category_slugs_are_unique(tree):
    with pytest.raises(DomainError) as error:
        category_create(name="Again", slug="homeware")
    assert error.value.code == "UNIQUE"


def test_collections_published_per_channel(gql, catalog):
    tray = catalog.product("Tray")
    catalog.collection("gifts", [tray])
    catalog.collection("hidden", [tray], published=False)
    data = gql.data("""{
      collections(first: 10, channel: "international") { edges { node { slug channel } } }
      collection(slug: "gifts", channel: "tunisia") { name channel products(first: 5) { edges { node { name pricing { priceRange { start { gross { currency } } } } } } } }
      hidden: collection(slug: "hidden", channel: "international") { slug }
    }""")
    assert data["collections"]["edges"] == [{"node": {"slug": "gifts", "channel": "international"}}]
    product = data["collection"]["products"]["edges"][0]["node"]
    assert product["pricing"]["priceRange"]["start"]["gross"]["currency"] == "TND"
    assert data["hidden"] is None


def test_product_collections_field(gql, catalog):
    tray = catalog.product("Tray")
    catalog.collection("gifts", [tray])
    data = gql.data("{ products(first: 1) { edges { node { collections { slug } } } } }")
    assert data["products"]["edges"][0]["node"]["collections"] == [{"slug": "gifts"}]
