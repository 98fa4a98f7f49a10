"""Saleor's line metadata on checkoutCreate/checkoutLinesAdd/checkoutLinesUpdate, and the
deprecated `variantId` that names the line to update by its variant."""

from __future__ import annotations

import pytest

from marketplace.checkout.models import CheckoutLine
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

CREATE = """mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "international",
  lines: $l}) { checkout { id lines { id metadata { key value } } } errors { field code message } } }"""
UPDATE = """mutation($id: ID, $l: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, lines: $l) {
  checkout { lines { quantity metafield(key: "engraving") } } errors { field code message } } }"""


def test_lines_carry_metadata_and_update_by_variant(gql, catalog):
    tray = catalog.product("Tray")
    variant = to_global_id("ProductVariant", tray.variants.get().pk)
    made = gql.data(
        CREATE,
        {
            "l": [
                {
                    "variantId": variant,
                    "quantity": 1,
                    "metadata": [{"key": "engraving", "value": "Amina"}],
                }
            ]
        },
    )["checkoutCreate"]
    assert made["errors"] == []
    assert made["checkout"]["lines"][0]["metadata"] == [{"key": "engraving", "value": "Amina"}]

    updated = gql.data(
        UPDATE,
        {
            "id": made["checkout"]["id"],
            "l": [
                {
                    "variantId": variant,
                    "quantity": 2,
                    "metadata": [{"key": "engraving", "value": "Sami"}],
                }
            ],
        },
    )["checkoutLinesUpdate"]
    assert updated["errors"] == []
    assert updated["checkout"]["lines"] == [{"quantity": 2, "metafield": "Sami"}]


def test_an_unknown_variant_or_a_blank_key_changes_nothing(gql, catalog):
    tray, lamp = catalog.product("Tray"), catalog.product("Lamp")
    variant = to_global_id("ProductVariant", tray.variants.get().pk)
    made = gql.data(CREATE, {"l": [{"variantId": variant, "quantity": 1}]})["checkoutCreate"]
    other = to_global_id("ProductVariant", lamp.variants.get().pk)

    missing = gql.data(
        UPDATE, {"id": made["checkout"]["id"], "l": [{"variantId": other, "quantity": 3}]}
    )["checkoutLinesUpdate"]
    assert [(e["field"], e["code"]) for e in missing["errors"]] == [("variantId", "NOT_FOUND")]

    blank = gql.data(
        UPDATE,
        {
            "id": made["checkout"]["id"],
            "l": [{"variantId": variant, "quantity": 4, "metadata": [{"key": " ", "value": "x"}]}],
        },
    )["checkoutLinesUpdate"]
    assert blank["errors"][0]["code"] == "REQUIRED"
    line = CheckoutLine.objects.get()
    assert (line.quantity, line.metadata) == (1, {})
