"""Pooled raw-material purchases: members commit quantities by a deadline; the supplier's tier
the total reaches sets the unit price; the cost is split exactly.

Rounding rule (so the split sums exactly to the order's cost): each member's exact cost is
quantity x unit price; it is rounded down to the currency's smallest unit, and the units left
over go one each to the members with the largest remainders (ties: the larger commitment, then
the earlier one). The order's cost is itself quantity x price rounded half-up once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import currency_precision, quantize
from marketplace.vendors.models import Vendor, VendorKind
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from ..models import PoolCommitment, PooledPurchase, PoolStatus, SupplierTier
from .amounts import columns_checked, currency_checked, money_in


@transaction.atomic
def pool_open(
    *,
    actor: Any,
    cluster_id: int,
    material: str,
    supplier: str,
    currency: str,
    deadline: datetime,
    tiers: Sequence[tuple[Decimal, Decimal]],
    unit: str = "kg",
) -> PooledPurchase:
    """``tiers``: (from quantity, unit price), e.g. [(0, 9.80), (500, 8.90), (1000, 8.10)]."""
    if (
        not manages_cluster(actor, cluster_id)
        or not Vendor.objects.filter(pk=cluster_id, kind=VendorKind.CLUSTER).exists()
    ):
        raise NotFound("No such cluster.", field="cluster")
    if not material.strip() or not supplier.strip():
        raise DomainError("Name the material and the supplier.", field="material")
    if deadline <= timezone.now():
        raise DomainError("The deadline must be in the future.", field="deadline")
    if not tiers:
        raise DomainError("Give the supplier's price tiers.", field="tiers", code="REQUIRED")
    currency = currency_checked(currency)
    columns_checked(
        PooledPurchase,
        {"material": material.strip(), "supplier": supplier.strip(), "unit": unit},
    )
    for q, _p in tiers:
        columns_checked(SupplierTier, {"min_quantity": Decimal(q)}, min_quantity="tiers")
    purchase = PooledPurchase.objects.create(
        cluster_id=cluster_id,
        material=material.strip(),
        supplier=supplier.strip(),
        currency=currency,
        deadline=deadline,
        unit=unit,
    )
    SupplierTier.objects.bulk_create(
        SupplierTier(
            purchase=purchase,
            min_quantity=Decimal(q),
            unit_price=money_in(p, currency, field="tiers"),
        )
        for q, p in tiers
    )
    return purchase


@transaction.atomic
def pool_commit(
    *, actor: Any, purchase_id: int, workshop_id: int, quantity: Decimal
) -> PoolCommitment:
    purchase = PooledPurchase.objects.select_for_update().filter(pk=purchase_id).first()
    workshop = Vendor.objects.filter(pk=workshop_id, kind=VendorKind.WORKSHOP).first()
    if (
        purchase is None
        or workshop is None
        or workshop.cluster_id != purchase.cluster_id
        or not manages_workshop(actor, workshop)
    ):
        raise NotFound("No such pooled purchase.", field="id")
    if purchase.status != PoolStatus.OPEN or purchase.deadline <= timezone.now():
        raise DomainError("Commitments are closed.", field="id", code="POOL_CLOSED")
    if quantity <= 0:
        raise DomainError("Commit a positive quantity.", field="quantity")
    columns_checked(PoolCommitment, {"quantity": quantity})
    commitment, _ = PoolCommitment.objects.update_or_create(
        purchase=purchase, workshop=workshop, defaults={"quantity": quantity}
    )
    return commitment


def split_exactly(*, total: Decimal, weights: Sequence[Decimal], currency: str) -> list[Decimal]:
    """Shares of ``total`` in proportion to ``weights`` that sum to ``total`` exactly (the
    rule in the module's docstring)."""
    unit = Decimal(1).scaleb(-currency_precision(currency))
    weight_sum = sum(weights, Decimal(0))
    exact = [total * w / weight_sum for w in weights]
    floors = [e.quantize(unit, rounding=ROUND_DOWN) for e in exact]
    left = int((total - sum(floors, Decimal(0))) / unit)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), -weights[i], i))
    for i in order[:left]:
        floors[i] += unit
    return floors


@transaction.atomic
def pool_close(*, actor: Any, purchase_id: int, now: datetime | None = None) -> PooledPurchase:
    """After the deadline: order at the tier reached and record each member's cost."""
    purchase = PooledPurchase.objects.select_for_update().filter(pk=purchase_id).first()
    if purchase is None or not manages_cluster(actor, purchase.cluster_id):
        raise NotFound("No such pooled purchase.", field="id")
    if purchase.status != PoolStatus.OPEN:
        raise DomainError("This purchase is already closed.", field="id", code="POOL_CLOSED")
    if (now or timezone.now()) < purchase.deadline:
        raise DomainError("Wait for the deadline.", field="id", code="POOL_OPEN")
    commitments = list(purchase.commitments.order_by("pk"))
    total_qty = sum((c.quantity for c in commitments), Decimal(0))
    reached = [t for t in purchase.tiers.all() if total_qty >= t.min_quantity and total_qty > 0]
    if not reached:
        purchase.status = PoolStatus.CANCELLED
        purchase.save(update_fields=["status"])
        return purchase
    tier = reached[-1]
    total = quantize(total_qty * tier.unit_price, purchase.currency)
    costs = split_exactly(
        total=total, weights=[c.quantity for c in commitments], currency=purchase.currency
    )
    for commitment, cost in zip(commitments, costs, strict=True):
        commitment.cost = cost
    PoolCommitment.objects.bulk_update(commitments, ["cost"])
    purchase.unit_price = tier.unit_price
    purchase.total_cost = total
    purchase.status = PoolStatus.ORDERED
    purchase.save(update_fields=["unit_price", "total_cost", "status"])
    return purchase
