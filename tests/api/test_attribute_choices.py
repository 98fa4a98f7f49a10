"""Saleor's Attribute.choices: the attribute's values, searched, filtered, sorted and paged,
at the same SQL for a page of products however many attributes it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Attribute, AttributeValue

pytestmark = pytest.mark.django_db

QUERY = """query($slug: String) { product(slug: $slug, channel: "international") {
  attributes { attribute { slug referenceTypes { __typename }
    all: choices(first: 10) { totalCount edges { node { slug } } }
    cu: choices(first: 10, search: "cop") { edges { node { slug } } }
    named: choices(first: 10, where: {name: {oneOf: ["Silver", "Brass"]}}) { edges { node { slug } } }
    sorted: choices(first: 2, sortBy: {field: NAME, direction: DESC}) {
      pageInfo { hasNextPage } edges { node { name } } } } } } }"""


def _material(catalog, products=1):
    material = Attribute.objects.create(name="Material", slug="material")
    values = [
        AttributeValue.objects.create(attribute=material, name=n, slug=n.lower(), sort_order=i)
        for i, n in enumerate(("Copper", "Silver", "Brass"))
    ]
    made = []
    for index in range(products):
        product = catalog.product(f"Tray {index}")
        product.attribute_values.add(values[0])
        made.append(product)
    return made


def test_choices_are_searched_filtered_sorted_and_paged(gql, catalog):
    (tray,) = _material(catalog)
    found = gql.data(QUERY, {"slug": tray.slug})["product"]["attributes"][0]["attribute"]
    assert found["referenceTypes"] == []
    assert found["all"]["totalCount"] == 3
    assert [e["node"]["slug"] for e in found["all"]["edges"]] == ["copper", "silver", "brass"]
    assert [e["node"]["slug"] for e in found["cu"]["edges"]] == ["copper"]
    assert [e["node"]["slug"] for e in found["named"]["edges"]] == ["silver", "brass"]
    assert [e["node"]["name"] for e in found["sorted"]["edges"]] == ["Silver", "Copper"]
    assert found["sorted"]["pageInfo"]["hasNextPage"] is True


def test_choices_of_a_page_of_products_cost_the_same_sql(gql, catalog):
    _material(catalog, products=12)
    query = """query($n: Int) { products(first: $n, channel: "international") { edges { node {
      attributes { attribute { choices(first: 5) { totalCount edges { node { name } } } } } } } } }"""
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as captured:
            edges = gql.data(query, {"n": size})["products"]["edges"]
        assert len(edges) == size
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
