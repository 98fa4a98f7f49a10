"""Warehouse.shippingZones in Saleor's shape, from the outside: the workshop reads, on its
own warehouse, the zones it ships by (its own, then its cluster's) with their methods, each
channel's lightest price, the heaviest bracket and the method's names in other languages.
The buyer never sees the warehouse at all."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from marketplace.shipping.models import ShippingMethodTranslation
from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.test_saleor_contract import our_schema, saleor_schema

pytestmark = pytest.mark.django_db

ZONES = """query($id: ID) { order(id: $id) { lines { allocations { warehouse {
  name shippingZones(first: 10) { totalCount edges { node { id name default
    priceRange { start { amount } } countries { code } channels { slug } warehouses { name }
    description metadata { key }
    shippingMethods { name type minimumDeliveryDays maximumDeliveryDays
      maximumOrderWeight { value unit } minimumOrderPrice { amount } postalCodeRules { id }
      excludedProducts(first: 5) { totalCount } taxClass { id }
      translation(languageCode: FR) { name language { code } }
      channelListings { channel { slug } price { amount currency }
        maximumOrderPrice { amount } } } } } } } } } } }"""


@pytest.fixture
def sold(catalog):
    shop = Shop(catalog)
    ShippingMethodTranslation.objects.create(
        method=shop.colissimo, language_code="fr", name="Colissimo (suivi)"
    )
    buyer = login("claire@example.com")
    souika = login("souika@example.com", vendor=catalog.workshop, role="owner")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    pay(buyer, checkout_id)
    order = complete(buyer, checkout_id)["order"]
    return buyer, souika, order["id"]


def test_the_document_is_valid_for_saleor_and_for_us():
    assert validate(saleor_schema(), parse(ZONES)) == []
    assert validate(our_schema(), parse(ZONES)) == []


def test_the_workshop_reads_the_zones_it_ships_by(sold):
    _, souika, order_id = sold
    (line,) = souika.data(ZONES, {"id": order_id})["order"]["lines"]
    (allocation,) = line["allocations"]
    warehouse = allocation["warehouse"]
    zones = warehouse["shippingZones"]
    names = [z["node"]["name"] for z in zones["edges"]]
    # Souika has no zone of its own: its cluster's serve it (Colissimo and Rapid Poste).
    assert zones["totalCount"] == len(names) == 2
    assert sorted(names) == ["Colissimo International zone", "Rapid Poste zone"]
    colissimo = next(
        z["node"] for z in zones["edges"] if z["node"]["name"] == "Colissimo International zone"
    )
    assert [c["code"] for c in colissimo["countries"]] == ["DE", "DZ", "FR", "TN"]
    assert colissimo["channels"] == [{"slug": "international"}]
    assert colissimo["warehouses"] == [{"name": warehouse["name"]}]
    assert (colissimo["default"], colissimo["priceRange"], colissimo["description"]) == (
        False,
        None,
        None,
    )
    assert colissimo["metadata"] == []
    (method,) = colissimo["shippingMethods"]
    assert method == {
        "name": "Colissimo International",
        "type": "WEIGHT",
        "minimumDeliveryDays": 3,
        "maximumDeliveryDays": 8,
        "maximumOrderWeight": None,  # its only bracket takes any weight
        "minimumOrderPrice": None,
        "postalCodeRules": [],
        "excludedProducts": {"totalCount": 0},
        "taxClass": None,
        "translation": {"name": "Colissimo (suivi)", "language": {"code": "FR"}},
        "channelListings": [
            {
                "channel": {"slug": "international"},
                "price": {"amount": 15.0, "currency": "EUR"},
                "maximumOrderPrice": None,
            }
        ],
    }


def test_the_buyer_never_reaches_a_warehouse(sold):
    buyer, _, order_id = sold
    assert buyer.data(ZONES, {"id": order_id}) == {"order": {"lines": [{"allocations": None}]}}
