"""Saleor 3.23 concepts the marketplace does not have answer their empty value, in Saleor's
shape, so that a client asking for them validates against both schemas and gets data:
customer types (``User.customerType`` null), granted refunds (``Order.grantedRefunds`` empty:
refunds are made at once) and shop-wide metadata (``Shop.metadata`` empty)."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.test_saleor_contract import our_schema, saleor_schema

pytestmark = pytest.mark.django_db

USER = """query { me { email customerType { id name slug isDefault metadata { key }
  attributes { slug } availableAttributes(first: 5, where: {withChoices: true,
    inputType: {oneOf: [DROPDOWN]}, AND: [{slug: {eq: "material"}}]}) { totalCount } } } }"""
ORDER = """query($id: ID) { order(id: $id) { number grantedRefunds { id createdAt updatedAt
  amount { amount currency } reason shippingCostsIncluded status user { email }
  lines { id quantity orderLine { productName } reason }
  transactionEvents { type } transaction { id } } } }"""
SHOP = """query { shop { name metadata { key value } privateMetadata { key }
  metafield(key: "theme") metafields(keys: ["theme"]) } }"""


@pytest.mark.parametrize("document", [USER, ORDER, SHOP])
def test_the_documents_are_valid_for_saleor_and_for_us(document):
    assert validate(saleor_schema(), parse(document)) == []
    assert validate(our_schema(), parse(document)) == []


def test_a_buyer_has_no_customer_type(catalog):
    me = login("claire@example.com").data(USER)["me"]
    assert me == {"email": "claire@example.com", "customerType": None}


def test_an_order_refunded_at_once_has_no_granted_refunds(catalog):
    shop = Shop(catalog)
    buyer = login("claire@example.com")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    pay(buyer, checkout_id)
    order = complete(buyer, checkout_id)["order"]
    seen = buyer.data(ORDER, {"id": order["id"]})["order"]
    assert seen == {"number": order["number"], "grantedRefunds": []}


def test_the_shop_has_no_metadata(gql):
    shop = gql.data(SHOP)["shop"]
    assert (shop["metadata"], shop["privateMetadata"]) == ([], [])
    assert (shop["metafield"], shop["metafields"]) == (None, {})
