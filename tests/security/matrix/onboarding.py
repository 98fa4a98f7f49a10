"""Entries for onboarding, cluster members and listing review (issue 11). A's cluster reviews
listings: the tray is approved, the draft ewer waits for review, the lantern was rejected."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from marketplace.vendors.models import ListingReview, ReviewStatus, Vendor

from .core import GATED, Entry, payload_ok, refused_with
from .vendors import CLUSTER_A, ERRORS, WORKSHOP_A, _entry
from .world import LOGGED_IN, World, gid, missing_gid

MISSING_PRODUCT = missing_gid("Product")
MISSING_VENDOR = missing_gid("Vendor")
APPLY = (
    'mutation($f: Upload!) { vendorApply(input: {name: "Atelier Matrix", town: "Constantine", '
    'region: "Constantine", country: "DZ", artisanCardNumber: "25-0042", documents: [$f]}) '
    f"{{ vendor {{ status }} {ERRORS} }} }}"
)


def listing_reviews(world: World) -> None:
    """Called by build_world: A's cluster moderates, with one listing in each review state."""
    cluster = world.catalog.cluster
    Vendor.objects.filter(pk=cluster.pk).update(moderates_listings=True)
    now = timezone.now()
    draft = world.ids["draft_product"]
    products = world.catalog.workshop.products.all()
    rejected = world.catalog.product("Lantern", published=False, media=0)
    for product in products:
        pending = gid("Product", product.pk) == draft
        ListingReview.objects.create(
            product=product,
            status=ReviewStatus.PENDING if pending else ReviewStatus.APPROVED,
            submitted_at=now,
            decided_at=None if pending else now,
        )
    ListingReview.objects.filter(product=rejected).update(
        status=ReviewStatus.REJECTED, reason="Blurred photos"
    )
    world.ids["review_pending_product"] = draft
    world.ids["review_rejected_product"] = gid("Product", rejected.pk)


def _refused_or_no_data(field: str) -> Any:
    refused = refused_with(field, "PERMISSION_DENIED")
    return lambda data: not data or refused(data)


ENTRIES = [
    Entry(
        "mutation.vendorApply",
        APPLY,
        lambda w: {},
        allowed=LOGGED_IN,
        ok=payload_ok("vendorApply", "vendor"),
        kind=GATED,
        uploads=("f",),
        denied=_refused_or_no_data("vendorApply"),
    ),
    _entry(
        "vendorUpdate",
        'mutation($id: ID!) { vendorUpdate(id: $id, input: {tagline: "Hammered by hand", '
        f'brandColors: {{primary: "#5d2a10"}}}}) {{ vendor {{ tagline }} {ERRORS} }} }}',
        lambda w: {"id": w.ids["workshop_a"]},
        WORKSHOP_A,
        "vendor",
        id=MISSING_VENDOR,
    ),
    _entry(
        "vendorUpdate",
        'mutation($id: ID!) { vendorUpdate(id: $id, input: {tagline: "Copper town"}) '
        f"{{ cluster {{ tagline }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["cluster_a"]},
        CLUSTER_A,
        "cluster",
        label="cluster",
        id=missing_gid("Cluster"),
    ),
    _entry(
        "clusterMemberApprove",
        f"mutation($id: ID!) {{ clusterMemberApprove(id: $id) {{ vendor {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["pending_workshop"]},
        CLUSTER_A,
        "vendor",
        id=MISSING_VENDOR,
    ),
    _entry(
        "clusterMemberSuspend",
        'mutation($id: ID!) { clusterMemberSuspend(id: $id, reason: "Late parcels") '
        f"{{ vendor {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["workshop_a"]},
        CLUSTER_A,
        "vendor",
        id=MISSING_VENDOR,
    ),
    _entry(
        "productSubmitForReview",
        f"mutation($id: ID!) {{ productSubmitForReview(id: $id) {{ review {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["review_rejected_product"]},
        WORKSHOP_A,
        "review",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productApprove",
        f"mutation($id: ID!) {{ productApprove(id: $id) {{ review {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["review_pending_product"]},
        CLUSTER_A,
        "review",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productReject",
        'mutation($id: ID!) { productReject(id: $id, reason: "Blurred photos") '
        f"{{ review {{ status }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["review_pending_product"]},
        CLUSTER_A,
        "review",
        id=MISSING_PRODUCT,
    ),
]
