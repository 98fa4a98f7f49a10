"""A pooled raw-material purchase: five members commit, a tier is reached, the cost splits
exactly (largest-remainder rounding, see services/pooling.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.wholesale.models import PoolStatus
from marketplace.wholesale.services.pooling import pool_close, pool_commit, pool_open, split_exactly

from .world import build

pytestmark = pytest.mark.django_db


def test_five_members_reach_a_tier_and_the_cost_splits_exactly():
    w = build(workshops=5)
    deadline = timezone.now() + timedelta(days=3)
    purchase = pool_open(
        actor=w.manager,
        cluster_id=w.cluster.pk,
        material="Copper sheet 1 mm",
        supplier="Cuivre de l'Est",
        currency="TND",
        deadline=deadline,
        tiers=[
            (Decimal(0), Decimal("41.900")),
            (Decimal(500), Decimal("38.333")),
            (Decimal(1000), Decimal("36.777")),
        ],
    )
    quantities = [
        Decimal("123.4"),
        Decimal("201.7"),
        Decimal("88.8"),
        Decimal("150"),
        Decimal("77.7"),
    ]
    for shop, owner, qty in zip(w.workshops, w.owners, quantities, strict=True):
        pool_commit(actor=owner, purchase_id=purchase.pk, workshop_id=shop.pk, quantity=qty)
    with pytest.raises(NotFound):  # another member cannot commit for a workshop it does not run
        pool_commit(
            actor=w.owners[0],
            purchase_id=purchase.pk,
            workshop_id=w.workshops[1].pk,
            quantity=Decimal(1),
        )
    with pytest.raises(DomainError):
        pool_close(actor=w.manager, purchase_id=purchase.pk)  # before the deadline
    closed = pool_close(
        actor=w.manager, purchase_id=purchase.pk, now=deadline + timedelta(seconds=1)
    )
    assert closed.status == PoolStatus.ORDERED
    assert closed.unit_price == Decimal("38.333")  # 641.6 kg: the 500 kg tier
    assert closed.total_cost == Decimal("24594.453")  # 641.6 x 38.333, to the millime
    costs = [c.cost for c in closed.commitments.order_by("pk")]
    assert sum(costs) == closed.total_cost
    for qty, cost in zip(quantities, costs, strict=True):
        assert abs(cost - qty * Decimal("38.333")) < Decimal("0.001")


def test_split_exactly_gives_leftover_units_to_the_largest_remainders():
    assert split_exactly(total=Decimal("100.00"), weights=[Decimal(1)] * 3, currency="EUR") == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert sum(
        split_exactly(
            total=Decimal("10.001"), weights=[Decimal(7), Decimal(3), Decimal(1)], currency="TND"
        )
    ) == Decimal("10.001")
