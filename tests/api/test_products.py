"""products / product / productVariant(s): shapes, pricing, visibility."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.vendors.models import VendorStatus
from tests.factories import WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PRODUCT_LIST = """
query($channel: String, $first: Int) {
  products(first: $first, channel: $channel) {
    totalCount
    edges { node {
      id name slug channel
      pricing { priceRange { start { gross { amount currency fractionDigits fractionalAmount } }
                             stop { gross { amount currency } } } }
      thumbnail(size: 120) { url alt }
      category { name }
      vendor { slug name cluster { slug } }
      variants { sku quantityAvailable pricing { price { gross { amount currency } } } }
    } }
  }
}
"""


def test_products_lists_published_products_with_prices_in_the_channel_currency(gql, catalog):
    product = catalog.product(
        "Chased tray", prices={"international": "145.50", "tunisia": "488.456"}
    )

    data = gql.data(PRODUCT_LIST, {"channel": "tunisia", "first": 10})

    assert data["products"]["totalCount"] == 1
    node = data["products"]["edges"][0]["node"]
    assert node["id"] == to_global_id("Product", product.pk)
    assert node["channel"] == "tunisia"
    start = node["pricing"]["priceRange"]["start"]["gross"]
    assert start == {
        "amount": 488.456,
        "currency": "TND",
        "fractionDigits": 3,
        "fractionalAmount": 488456,
    }
    assert node["vendor"] == {
        "slug": "souika",
        "name": "Atelier Souika",
        "cluster": {"slug": "constantine"},
    }
    assert node["category"] == {"name": "Trays"}
    assert node["thumbnail"]["url"].startswith("http://testserver/thumbnail/")
    assert node["thumbnail"]["url"].endswith("/128/original/")
    assert node["variants"] == [
        {
            "sku": product.variants.get().sku,
            "quantityAvailable": 5,
            "pricing": {"price": {"gross": {"amount": 488.456, "currency": "TND"}}},
        }
    ]


def test_price_range_spans_cheapest_to_dearest_variant(gql, catalog):
    catalog.product("Tray", prices={"international": "10.00"}, variants=3)

    data = gql.data(PRODUCT_LIST, {"channel": "international", "first": 5})

    price_range = data["products"]["edges"][0]["node"]["pricing"]["priceRange"]
    assert price_range["start"]["gross"]["amount"] == 10.0
    assert price_range["stop"]["gross"]["amount"] == 12.0


def test_products_without_channel_use_the_default_channel(gql, catalog):
    catalog.product("Tray")
    data = gql.data("{ products(first: 5) { edges { node { channel } } } }")
    assert data["products"]["edges"][0]["node"]["channel"] == "international"


def test_unknown_channel_is_a_clear_error(gql, catalog):
    messages = gql.error_messages('{ products(first: 5, channel: "mars") { totalCount } }')
    assert messages == ["Channel with 'mars' slug does not exist."]


def test_unpublished_and_future_products_are_hidden_from_buyers(gql, catalog):
    catalog.product("Visible")
    catalog.product("Draft", published=False)
    catalog.product("Tomorrow", published_at=timezone.now() + timedelta(days=1))
    catalog.product("Elsewhere", prices={"tunisia": "10.000"})

    data = gql.data('{ products(first: 10, channel: "international") { edges { node { name } } } }')

    assert [e["node"]["name"] for e in data["products"]["edges"]] == ["Visible"]


def test_products_of_unapproved_workshops_are_hidden_everywhere(gql, catalog):
    pending = WorkshopFactory(slug="pending", status=VendorStatus.PENDING)
    suspended = WorkshopFactory(slug="suspended", status=VendorStatus.SUSPENDED)
    hidden = catalog.product("Pending piece", vendor=pending)
    catalog.product("Suspended piece", vendor=suspended)
    catalog.product("Approved piece")

    listed = gql.data("{ products(first: 10) { edges { node { name } } } }")
    by_slug = gql.data("query($s: String) { product(slug: $s) { name } }", {"s": hidden.slug})
    by_id = gql.data(
        "query($id: ID) { product(id: $id) { name } }", {"id": to_global_id("Product", hidden.pk)}
    )

    assert [e["node"]["name"] for e in listed["products"]["edges"]] == ["Approved piece"]
    assert by_slug == {"product": None}
    assert by_id == {"product": None}


def test_staff_see_unpublished_products(staff_gql, catalog):
    catalog.product("Draft", published=False)
    data = staff_gql.data('{ products(first: 10, channel: "international") { totalCount } }')
    assert data["products"]["totalCount"] == 1


def test_invisible_in_listings_is_reachable_by_slug_only(gql, catalog):
    product = catalog.product("Private commission", visible_in_listings=False)

    listed = gql.data("{ products(first: 10) { totalCount } }")
    found = gql.data("query($s: String) { product(slug: $s) { name } }", {"s": product.slug})

    assert listed["products"]["totalCount"] == 0
    assert found == {"product": {"name": "Private commission"}}


def test_product_details_by_id_and_by_slug(gql, catalog):
    product = catalog.product("Lantern", media=2, description="pierced copper")
    query = """
    query($id: ID, $slug: String) {
      byId: product(id: $id, channel: "international") { slug }
      bySlug: product(slug: $slug, channel: "international") {
        id name seoTitle description created updatedAt rating
        isAvailableForPurchase availableForPurchaseAt isAvailable
        productType { name slug hasVariants isShippingRequired hsCode weight { unit value } }
        media { alt url type sortOrder productId }
        defaultVariant { sku }
        weight { unit value }
        metadata { key value }
        collections { slug }
      }
    }"""
    data = gql.data(query, {"id": to_global_id("Product", product.pk), "slug": product.slug})

    assert data["byId"] == {"slug": product.slug}
    detail = data["bySlug"]
    assert detail["name"] == "Lantern"
    assert detail["isAvailableForPurchase"] is True
    assert detail["isAvailable"] is True
    assert detail["productType"]["hsCode"] == "741810"
    assert detail["productType"]["weight"] == {"unit": "KG", "value": 1.2}
    assert [m["alt"] for m in detail["media"]] == ["Lantern 0", "Lantern 1"]
    assert detail["media"][0]["type"] == "IMAGE"
    assert detail["media"][0]["url"].startswith("http://testserver/media/products/")
    assert detail["media"][0]["productId"] == to_global_id("Product", product.pk)
    assert detail["weight"] == {"unit": "KG", "value": 1.5}


def test_product_needs_exactly_one_lookup(gql, catalog):
    assert gql.error_messages("{ product { name } }") == [
        "Provide exactly one of `id`, `slug` or `externalReference`."
    ]


def test_wrong_id_type_is_a_clear_error(gql, catalog):
    messages = gql.error_messages(
        "query($id: ID) { product(id: $id) { name } }", {"id": to_global_id("Category", 1)}
    )
    assert "Expected: Product, received: Category" in messages[0]
    assert gql.error_messages('{ product(id: "not-base64!") { name } }')[0].startswith(
        "Invalid ID: not-base64!"
    )


def test_product_variant_by_id_and_sku_and_variants_by_ids(gql, catalog):
    product = catalog.product("Bracelet", variants=2)
    first, second = product.variants.order_by("sort_order")
    query = """
    query($id: ID, $sku: String, $ids: [ID!]) {
      a: productVariant(id: $id, channel: "international") { sku product { name channel } }
      b: productVariant(sku: $sku, channel: "international") { name }
      c: productVariants(ids: $ids, first: 10, channel: "international") {
        totalCount edges { node { sku pricing { price { gross { amount } } } } }
      }
    }"""
    data = gql.data(
        query,
        {
            "id": to_global_id("ProductVariant", first.pk),
            "sku": second.sku,
            "ids": [to_global_id("ProductVariant", second.pk)],
        },
    )

    assert data["a"] == {
        "sku": first.sku,
        "product": {"name": "Bracelet", "channel": "international"},
    }
    assert data["b"] == {"name": "V1"}
    assert data["c"]["totalCount"] == 1
    assert data["c"]["edges"][0]["node"]["pricing"]["price"]["gross"]["amount"] == 11.0


def test_variants_of_hidden_products_are_hidden(gql, catalog):
    draft = catalog.product("Draft", published=False)
    variant = draft.variants.get()
    data = gql.data(
        "query($sku: String) { productVariant(sku: $sku) { sku } }", {"sku": variant.sku}
    )
    assert data == {"productVariant": None}


def test_out_of_stock_variant_reports_zero_available(gql, catalog):
    catalog.product("Sold out", stock=0)
    data = gql.data("{ products(first: 1) { edges { node { variants { quantityAvailable } } } } }")
    assert data["products"]["edges"][0]["node"]["variants"] == [{"quantityAvailable": 0}]


def test_private_metadata_is_hidden_from_buyers(gql, staff_gql, catalog):
    product = catalog.product("Tray")
    product.metadata = {"story": "family"}
    product.private_metadata = {"cost": "12"}
    product.save()
    query = '{ products(first: 1) { edges { node { metadata { key value } metafield(key: "story") privateMetadata { key } } } } }'

    buyer = gql.data(query)["products"]["edges"][0]["node"]
    staff = staff_gql.data(query)["products"]["edges"][0]["node"]

    assert buyer == {
        "metadata": [{"key": "story", "value": "family"}],
        "metafield": "family",
        "privateMetadata": [],
    }
    assert staff["privateMetadata"] == [{"key": "cost"}]
