"""Saleor 3.23's ObjectWithMetadata on shipping methods, warehouses and order lines, the
shipping method's weight limit and type, and the CountryCode values EU and XK."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.shipping.models import ShippingRate
from tests.commerce import ADDRESS, Shop, checkout_ready

pytestmark = pytest.mark.django_db

METHODS = """query($id: ID) { checkout(id: $id) { shippingMethods {
  name type metadata { key value } metafield(key: "tracking") privateMetadata { key }
  maximumOrderWeight { unit value } minimumOrderWeight { value }
  maximumOrderPrice { amount } minimumOrderPrice { amount } translation(languageCode: FR) { name }
} } }"""


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def test_a_checkouts_shipping_methods_answer_metadata_type_and_weight_limit(gql, shop):
    shop.colissimo.metadata = {"tracking": "yes"}
    shop.colissimo.private_metadata = {"contract": "C-77"}
    shop.colissimo.save()
    listing = shop.colissimo.channel_listings.get()
    listing.rates.update(max_weight_kg=Decimal("2.000"))
    ShippingRate.objects.create(listing=listing, max_weight_kg=Decimal("30.000"), price=40)
    checkout_id = checkout_ready(gql, [{"variantId": Shop.variant_id(shop.tray), "quantity": 1}])

    methods = gql.data(METHODS, {"id": checkout_id})["checkout"]["shippingMethods"]

    colissimo = next(m for m in methods if m["name"] == "Colissimo International")
    assert colissimo["type"] == "WEIGHT"
    assert colissimo["metadata"] == [{"key": "tracking", "value": "yes"}]
    assert colissimo["metafield"] == "yes"
    assert colissimo["privateMetadata"] == []  # staff only
    assert colissimo["maximumOrderWeight"] == {"unit": "KG", "value": 30.0}
    for unlimited in ("minimumOrderWeight", "maximumOrderPrice", "minimumOrderPrice"):
        assert colissimo[unlimited] is None, unlimited
    assert colissimo["translation"] is None


def test_an_open_ended_rate_table_has_no_weight_limit(gql, shop):
    checkout_id = checkout_ready(gql, [{"variantId": Shop.variant_id(shop.tray), "quantity": 1}])
    methods = gql.data(METHODS, {"id": checkout_id})["checkout"]["shippingMethods"]
    assert {m["maximumOrderWeight"] for m in methods if m["name"]} == {None}


ADDRESS_CREATE = """mutation($a: AddressInput!) { accountAddressCreate(input: $a) {
  address { country { code country } } errors { field code message } } }"""


def test_kosovo_is_a_country_and_the_eu_is_refused_as_one(catalog):
    from tests.commerce import login

    client = login("claire@example.com")
    kosovo = {**ADDRESS, "country": "XK", "city": "Pristina", "postalCode": "10000"}
    made = client.data(ADDRESS_CREATE, {"a": kosovo})["accountAddressCreate"]
    assert made["errors"] == []
    assert made["address"]["country"] == {"code": "XK", "country": "Kosovo"}

    refused = client.data(ADDRESS_CREATE, {"a": {**ADDRESS, "country": "EU"}})
    assert refused["accountAddressCreate"]["address"] is None
    assert [(e["field"], e["code"]) for e in refused["accountAddressCreate"]["errors"]] == [
        ("country", "INVALID")
    ]
