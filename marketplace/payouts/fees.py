"""A cluster's fee rate: what it charges its member workshops on each sale.

Read by ``orders.money.fee_rates`` when an order is placed and copied onto each parcel, so a
change applies to orders placed afterwards, never to parcels already sold. Only the cluster's
managers and marketplace staff may change it; every change is recorded."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.vendors.models import Vendor, VendorKind
from marketplace.vendors.permissions import manages_cluster

from .ledger import Split, split
from .models import ClusterFeeRateChange, PayoutAccount

# A cluster covers shared costs (the branded box, the stand at the fair); beyond a fifth of
# each sale, on top of the marketplace's commission, a member would keep too little.
CLUSTER_FEE_RATE_MIN = Decimal("0")
CLUSTER_FEE_RATE_MAX = Decimal("0.2000")
EXAMPLE_SALE = Decimal("100.00")
EXAMPLE_CURRENCY = "EUR"


@dataclass(frozen=True)
class ClusterFee:
    rate: Decimal  # the rate in force (0.0300 is 3 %)
    is_default: bool  # the cluster has not chosen one: the marketplace's default applies
    commission_rate: Decimal  # the marketplace's default commission, for the example
    example: Split  # a 100.00 EUR sale, divided


def _access_cluster(*, actor: Any, cluster_id: int) -> Vendor:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("You need to log in.")
    cluster = Vendor.objects.filter(pk=cluster_id, kind=VendorKind.CLUSTER).first()
    if cluster is None or not manages_cluster(actor, cluster.pk):
        raise NotFound("No cluster with this id.", field="cluster")
    return cluster


def fee_example(*, rate: Decimal, amount: Decimal = EXAMPLE_SALE) -> Split:
    """What a member keeps of ``amount`` at this fee and the default commission."""
    return split(
        amount,
        currency=EXAMPLE_CURRENCY,
        commission_rate=Decimal(settings.MARKETPLACE_COMMISSION_RATE),
        cluster_fee_rate=rate,
    )


def cluster_fee(*, cluster: Vendor) -> ClusterFee:
    account = PayoutAccount.objects.filter(vendor=cluster).first()
    chosen = account.cluster_fee_rate if account else None
    rate = Decimal(settings.CLUSTER_FEE_RATE) if chosen is None else chosen
    return ClusterFee(
        rate=rate,
        is_default=chosen is None,
        commission_rate=Decimal(settings.MARKETPLACE_COMMISSION_RATE),
        example=fee_example(rate=rate),
    )


def fee_rate_history(*, cluster: Vendor, limit: int = 50) -> list[ClusterFeeRateChange]:
    return list(
        ClusterFeeRateChange.objects.filter(cluster=cluster).select_related("changed_by")[:limit]
    )


def rate_validate(rate: Decimal) -> Decimal:
    """A fraction between the bounds with at most four decimals (3.25 % is 0.0325)."""
    if not isinstance(rate, Decimal) or not rate.is_finite():
        raise DomainError("Give the fee as a number.", field="rate")
    if not CLUSTER_FEE_RATE_MIN <= rate <= CLUSTER_FEE_RATE_MAX:
        raise DomainError(
            f"The fee must be between {CLUSTER_FEE_RATE_MIN * 100:.0f} % "
            f"and {CLUSTER_FEE_RATE_MAX * 100:.0f} %.",
            field="rate",
            code="OUT_OF_RANGE",
        )
    if rate != rate.quantize(Decimal("0.0001")):
        raise DomainError("The fee has at most two decimals in percent.", field="rate")
    return rate.quantize(Decimal("0.0001"))


@transaction.atomic
def cluster_fee_rate_set(
    *, actor: Any, cluster_id: int, rate: Decimal, note: str = ""
) -> ClusterFeeRateChange | None:
    """Set the cluster's fee; returns the recorded change, or None when it was already so.
    The payout account is locked, so two managers saving at once are recorded in turn."""
    cluster = _access_cluster(actor=actor, cluster_id=cluster_id)
    rate = rate_validate(rate)
    note = note.strip()
    if len(note) > ClusterFeeRateChange._meta.get_field("note").max_length:  # type: ignore[operator]
        raise DomainError("The note is too long (255 characters at most).", field="note")
    PayoutAccount.objects.get_or_create(vendor=cluster)
    account = PayoutAccount.objects.select_for_update().get(vendor=cluster)
    previous = account.cluster_fee_rate
    if previous == rate:
        return None
    account.cluster_fee_rate = rate
    account.save(update_fields=["cluster_fee_rate"])
    return ClusterFeeRateChange.objects.create(
        cluster=cluster, previous_rate=previous, new_rate=rate, changed_by=actor, note=note
    )
