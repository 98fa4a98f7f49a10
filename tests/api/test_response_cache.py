"""The response cache for anonymous catalog queries (marketplace/graphql/core/response_cache.py):
a hit costs no SQL and returns the same body; every change that could alter the answer makes
the next answer fresh; nobody logged in, no staff, no mutation ever uses it; ETag for GET."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import (
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariantChannelListing,
)
from marketplace.catalog.services import product_listing_refresh_prices
from marketplace.core import catalog_version
from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorStatus
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

LIST = """query($channel: String!) { products(first: 20, channel: $channel) { totalCount
  edges { node { id name slug
    pricing { priceRange { start { gross { amount currency } } } }
    variants { quantityAvailable }
    media { alt }
    translation(languageCode: FR) { name } } } } }"""


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.RESPONSE_CACHE_ENABLED = True


def post(client: Client, query: str = LIST, variables: Any = None, **headers: Any) -> Any:
    payload = {"query": query, "variables": variables or {"channel": "international"}}
    return client.post("/graphql/", json.dumps(payload), content_type="application/json", **headers)


def answer(client: Client, **headers: Any) -> dict[str, Any]:
    response = post(client, **headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


def hit_costs_nothing(client: Client) -> bytes:
    """Asks twice; the second answer must come from the cache, without SQL."""
    first = post(client)
    with CaptureQueriesContext(connection) as queries:
        second = post(client)
    assert second["X-Response-Cache"] == "hit"
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
    assert second.content == first.content
    content: bytes = second.content
    return content


def test_a_hit_returns_the_same_body_with_no_sql(catalog):
    catalog.product("Chased tray")
    client = Client()
    response = post(client)
    assert response["X-Response-Cache"] == "miss"
    body = hit_costs_nothing(client)
    assert json.loads(body)["data"]["products"]["totalCount"] == 1


def test_the_key_holds_variables_and_language(catalog):
    catalog.product("Chased tray")
    client = Client()
    eur = post(client).json()
    tnd = post(client, variables={"channel": "tunisia"}).json()
    assert (
        eur["data"]["products"]["edges"][0]["node"]["pricing"]["priceRange"]["start"]["gross"][
            "currency"
        ]
        == "EUR"
    )
    assert (
        tnd["data"]["products"]["edges"][0]["node"]["pricing"]["priceRange"]["start"]["gross"][
            "currency"
        ]
        == "TND"
    )
    french = post(client, HTTP_ACCEPT_LANGUAGE="fr")
    assert french["X-Response-Cache"] == "miss"


def test_the_same_document_written_differently_is_one_entry(catalog):
    catalog.product("Chased tray")
    client = Client()
    post(client)
    respaced = post(client, query=LIST.replace(" ", "  ").replace("\n", "\n\n"))
    assert respaced["X-Response-Cache"] == "hit"


def _price(product: Any) -> str:
    node = product["data"]["products"]["edges"][0]["node"]
    return str(node["pricing"]["priceRange"]["start"]["gross"]["amount"])


def test_a_price_change_is_seen_at_once(catalog):
    product = catalog.product("Chased tray")
    client = Client()
    hit_costs_nothing(client)
    ProductVariantChannelListing.objects.filter(
        variant__product=product, channel__slug="international"
    ).update(price_amount=Decimal("42.00"))  # no signal: seen by the SQL watcher
    product_listing_refresh_prices(product_ids=[product.pk])
    assert _price(answer(client)) in {"42.0", "42.00", "42"}


def test_an_unpublished_listing_leaves_the_answer(catalog):
    product = catalog.product("Chased tray")
    client = Client()
    hit_costs_nothing(client)
    listing = ProductChannelListing.objects.get(product=product, channel__slug="international")
    listing.is_published = False
    listing.save()
    assert answer(client)["data"]["products"]["totalCount"] == 0


def test_stock_at_zero_is_seen(catalog):
    product = catalog.product("Chased tray", stock=5)
    client = Client()
    hit_costs_nothing(client)
    Stock.objects.filter(product_variant__product=product).update(quantity=0)
    node = answer(client)["data"]["products"]["edges"][0]["node"]
    assert node["variants"][0]["quantityAvailable"] == 0


def test_a_new_translation_is_seen(catalog):
    product = catalog.product("Chased tray")
    client = Client()
    hit_costs_nothing(client)
    ProductTranslation.objects.create(product=product, language_code="fr", name="Plateau ciselé")
    node = answer(client)["data"]["products"]["edges"][0]["node"]
    assert node["translation"]["name"] == "Plateau ciselé"


def test_a_new_photo_is_seen(catalog):
    product = catalog.product("Chased tray", media=0)
    client = Client()
    hit_costs_nothing(client)
    media = ProductMedia(product=product, alt="Side view", sort_order=0)
    media.image.save("side.png", ContentFile(png_bytes()), save=False)
    media.save()
    node = answer(client)["data"]["products"]["edges"][0]["node"]
    assert [m["alt"] for m in node["media"]] == ["Side view"]


def test_a_suspended_workshop_leaves_the_answer(catalog):
    catalog.product("Chased tray")
    client = Client()
    hit_costs_nothing(client)
    catalog.workshop.status = VendorStatus.SUSPENDED
    catalog.workshop.save()
    assert answer(client)["data"]["products"]["totalCount"] == 0


def test_the_version_is_bumped_at_once_and_again_on_commit(catalog):
    product = catalog.product("Chased tray")
    before = catalog_version.current()
    product.name = "Renamed"
    product.save()
    Stock.objects.filter(product_variant__product=product).update(quantity=1)
    during = catalog_version.current()
    assert during == before + 1  # bumped at once, and once for the two writes
    pending = [c for _, c, _ in connection.run_on_commit if c is catalog_version._bump_on_commit]
    assert len(pending) == 1  # the test's transaction never commits: run it by hand
    pending[0]()
    assert catalog_version.current() == during + 1


def test_a_logged_in_buyer_never_reads_or_fills_the_cache(catalog):
    from marketplace.accounts.models import User

    catalog.product("Chased tray")
    buyer = Client()
    buyer.force_login(User.objects.create_user("claire@example.com", "pw-claire-123"))
    anonymous = Client()
    assert post(anonymous)["X-Response-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = post(buyer)
    assert "X-Response-Cache" not in response
    assert len(queries) > 0  # answered afresh, not from the anonymous entry
    assert response.json() == post(anonymous).json()
    cache.clear()
    post(buyer)
    assert post(anonymous)["X-Response-Cache"] == "miss"  # the buyer's answer was not stored


def test_staff_never_read_or_fill_the_cache(catalog, staff_gql):
    catalog.product("Chased tray")
    client = Client()
    post(client)
    response = post(staff_gql.client)
    assert "X-Response-Cache" not in response
    # staff asked first: nothing stored for the anonymous visitor
    staff_only = LIST.replace("totalCount", "totalCount __typename")
    post(staff_gql.client, query=staff_only)
    assert post(client, query=staff_only)["X-Response-Cache"] == "miss"


def test_a_bearer_token_bypasses_the_cache(catalog):
    from marketplace.accounts.models import User
    from marketplace.accounts.tokens import access_token_issue

    catalog.product("Chased tray")
    user = User.objects.create_user("claire@example.com", "pw-claire-123")
    client = Client()
    post(client)
    token = access_token_issue(user)
    response = post(client, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert "X-Response-Cache" not in response


def test_mutations_and_private_documents_bypass(catalog):
    client = Client()
    mutation = """mutation { checkoutCreate(input: {channel: "international", lines: []}) {
      checkout { id } errors { code } } }"""
    for _ in range(2):
        assert "X-Response-Cache" not in post(client, query=mutation, variables={})
    me = "query { me { email } }"
    for _ in range(2):
        assert "X-Response-Cache" not in post(client, query=me, variables={})


def test_get_queries_carry_an_etag_and_answer_304(catalog):
    catalog.product("Chased tray")
    client = Client()
    params = {"query": LIST, "variables": json.dumps({"channel": "international"})}
    first = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    assert first.status_code == 200
    etag = first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(
            "/graphql/", params, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
        )
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert len(queries) == 0
    stale = client.get(
        "/graphql/", params, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH='"something-else"'
    )
    assert stale.status_code == 200 and stale.content == first.content


def test_the_setting_turns_it_off(catalog, settings):
    settings.RESPONSE_CACHE_ENABLED = False
    catalog.product("Chased tray")
    client = Client()
    post(client)
    assert "X-Response-Cache" not in post(client)


def test_an_etag_goes_stale_when_the_catalog_changes(catalog):
    product = catalog.product("Chased tray")
    client = Client()
    params = {"query": LIST, "variables": json.dumps({"channel": "international"})}
    first = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    product.name = "Engraved tray"
    product.save()
    again = client.get(
        "/graphql/", params, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Engraved tray" in again.content.decode()


def _line(product: Any) -> dict[str, Any]:
    from graphql_relay import to_global_id

    return {"variantId": to_global_id("ProductVariant", product.variants.get().pk), "quantity": 1}


def test_a_basket_that_holds_nothing_leaves_the_answer(catalog, gql):
    """Baskets, orders and payments are outside the version; stock held or sold is not."""
    from tests.commerce import CREATE

    product = catalog.product("Chased tray", stock=5)
    client = Client()
    hit_costs_nothing(client)
    before = catalog_version.current()
    created = gql.data(
        CREATE,
        {
            "input": {
                "channel": "international",
                "email": "c@example.com",
                "lines": [_line(product)],
            }
        },
    )
    assert created["checkoutCreate"]["errors"] == []
    assert catalog_version.current() == before  # no address yet: no stock held
    assert post(client)["X-Response-Cache"] == "hit"


def test_holding_and_selling_stock_is_seen(catalog, gql):
    from tests.commerce import checkout_ready, complete, pay, ship_with

    product = catalog.product("Chased tray", stock=1)
    ship_with(catalog.cluster, catalog.eur, name="Colissimo International", price="15.00")
    client = Client()
    hit_costs_nothing(client)
    checkout_id = checkout_ready(gql, [_line(product)])  # the address holds the last piece
    held = answer(client)["data"]["products"]["edges"][0]["node"]["variants"][0]
    assert held["quantityAvailable"] == 0
    hit_costs_nothing(client)
    assert pay(gql, checkout_id)["errors"] == []
    assert complete(gql, checkout_id)["errors"] == []
    assert post(client)["X-Response-Cache"] == "miss"  # the sale allocated the stock
    sold = answer(client)["data"]["products"]["edges"][0]["node"]["variants"][0]
    assert sold["quantityAvailable"] == 0


def test_order_and_payment_records_are_outside_the_version(catalog):
    from marketplace.orders.models import OrderEvent

    assert {
        "orders_orderevent",
        "payments_transaction",
        "checkout_checkoutline",
    } <= catalog_version.IGNORED_TABLES
    assert OrderEvent._meta.db_table in catalog_version.IGNORED_TABLES
    watched = {"inventory_stock", "inventory_reservation", "catalog_product", "accounts_address"}
    assert not watched & catalog_version.IGNORED_TABLES


def test_a_new_address_leaves_the_answer_but_a_warehouse_s_address_change_does_not(catalog):
    """A new address row is referred to by nothing public yet (a buyer's shipping or billing
    address); changing an address a warehouse already has is seen at once."""
    from marketplace.accounts.addresses import AddressData, address_store

    catalog.product("Chased tray", stock=5)
    client = Client()
    hit_costs_nothing(client)
    before = catalog_version.current()
    data = AddressData(
        first_name="Claire",
        last_name="Martin",
        company_name="",
        street_address_1="12 rue des Arts",
        street_address_2="",
        city="PARIS",
        city_area="",
        postal_code="75011",
        country="FR",
        country_area="",
        phone="",
    )
    stored = address_store(data)
    assert stored.pk is not None
    assert catalog_version.current() == before
    assert post(client)["X-Response-Cache"] == "hit"
    kept = catalog.warehouse.address
    kept.city = "Annaba"
    kept.save()
    assert catalog_version.current() > before
    assert post(client)["X-Response-Cache"] == "miss"
