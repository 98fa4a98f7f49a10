"""Saleor 3.23's documents of the product mutations validate against Saleor's schema and
ours; the mutations tests (test_mutations.py) run them on ours."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from tests.test_saleor_contract import our_schema, saleor_schema

from .documents import DOCUMENTS


def test_every_mutation_has_a_document():
    mutations = {
        "productCreate",
        "productUpdate",
        "productDelete",
        "productVariantCreate",
        "productVariantUpdate",
        "productVariantDelete",
        "productVariantBulkCreate",
        "productChannelListingUpdate",
        "productVariantChannelListingUpdate",
        "productMediaCreate",
        "productMediaDelete",
        "productMediaReorder",
        "productVariantStocksUpdate",
        "productTranslate",
        "productVariantTranslate",
    }
    used = {m for m in mutations for text in DOCUMENTS.values() if f"  {m}(" in text}
    assert used == mutations


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_document_validates_against_saleors_schema_and_ours(name):
    document = parse(DOCUMENTS[name])
    assert validate(saleor_schema(), document) == []
    assert validate(our_schema(), document) == []


def test_the_product_error_codes_are_saleors():
    ours = our_schema().get_type("ProductErrorCode")
    theirs = saleor_schema().get_type("ProductErrorCode")
    assert set(ours.values) == set(theirs.values)  # type: ignore[union-attr]
