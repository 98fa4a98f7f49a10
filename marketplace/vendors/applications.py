"""Independent workshops, reviewed by marketplace staff.

A workshop that applies without a cluster has no manager to approve it: staff do, from
the workspace (``storefront/workspace/vendors/staff.py``). These reads list them by status
with what a reviewer decides on: who applied, the documents, and the checklist before the
first sale (the same steps as ``workspace.onboarding_checklist``, computed for the whole list
in one query). The decisions are the services of ``members.py``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from marketplace.catalog.models import Product
from marketplace.core.errors import NotFound
from marketplace.payouts.models import PayoutAccount
from marketplace.shipping.models import ShippingMethod

from .models import Vendor, VendorDocument, VendorKind, VendorMembership, VendorRole, VendorStatus
from .workspace import Step

PAGE_SIZE = 100


def require_staff(actor: Any) -> None:
    """Only marketplace staff review independent workshops; anyone else: missing."""
    if not (actor is not None and actor.is_authenticated and actor.is_active and actor.is_staff):
        raise NotFound("Couldn't find the page.")


def _independent() -> QuerySet[Vendor]:
    return Vendor.objects.filter(kind=VendorKind.WORKSHOP, cluster__isnull=True)


def status_counts(*, actor: Any) -> dict[str, int]:
    """How many independent workshops are in each status (one query)."""
    require_staff(actor)
    counts = {status.value: 0 for status in VendorStatus}
    for row in _independent().order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def independent_workshops(*, actor: Any, status: str) -> QuerySet[Vendor]:
    """Independent workshops in ``status``: pending ones oldest first (first come, first
    reviewed), the others most recently decided first. Each carries ``has_payout``,
    ``has_shipping``, ``has_listing``, its ``owners`` (memberships with their user) and its
    ``documents``: three queries, whatever the length."""
    require_staff(actor)
    workshop = OuterRef("pk")
    order = ("created_at", "pk") if status == VendorStatus.PENDING else ("-updated_at", "-pk")
    return (
        _independent()
        .filter(status=status)
        .annotate(
            has_payout=Exists(
                PayoutAccount.objects.filter(vendor_id=workshop).filter(
                    ~Q(stripe_account_id="") | ~Q(bank_iban="")
                )
            ),
            # independent: no cluster's methods to share, only its own
            has_shipping=Exists(
                ShippingMethod.objects.filter(zone__vendor_id=workshop, is_active=True)
            ),
            has_listing=Exists(
                Product.objects.filter(vendor_id=workshop, channel_listings__is_published=True)
            ),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=VendorMembership.objects.filter(role=VendorRole.OWNER)
                .select_related("user")
                .order_by("pk"),
                to_attr="owners",
            ),
            Prefetch("documents", queryset=VendorDocument.objects.order_by("pk")),
        )
        .order_by(*order)
    )


def checklist(vendor: Vendor) -> list[Step]:
    """The onboarding steps of a workshop from ``independent_workshops``'s annotations."""
    return [
        Step("approval", vendor.status == VendorStatus.APPROVED),
        Step("payout", bool(getattr(vendor, "has_payout", False))),
        Step("shipping", bool(getattr(vendor, "has_shipping", False))),
        Step("listing", bool(getattr(vendor, "has_listing", False))),
    ]


def independent_workshop(*, actor: Any, slug: str) -> Vendor:
    """One independent workshop for a staff decision; NotFound for anyone else, for a
    workshop of a cluster (its manager decides) and for a missing one alike."""
    require_staff(actor)
    vendor = _independent().filter(slug=slug).first()
    if vendor is None:
        raise NotFound("Couldn't find the workshop.")
    return vendor


def document_name(*, actor: Any, object_id: Any) -> str | None:
    """The stored name of an application's document, if ``actor`` may read it: staff, or a
    manager of the workshop's cluster. For ``marketplace.core.private_links``, which asks
    when the link is made and again when it is opened."""
    from .permissions import manages_cluster

    if actor is None or not actor.is_authenticated or not isinstance(object_id, int):
        return None
    document = VendorDocument.objects.select_related("vendor").filter(pk=object_id).first()
    if document is None or not document.file:
        return None
    cluster_id = document.vendor.cluster_id
    if (actor.is_staff and actor.is_active) or (
        cluster_id is not None and manages_cluster(actor, cluster_id)
    ):
        return str(document.file.name)
    return None
