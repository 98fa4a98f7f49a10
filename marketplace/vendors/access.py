"""One place decides which vendor or product an actor may act on in the workspace.

Each function returns the object or raises the same ``NotFound`` for a missing object and for
one that is not the actor's: a stranger cannot tell a workshop exists from an error.
"""

from __future__ import annotations

from typing import Any

from marketplace.catalog.models import Product
from marketplace.core.errors import NotFound, PermissionDenied

from .models import Vendor, VendorKind
from .permissions import manages_cluster, manages_workshop


def authenticated(actor: Any) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def require_login(actor: Any) -> None:
    if not authenticated(actor):
        raise PermissionDenied("Log in to continue.", code="PERMISSION_DENIED")


def _missing(field: str, what: str = "vendor") -> NotFound:
    return NotFound(f"Couldn't find the {what}.", field=field)


def access_profile(*, actor: Any, vendor_id: int, field: str = "id") -> Vendor:
    """A workshop the actor owns or works at, or a cluster the actor manages (staff: any)."""
    vendor = Vendor.objects.select_related("cluster").filter(pk=vendor_id).first()
    if vendor is None or not authenticated(actor):
        raise _missing(field)
    allowed = (
        manages_cluster(actor, vendor.pk) if vendor.is_cluster else manages_workshop(actor, vendor)
    )
    if not allowed:
        raise _missing(field)
    return vendor


def access_workshop(*, actor: Any, vendor_id: int, field: str = "id") -> Vendor:
    vendor = access_profile(actor=actor, vendor_id=vendor_id, field=field)
    if vendor.is_cluster:
        raise _missing(field)
    return vendor


def access_cluster(*, actor: Any, cluster_id: int, field: str = "id") -> Vendor:
    cluster = Vendor.objects.filter(pk=cluster_id, kind=VendorKind.CLUSTER).first()
    if cluster is None or not manages_cluster(actor, cluster.pk):
        raise _missing(field, "cluster")
    return cluster


def access_member(*, actor: Any, vendor_id: int, field: str = "id", lock: bool = False) -> Vendor:
    """A workshop of a cluster the actor manages; staff: any workshop (independent ones too)."""
    rows = Vendor.objects.filter(pk=vendor_id, kind=VendorKind.WORKSHOP)
    vendor = (rows.select_for_update() if lock else rows).first()
    if vendor is None or not authenticated(actor):
        raise _missing(field)
    if actor.is_staff:
        return vendor
    if vendor.cluster_id is None or not manages_cluster(actor, vendor.cluster_id):
        raise _missing(field)
    return vendor


def access_own_product(*, actor: Any, product_id: int, field: str = "id") -> Product:
    """A product of a workshop the actor owns or works at (staff: any), row locked."""
    product = (
        Product.objects.select_for_update(of=("self",))
        .select_related("vendor", "vendor__cluster")
        .filter(pk=product_id)
        .first()
    )
    if product is None or not manages_workshop(actor, product.vendor):
        raise _missing(field, "product")
    return product


def access_moderated_product(*, actor: Any, product_id: int, field: str = "id") -> Product:
    """A member's product in a cluster the actor manages (staff: any), row locked."""
    product = (
        Product.objects.select_for_update(of=("self",))
        .select_related("vendor", "vendor__cluster")
        .filter(pk=product_id)
        .first()
    )
    if product is None or not authenticated(actor):
        raise _missing(field, "product")
    if actor.is_staff:
        return product
    cluster_id = product.vendor.cluster_id
    if cluster_id is None or not manages_cluster(actor, cluster_id):
        raise _missing(field, "product")
    return product
