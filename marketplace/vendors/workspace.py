"""Reads for the workspace: an applicant's checklist, a cluster's members with their
listings, orders and late parcels, and the moderation queue. Each list costs a fixed number
of queries, whatever its length (counts are subqueries, not one query per row)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.orders.models import OrderStatus, VendorOrder
from marketplace.payouts.models import PayoutAccount
from marketplace.shipping.models import ShippingMethod

from .models import ListingReview, ReviewStatus, Vendor, VendorKind, VendorStatus

OPEN_PARCEL = [OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED]


def late_after() -> timedelta:
    """A parcel not shipped this long after the order is late (``PARCEL_LATE_AFTER_DAYS``)."""
    return timedelta(days=int(getattr(settings, "PARCEL_LATE_AFTER_DAYS", 5)))


def late_parcels_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN_PARCEL}) & Q(
        **{f"{prefix}order__created_at__lt": timezone.now() - late_after()}
    )


@dataclass(frozen=True)
class Step:
    key: str  # approval | payout | shipping | listing
    done: bool


def onboarding_checklist(*, vendor: Vendor) -> list[Step]:
    """What is left before the first sale, in the order an artisan does it."""
    has_payout = (
        PayoutAccount.objects.filter(vendor=vendor)
        .filter(~Q(stripe_account_id="") | ~Q(bank_iban=""))
        .exists()
    )
    owners = [vendor.pk] + ([vendor.cluster_id] if vendor.cluster_id else [])
    has_shipping = ShippingMethod.objects.filter(
        zone__vendor_id__in=owners, is_active=True
    ).exists()
    has_listing = Product.objects.filter(
        vendor=vendor, channel_listings__is_published=True
    ).exists()
    return [
        Step("approval", vendor.status == VendorStatus.APPROVED),
        Step("payout", has_payout),
        Step("shipping", has_shipping),
        Step("listing", has_listing),
    ]


def _count(queryset: QuerySet[Any]) -> Any:
    return Coalesce(
        Subquery(
            queryset.order_by().values("vendor_id").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def cluster_members(*, cluster: Vendor) -> QuerySet[Vendor]:
    """The cluster's workshops, pending first, each with ``listings``, ``parcels``,
    ``open_parcels``, ``late_parcels`` and ``to_review`` counted (one query for the list)."""
    member = OuterRef("pk")
    return (
        Vendor.objects.filter(cluster=cluster, kind=VendorKind.WORKSHOP)
        .annotate(
            listings=_count(Product.objects.filter(vendor_id=member)),
            parcels=_count(VendorOrder.objects.filter(vendor_id=member)),
            open_parcels=_count(
                VendorOrder.objects.filter(vendor_id=member, status__in=OPEN_PARCEL)
            ),
            late_parcels=_count(VendorOrder.objects.filter(late_parcels_q(), vendor_id=member)),
            to_review=_count(
                Product.objects.filter(
                    vendor_id=member, listing_review__status=ReviewStatus.PENDING
                )
            ),
        )
        .order_by(
            # pending applications first, then the approved, then the suspended, by name
            Case(
                When(status=VendorStatus.PENDING, then=Value(0)),
                When(status=VendorStatus.APPROVED, then=Value(1)),
                default=Value(2),
            ),
            "name",
            "pk",
        )
    )


def member_listings(*, vendor: Vendor) -> QuerySet[Product]:
    return (
        Product.objects.filter(vendor=vendor)
        .select_related("listing_review")
        .prefetch_related("media")
        .order_by("-updated_at", "-pk")
    )


def member_parcels(*, vendor: Vendor, late_only: bool = False) -> QuerySet[VendorOrder]:
    parcels = VendorOrder.objects.filter(vendor=vendor).select_related(
        "order", "order__shipping_address"
    )
    if late_only:
        parcels = parcels.filter(late_parcels_q())
    return parcels.order_by("-order__created_at", "-pk")


def own_listings_under_review(*, vendor: Vendor) -> list[Product]:
    """A workshop's listings not yet approved by its cluster (when the cluster reviews), each
    with ``listing_review`` loaded (None when never submitted); empty otherwise."""
    if vendor.cluster is None or not vendor.cluster.moderates_listings:
        return []
    return list(
        Product.objects.filter(vendor=vendor)
        .exclude(listing_review__status=ReviewStatus.APPROVED)
        .select_related("listing_review")
        .order_by("-updated_at", "-pk")[:50]
    )


def moderation_queue(*, cluster: Vendor) -> QuerySet[ListingReview]:
    """Listings waiting for the cluster's review, oldest first."""
    return (
        ListingReview.objects.filter(status=ReviewStatus.PENDING, product__vendor__cluster=cluster)
        .select_related("product", "product__vendor", "product__category")
        .prefetch_related("product__media")
        .order_by("submitted_at", "pk")
    )


def recent_decisions(*, cluster: Vendor, limit: int = 10) -> QuerySet[ListingReview]:
    return (
        ListingReview.objects.filter(product__vendor__cluster=cluster)
        .exclude(status=ReviewStatus.PENDING)
        .select_related("product", "product__vendor", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )
