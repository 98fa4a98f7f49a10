"""Input a column or a currency cannot hold is an error naming the field, never an internal
error, and nothing is written."""

from __future__ import annotations

import pytest

from marketplace.wholesale.models import BusinessAccount, PooledPurchase

from .api import Actor, gid
from .world import build

pytestmark = pytest.mark.django_db

APPLY = """mutation($company: String!, $email: String!) { businessApply(input: {companyName: $company,
  address: "Lyon", country: "FR", contactName: "Ali", contactEmail: $email}) {
  businessAccount { id } errors { field code message } } }"""
OPEN = """mutation($c: ID!, $input: PooledPurchaseOpenInput!) { pooledPurchaseOpen(cluster: $c, input: $input) {
  pooledPurchase { id } errors { field code message } } }"""


def test_too_long_or_malformed_values_name_their_field():
    w = build()
    other = Actor(w.other_buyer)
    long = other.run("businessApply", APPLY, company="x" * 300, email="a@example.com")
    assert (long["errors"][0]["field"], long["errors"][0]["code"]) == ("companyName", "INVALID")
    bad = other.run("businessApply", APPLY, company="Bazar", email="not an e-mail")
    assert bad["errors"][0]["field"] == "contactEmail"
    assert not BusinessAccount.objects.filter(user=w.other_buyer).exists()
    manager = Actor(w.manager)
    base = {
        "material": "Copper",
        "supplier": "Est",
        "currency": "EUR",
        "deadline": "2099-01-01T00:00:00+00:00",
        "tiers": [{"minQuantity": "0", "unitPrice": "9.80"}],
    }
    cases = {
        "currency": {**base, "currency": "EURO"},
        "material": {**base, "material": "m" * 500},
        "tiers": {**base, "tiers": [{"minQuantity": "0", "unitPrice": "1e30"}]},
    }
    for field, data in cases.items():
        out = manager.run("pooledPurchaseOpen", OPEN, c=gid("Cluster", w.cluster.pk), input=data)
        assert out["pooledPurchase"] is None and out["errors"][0]["field"] == field, out
    assert not PooledPurchase.objects.exists()
