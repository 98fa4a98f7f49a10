"""Saleor's AddressInput.metadata: kept on the address, answered by its metadata fields (which
used to fail on an address); an update adds keys and keeps the others; a blank key is refused
and nothing is stored."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Address
from tests.commerce import ADDRESS, login

pytestmark = pytest.mark.django_db

CREATE = """mutation($a: AddressInput!) { accountAddressCreate(input: $a) {
  address { id metadata { key value } metafield(key: "door") privateMetafield(key: "x")
    metafields(keys: ["door"]) } errors { field code message } } }"""
UPDATE = """mutation($id: ID!, $a: AddressInput!) { accountAddressUpdate(id: $id, input: $a) {
  address { metadata { key value } } errors { field code } } }"""


def test_an_address_keeps_its_metadata(catalog):
    client = login("claire@example.com")
    made = client.data(CREATE, {"a": {**ADDRESS, "metadata": [{"key": "door", "value": "B2"}]}})
    payload = made["accountAddressCreate"]
    assert payload["errors"] == []
    assert payload["address"]["metadata"] == [{"key": "door", "value": "B2"}]
    assert payload["address"]["metafield"] == "B2"
    assert payload["address"]["privateMetafield"] is None
    assert payload["address"]["metafields"] == {"door": "B2"}

    updated = client.data(
        UPDATE,
        {
            "id": payload["address"]["id"],
            "a": {**ADDRESS, "metadata": [{"key": "floor", "value": "3"}]},
        },
    )["accountAddressUpdate"]
    assert updated["errors"] == []
    assert sorted(i["key"] for i in updated["address"]["metadata"]) == ["door", "floor"]


def test_a_blank_metadata_key_is_refused(catalog):
    client = login("claire@example.com")
    before = Address.objects.count()
    refused = client.data(CREATE, {"a": {**ADDRESS, "metadata": [{"key": " ", "value": "x"}]}})
    assert refused["accountAddressCreate"]["address"] is None
    assert refused["accountAddressCreate"]["errors"][0]["field"] == "metadata"
    assert Address.objects.count() == before
