"""Who reviews a certificate: marketplace staff, the owners and staff of the workshop that
made the piece, the managers of its cluster. Anyone else meets the NotFound a serial that
does not exist meets. Only staff and the cluster's managers decide a case (``may_decide``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from marketplace.core.errors import NotFound
from marketplace.provenance.models import Certificate
from marketplace.vendors.models import VendorMembership, VendorRole
from marketplace.vendors.permissions import manages_cluster, manages_workshop


def _signed_in(actor: Any) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def certificate_for_review(*, actor: Any, serial: str) -> Certificate:
    certificate = (
        Certificate.objects.select_related("product__vendor__cluster")
        .filter(serial=serial.strip().upper())
        .first()
    )
    if certificate is None or not _signed_in(actor):
        raise NotFound("No certificate has this serial.", field="serial")
    vendor = certificate.product.vendor
    if not (
        actor.is_staff
        or manages_workshop(actor, vendor)
        or (vendor.cluster_id is not None and manages_cluster(actor, vendor.cluster_id))
    ):
        raise NotFound("No certificate has this serial.", field="serial")
    return certificate


def may_revoke(*, actor: Any, certificate: Certificate) -> bool:
    """certificate_revoke's own rule: staff, or a manager of the piece's cluster."""
    return manages_cluster(actor, certificate.product.vendor.cluster_id)


def may_decide(*, actor: Any, certificate: Certificate) -> bool:
    """Who closes a case (dismiss, confirm): the same people as revoke. The workshop whose
    piece it is reads the case and adds notes, but a suspect party does not judge itself."""
    return may_revoke(actor=actor, certificate=certificate)


def reviewable_certificates_q(*, actor: Any, prefix: str = "") -> Q:
    """A filter on certificates (or on rows reaching one through ``prefix``) the actor
    reviews; nothing for someone signed out."""
    if not _signed_in(actor):
        return Q(pk__in=[])
    if actor.is_staff:
        return Q()
    workshops = VendorMembership.objects.filter(
        user=actor, role__in=[VendorRole.OWNER, VendorRole.STAFF]
    ).values("vendor_id")
    clusters = VendorMembership.objects.filter(user=actor, role=VendorRole.MANAGER).values(
        "vendor_id"
    )
    return Q(**{f"{prefix}product__vendor_id__in": workshops}) | Q(
        **{f"{prefix}product__vendor__cluster_id__in": clusters}
    )
