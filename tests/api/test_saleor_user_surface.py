"""Saleor 3.23's User.checkouts, externalReference and stored payment methods: the buyer's
own baskets as a connection, the reference kept in metadata, and empty card lists (cards are
not stored here)."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from tests.commerce import login
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

QUERY = """query { me { externalReference
  checkouts(first: 5) { totalCount edges { node { id channel { slug } } } }
  tunisia: checkouts(first: 5, channel: "tunisia") { totalCount }
  storedPaymentMethods(channel: "international") { id }
  storedPaymentSources { gateway } } }"""


def test_a_buyer_sees_their_baskets_and_no_stored_cards(catalog):
    client = login("claire@example.com")
    tray = catalog.product("Tray")
    variant = to_global_id("ProductVariant", tray.variants.get().pk)
    created = client.data(
        'mutation($v: ID!) { checkoutCreate(input: {channel: "international", '
        "lines: [{variantId: $v, quantity: 1}]}) { checkout { id } errors { code } } }",
        {"v": variant},
    )["checkoutCreate"]
    User.objects.filter(email="claire@example.com").update(metadata={"external_reference": "CRM-7"})

    me = client.data(QUERY)["me"]

    assert me["externalReference"] == "CRM-7"
    assert me["checkouts"] == {
        "totalCount": 1,
        "edges": [
            {"node": {"id": created["checkout"]["id"], "channel": {"slug": "international"}}}
        ],
    }
    assert me["tunisia"] == {"totalCount": 0}
    assert me["storedPaymentMethods"] == [] and me["storedPaymentSources"] == []
    checkout = client.data(
        "query($id: ID) { checkout(id: $id) { storedPaymentMethods(amount: 10) { id } } }",
        {"id": created["checkout"]["id"]},
    )["checkout"]
    assert checkout == {"storedPaymentMethods": []}
