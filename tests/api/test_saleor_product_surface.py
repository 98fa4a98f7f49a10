"""More of Saleor 3.23's Product and ProductVariant surface: the deprecated images, media by
id and sorted, productVariants(filter/where/sortBy) on the loaded variants, the product list's
remaining `filter` fields, channel listings' dates and pricing, and the prior and local-currency
prices that answer null here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import ProductVariant
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db


def test_images_and_media_by_id_and_sorted(gql, catalog):
    tray = catalog.product("Tray", media=3)
    media = list(tray.media.order_by("pk"))
    query = """query($slug: String, $image: ID!, $media: ID!) {
      product(slug: $slug, channel: "international") {
        images { id alt sortOrder url(size: 64) }
        imageById(id: $image) { alt } mediaById(id: $media) { alt }
        media(sortBy: {field: ID, direction: DESC}) { alt }
        variants { images { id } preorder { globalSoldUnits } externalReference }
      } }"""
    data = gql.data(
        query,
        {
            "slug": tray.slug,
            "image": to_global_id("ProductImage", media[1].pk),
            "media": to_global_id("ProductMedia", media[2].pk),
        },
    )["product"]
    assert [i["alt"] for i in data["images"]] == ["Tray 0", "Tray 1", "Tray 2"]
    assert data["images"][0]["id"] == to_global_id("ProductImage", media[0].pk)
    assert "/thumbnail/" in data["images"][0]["url"] or data["images"][0]["url"].startswith("http")
    assert data["imageById"] == {"alt": "Tray 1"}
    assert data["mediaById"] == {"alt": "Tray 2"}
    assert [m["alt"] for m in data["media"]] == ["Tray 2", "Tray 1", "Tray 0"]
    assert data["variants"] == [{"images": [], "preorder": None, "externalReference": None}]


VARIANTS = """query($slug: String, $filter: ProductVariantFilterInput, $where: ProductVariantWhereInput,
  $sort: ProductVariantSortingInput) { product(slug: $slug, channel: "international") {
  productVariants(first: 10, filter: $filter, where: $where, sortBy: $sort) {
    totalCount edges { node { sku } } } } }"""


def test_product_variants_filter_where_and_sort(gql, catalog):
    tray = catalog.product("Tray", variants=3)
    first, second, third = ProductVariant.objects.filter(product=tray).order_by("sort_order")
    second.metadata = {"finish": "matte"}
    second.save()
    ProductVariant.objects.filter(pk=first.pk).update(updated_at=timezone.now() - timedelta(days=3))

    def skus(**variables):
        result = gql.data(VARIANTS, {"slug": tray.slug, **variables})
        return [e["node"]["sku"] for e in result["product"]["productVariants"]["edges"]]

    assert skus(filter={"sku": [third.sku]}) == [third.sku]
    assert skus(filter={"metadata": [{"key": "finish", "value": "matte"}]}) == [second.sku]
    assert skus(filter={"isPreorder": True}) == []
    assert skus(where={"sku": {"oneOf": [first.sku, third.sku]}}) == [first.sku, third.sku]
    assert skus(
        where={
            "OR": [
                {"ids": [to_global_id("ProductVariant", first.pk)]},
                {"metadata": [{"key": "finish"}]},
            ]
        }
    ) == [first.sku, second.sku]
    assert skus(sort={"field": "LAST_MODIFIED_AT", "direction": "ASC"})[0] == first.sku
    assert skus(sort={"field": "LAST_MODIFIED_AT", "direction": "DESC"})[-1] == first.sku
    messages = gql.error_messages(
        VARIANTS, {"slug": tray.slug, "filter": {"sku": ["x"]}, "where": {"sku": {"eq": "x"}}}
    )
    assert any("either `filter` or `where`" in m for m in messages), messages


def test_filtering_variants_costs_no_query_per_product(gql, catalog):
    for index in range(12):
        catalog.product(f"Piece {index}", variants=2)
    query = """query($n: Int) { products(first: $n, channel: "international") { edges { node {
      productVariants(first: 5, where: {sku: {eq: "NONE"}}) { totalCount } } } } }"""
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as captured:
            edges = gql.data(query, {"n": size})["products"]["edges"]
        assert len(edges) == size
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_product_lists_remaining_filter_fields(gql, catalog):
    catalog.product("Shown")
    catalog.product("Hidden", visible_in_listings=False)
    query = """query($f: ProductFilterInput, $c: String) { products(first: 10, channel: $c, filter: $f) {
      edges { node { name } } } }"""

    def names(filter_input, channel="international"):
        edges = gql.data(query, {"f": filter_input, "c": channel})["products"]["edges"]
        return [e["node"]["name"] for e in edges]

    assert names({"giftCard": True}) == []
    assert names({"hasPreorderedVariants": True}) == []
    # Saleor's publishedFrom/availableFrom: published (available) by that moment
    assert names({"publishedFrom": (timezone.now() - timedelta(days=2)).isoformat()}) == []
    assert names({"availableFrom": timezone.now().isoformat()}) == ["Shown"]
    assert names({"channel": "international"}, channel=None) == ["Shown"]


def test_prior_and_local_currency_prices_are_null_and_listings_answer_pricing(staff_gql, catalog):
    tray = catalog.product("Tray", prices={"international": "12.50"})
    query = """query($slug: String) { product(slug: $slug, channel: "international") {
      pricing { discountPrior { gross { amount } } discountLocalCurrency { gross { amount } }
        priceRangePrior { start { gross { amount } } } priceRangeLocalCurrency { start { gross { amount } } } }
      channelListings { publicationDate availableForPurchase
        pricing { priceRange { start { gross { amount currency } } } } }
      variants { pricing { pricePrior { gross { amount } } priceLocalCurrency { gross { amount } }
        discountPrior { gross { amount } } }
        channelListings { priorPrice { amount } preorderThreshold { soldUnits } } } } }"""
    data = staff_gql.data(query, {"slug": tray.slug})["product"]
    assert set(data["pricing"].values()) == {None}
    listing = data["channelListings"][0]
    assert listing["publicationDate"] == (timezone.now() - timedelta(days=1)).date().isoformat()
    assert listing["availableForPurchase"] == listing["publicationDate"]
    assert listing["pricing"]["priceRange"]["start"]["gross"] == {"amount": 12.5, "currency": "EUR"}
    variant = data["variants"][0]
    assert set(variant["pricing"].values()) == {None}
    assert variant["channelListings"] == [{"priorPrice": None, "preorderThreshold": None}]
