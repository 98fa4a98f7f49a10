"""A pooled raw-material purchase through the API: the manager opens it, five members commit,
the tier is reached, the cost splits exactly; the wrong actors change nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from marketplace.wholesale.models import PoolCommitment

from .api import Actor, gid
from .world import build

pytestmark = pytest.mark.django_db

ERR = "errors { field code message }"
POOL = "id status unitPrice { amount } totalCost { amount } committedQuantity commitments { workshopName quantity cost { amount } }"
OPEN = f"""mutation($c: ID!, $input: PooledPurchaseOpenInput!) {{
  pooledPurchaseOpen(cluster: $c, input: $input) {{ pooledPurchase {{ {POOL} }} {ERR} }} }}"""
COMMIT = f"""mutation($id: ID!, $w: ID!, $q: PositiveDecimal!) {{
  pooledPurchaseCommit(id: $id, workshop: $w, quantity: $q) {{ pooledPurchase {{ {POOL} }} {ERR} }} }}"""
CLOSE = (
    f"mutation($id: ID!) {{ pooledPurchaseClose(id: $id) {{ pooledPurchase {{ {POOL} }} {ERR} }} }}"
)


def test_five_members_pool_copper_through_the_api():
    w = build(workshops=5)
    manager = Actor(w.manager)
    deadline = timezone.now() + timedelta(days=3)
    tiers = [
        {"minQuantity": "0", "unitPrice": "41.900"},
        {"minQuantity": "500", "unitPrice": "38.333"},
        {"minQuantity": "1000", "unitPrice": "36.777"},
    ]
    opened = Actor(w.owners[0]).run(
        "pooledPurchaseOpen",
        OPEN,
        c=gid("Cluster", w.cluster.pk),
        input={
            "material": "Copper",
            "supplier": "Est",
            "currency": "TND",
            "deadline": deadline.isoformat(),
            "tiers": tiers,
        },
    )
    assert opened["errors"][0]["code"] == "NOT_FOUND"  # a member does not open for the cluster
    purchase = manager.ok(
        "pooledPurchaseOpen",
        OPEN,
        c=gid("Cluster", w.cluster.pk),
        input={
            "material": "Copper sheet 1 mm",
            "supplier": "Cuivre de l'Est",
            "currency": "TND",
            "deadline": deadline.isoformat(),
            "tiers": tiers,
        },
    )["pooledPurchase"]
    pid = purchase["id"]
    quantities = ["123.4", "201.7", "88.8", "150", "77.7"]
    for shop, owner, qty in zip(w.workshops, w.owners, quantities, strict=True):
        Actor(owner).ok("pooledPurchaseCommit", COMMIT, id=pid, w=gid("Vendor", shop.pk), q=qty)
    wrong = Actor(w.owners[0]).run(
        "pooledPurchaseCommit", COMMIT, id=pid, w=gid("Vendor", w.workshops[1].pk), q="999"
    )
    assert wrong["errors"][0]["code"] == "NOT_FOUND"
    assert PoolCommitment.objects.get(workshop=w.workshops[1]).quantity == Decimal("201.7")
    early = manager.run("pooledPurchaseClose", CLOSE, id=pid)
    assert early["errors"][0]["code"] == "POOL_OPEN"
    with mock.patch.object(timezone, "now", return_value=deadline + timedelta(minutes=1)):
        assert (
            Actor(w.owners[0]).run("pooledPurchaseClose", CLOSE, id=pid)["errors"][0]["code"]
            == "NOT_FOUND"
        )
        closed = manager.ok("pooledPurchaseClose", CLOSE, id=pid)["pooledPurchase"]
    assert closed["status"] == "ORDERED"
    assert closed["unitPrice"]["amount"] == 38.333  # 641.6 reaches the 500 tier, not 1000
    costs = [Decimal(str(c["cost"]["amount"])) for c in closed["commitments"]]
    assert sum(costs) == Decimal(str(closed["totalCost"]["amount"])) == Decimal("24594.453")
    # the members see only their own line; the manager sees all five
    member_view = Actor(w.owners[2]).run(
        "pooledPurchase", f"query($id: ID!) {{ pooledPurchase(id: $id) {{ {POOL} }} }}", id=pid
    )
    assert [c["workshopName"] for c in member_view["commitments"]] == [w.workshops[2].name]
    assert (
        Actor(w.other_buyer).run(
            "pooledPurchase", "query($id: ID!) { pooledPurchase(id: $id) { id } }", id=pid
        )
        is None
    )
