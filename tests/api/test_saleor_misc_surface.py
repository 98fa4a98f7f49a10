"""Saleor 3.23 odds and ends: attribute filters by value slug or name (typed conditions match
nothing: values here are named choices), metadata given at registration, and the fields of
concepts the marketplace does not have (collection points, VAT rates, payment method details)."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from marketplace.catalog.models import Attribute, AttributeValue

pytestmark = pytest.mark.django_db

PRODUCTS = """query($f: ProductFilterInput) { products(first: 10, channel: "international",
  filter: $f) { edges { node { name } } } }"""


def test_attribute_filters_by_value_slug_or_name(gql, catalog):
    material = Attribute.objects.create(name="Material", slug="material")
    silver = AttributeValue.objects.create(attribute=material, name="Silver", slug="silver")
    AttributeValue.objects.create(attribute=material, name="Copper", slug="copper")
    catalog.product("Bracelet").attribute_values.add(silver)
    catalog.product("Tray")

    def names(attribute):
        edges = gql.data(PRODUCTS, {"f": {"attributes": [attribute]}})["products"]["edges"]
        return [e["node"]["name"] for e in edges]

    assert names({"slug": "material", "value": {"slug": {"eq": "silver"}}}) == ["Bracelet"]
    assert names({"slug": "material", "value": {"name": {"oneOf": ["Silver", "Gold"]}}}) == [
        "Bracelet"
    ]
    assert names({"slug": "material", "value": {"name": {"eq": "Copper"}}}) == []
    assert names({"slug": "material", "boolean": True}) == []
    assert names({"slug": "material", "valuesRange": {"gte": 1}}) == []


REGISTER = """mutation($m: [MetadataInput!]) { accountRegister(input: {email: "nadia@example.com",
  password: "a-long-passphrase-42", metadata: $m}) { errors { field code message } } }"""


def test_registration_keeps_the_metadata_and_refuses_a_blank_key(gql, db):
    refused = gql.data(REGISTER, {"m": [{"key": " ", "value": "x"}]})["accountRegister"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("metadata", "REQUIRED")]
    assert not User.objects.filter(email="nadia@example.com").exists()

    made = gql.data(REGISTER, {"m": [{"key": "newsletter", "value": "yes"}]})["accountRegister"]
    assert made["errors"] == []
    assert User.objects.get(email="nadia@example.com").metadata == {"newsletter": "yes"}


def test_concepts_not_held_here_answer_empty(gql, catalog):
    tray = catalog.product("Tray")
    from tests.helpers import to_global_id

    created = gql.data(
        'mutation($v: ID!) { checkoutCreate(input: {channel: "international", '
        "lines: [{variantId: $v, quantity: 1}]}) { checkout { id availableCollectionPoints { id } "
        "channel { countries { code vat { standardRate } } } } } }",
        {"v": to_global_id("ProductVariant", tray.variants.get().pk)},
    )["checkoutCreate"]["checkout"]
    assert created["availableCollectionPoints"] == []
    assert {c["vat"] for c in created["channel"]["countries"]} <= {None}
