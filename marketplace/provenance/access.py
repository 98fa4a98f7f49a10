"""Tenant scoping for provenance writes: missing and foreign answer the same NotFound."""

from __future__ import annotations

from typing import Any

from marketplace.catalog.models import Product
from marketplace.core.errors import NotFound, PermissionDenied
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from .models import Claim


def require_login(actor: Any) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("You need to log in.", code="PERMISSION_DENIED")


def access_product_as_workshop(*, actor: Any, product_id: int) -> Product:
    """The product, if the actor runs the workshop that makes it (or is staff)."""
    require_login(actor)
    product = Product.objects.select_related("vendor").filter(pk=product_id).first()
    if product is None or not manages_workshop(actor, product.vendor):
        raise NotFound("No product with this id.", field="product")
    return product


def access_product_as_cluster(*, actor: Any, product_id: int) -> Product:
    """The product, if the actor manages the cluster of the workshop that makes it."""
    require_login(actor)
    product = Product.objects.select_related("vendor__cluster").filter(pk=product_id).first()
    if (
        product is None
        or product.vendor.cluster_id is None
        or not manages_cluster(actor, product.vendor.cluster_id)
    ):
        raise NotFound("No product with this id.", field="product")
    return product


def access_claim_as_verifier(*, actor: Any, claim_id: int) -> Claim:
    """Staff, or a manager of the product's cluster, may verify a claim."""
    require_login(actor)
    claim = Claim.objects.select_related("product__vendor").filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("No claim with this id.", field="id")
    cluster_id = claim.product.vendor.cluster_id
    if not (actor.is_staff or (cluster_id is not None and manages_cluster(actor, cluster_id))):
        raise NotFound("No claim with this id.", field="id")
    return claim


def claim_evidence_name(*, actor: Any, object_id: Any) -> str | None:
    """The stored name of a claim's evidence, if ``actor`` may read it: the workshop that
    makes the product, the managers of its cluster, staff. None otherwise, or without evidence.
    Used by ``marketplace.core.private_links`` when a link is made and again when it is opened.
    """
    if actor is None or not actor.is_authenticated or not isinstance(object_id, int):
        return None
    claim = Claim.objects.select_related("product__vendor").filter(pk=object_id).first()
    if claim is None or not claim.evidence:
        return None
    vendor = claim.product.vendor
    if manages_workshop(actor, vendor) or (
        vendor.cluster_id is not None and manages_cluster(actor, vendor.cluster_id)
    ):
        return str(claim.evidence.name)
    return None
