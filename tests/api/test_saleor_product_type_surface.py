"""Saleor 3.23's ProductType attribute lists (the attributes its products and variants carry
values of, loaded once for a page) and its deprecated products connection; PageType.attributes
is empty (pages carry none)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Attribute, AttributeValue
from marketplace.content.models import PageType

pytestmark = pytest.mark.django_db

QUERY = """query($n: Int) { products(first: $n, channel: "international") { edges { node {
  productType { slug productAttributes { slug } variantAttributes { slug }
    assignedVariantAttributes { attribute { slug } variantSelection }
    none: assignedVariantAttributes(variantSelection: NOT_VARIANT_SELECTION) { variantSelection }
    products(first: 3, channel: "international") { totalCount } } } } } }"""


def _attributes(catalog, count):
    material = Attribute.objects.create(name="Material", slug="material")
    size = Attribute.objects.create(name="Size", slug="size")
    copper = AttributeValue.objects.create(attribute=material, name="Copper", slug="copper")
    large = AttributeValue.objects.create(attribute=size, name="Large", slug="large")
    for index in range(count):
        product = catalog.product(f"Tray {index}")
        product.attribute_values.add(copper)
        product.variants.get().attribute_values.add(large)


def test_a_product_types_attributes_are_those_its_pieces_carry(gql, catalog):
    _attributes(catalog, 2)
    node = gql.data(QUERY, {"n": 1})["products"]["edges"][0]["node"]["productType"]
    assert node["productAttributes"] == [{"slug": "material"}]
    assert node["variantAttributes"] == [{"slug": "size"}]
    assert node["assignedVariantAttributes"] == [
        {"attribute": {"slug": "size"}, "variantSelection": True}
    ]
    assert node["none"] == []
    assert node["products"] == {"totalCount": 2}


def test_the_lists_cost_the_same_sql_for_two_and_twelve_products(gql, catalog):
    _attributes(catalog, 12)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as captured:
            edges = gql.data(QUERY, {"n": size})["products"]["edges"]
        assert len(edges) == size
        counts.append(len(captured))
    # the deprecated products connection is one count per product type, not per product
    assert counts[0] == counts[1], counts


def test_page_types_carry_no_attributes(gql, db):
    PageType.objects.create(name="Story", slug="story")
    from marketplace.content.models import Page

    Page.objects.create(
        page_type=PageType.objects.get(), title="About", slug="about", is_published=True
    )
    found = gql.data('{ page(slug: "about") { pageType { attributes { slug } } } }')
    assert found["page"]["pageType"] == {"attributes": []}
