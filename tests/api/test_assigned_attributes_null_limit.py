"""`assignedAttributes(limit: null)` and `value(limit: null)` mean the default, as in Saleor:
found by the fuzz as an internal error."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Attribute, AttributeValue

pytestmark = pytest.mark.django_db


def test_a_null_limit_is_the_default(gql, catalog):
    material = Attribute.objects.create(name="Material", slug="material", input_type="multiselect")
    tray = catalog.product("Tray")
    tray.attribute_values.add(
        AttributeValue.objects.create(attribute=material, name="Cu", slug="cu")
    )
    query = """query($slug: String, $n: PositiveInt) { product(slug: $slug, channel: "international") {
      assignedAttributes(limit: $n) { attribute { slug }
        ... on AssignedMultiChoiceAttribute { value(limit: $n) { slug } } } } }"""
    found = gql.data(query, {"slug": tray.slug, "n": None})["product"]["assignedAttributes"]
    assert found == [{"attribute": {"slug": "material"}, "value": [{"slug": "cu"}]}]
