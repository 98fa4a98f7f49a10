"""checkoutCustomerAttach/Detach and checkout metadata, from the outside."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.checkout.models import Checkout
from tests.commerce import CREATE, login

pytestmark = pytest.mark.django_db

ATTACH = """mutation($id: ID) { checkoutCustomerAttach(id: $id) { checkout { email user { email } }
  errors { field code message } } }"""
DETACH = """mutation($id: ID) { checkoutCustomerDetach(id: $id) { checkout { user { email } }
  errors { field code message } } }"""
META = """mutation($id: ID!, $input: [MetadataInput!]!) { updateMetadata(id: $id, input: $input) {
  item { ... on Checkout { metadata { key value } metafield(key: "gift") } } errors { field code message } } }"""


def new_checkout(gql, catalog):
    product = catalog.product("Tray")
    from tests.helpers import to_global_id

    variant = to_global_id("ProductVariant", product.variants.get().pk)
    created = gql.data(
        CREATE,
        {"input": {"channel": "international", "lines": [{"variantId": variant, "quantity": 1}]}},
    )
    return created["checkoutCreate"]["checkout"]["id"]


def test_a_buyer_attaches_and_detaches_their_checkout(catalog):
    claire = login("claire@example.com")
    checkout_id = new_checkout(GraphQLClient(Client()), catalog)
    attached = claire.data(ATTACH, {"id": checkout_id})["checkoutCustomerAttach"]
    assert attached == {
        "checkout": {"email": "claire@example.com", "user": {"email": "claire@example.com"}},
        "errors": [],
    }

    rival = login("rival@example.com")
    stolen = rival.data(ATTACH, {"id": checkout_id})["checkoutCustomerAttach"]
    assert stolen == {
        "checkout": None,
        "errors": [
            {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}
        ],
    }
    assert (
        rival.data(DETACH, {"id": checkout_id})["checkoutCustomerDetach"]["errors"][0]["code"]
        == "NOT_FOUND"
    )
    assert Checkout.objects.get().user.email == "claire@example.com"

    anonymous = GraphQLClient(Client()).data(ATTACH, {"id": checkout_id})["checkoutCustomerAttach"]
    # Claire's checkout is hers alone now: to anyone else it does not exist.
    assert anonymous["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}
    ]
    detached = claire.data(DETACH, {"id": checkout_id})["checkoutCustomerDetach"]
    assert detached == {"checkout": {"user": None}, "errors": []}


def test_checkout_metadata(gql, catalog):
    checkout_id = new_checkout(gql, catalog)
    result = gql.data(META, {"id": checkout_id, "input": [{"key": "gift", "value": "yes"}]})[
        "updateMetadata"
    ]
    assert result == {
        "item": {"metadata": [{"key": "gift", "value": "yes"}], "metafield": "yes"},
        "errors": [],
    }
    blank = gql.data(META, {"id": checkout_id, "input": [{"key": " ", "value": "x"}]})[
        "updateMetadata"
    ]
    assert blank["errors"] == [
        {"field": "input", "code": "REQUIRED", "message": "Metadata keys cannot be blank."}
    ]
    ghost = gql.data(
        META,
        {
            "id": "Q2hlY2tvdXQ6M2YxYzFiNGUtMTExMS00YTViLTljOWQtMTIzNDU2Nzg5YWJj",
            "input": [{"key": "a", "value": "b"}],
        },
    )
    assert ghost["updateMetadata"]["errors"][0]["code"] == "NOT_FOUND"
    assert Checkout.objects.get().metadata == {"gift": "yes"}
