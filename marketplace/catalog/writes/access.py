"""Who may write which catalog object: the workshop's owner and staff, and marketplace staff.

A cluster manager moderates but does not edit a member's listings; anyone else is answered
``NotFound`` for an object that exists, the same as for one that does not."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product, ProductMedia, ProductVariant
from marketplace.core.errors import NotFound
from marketplace.vendors.models import Vendor, VendorKind, VendorMembership, VendorRole

WRITER_ROLES = (VendorRole.OWNER, VendorRole.STAFF)


def _active(actor: Any) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def writable_vendor_ids(actor: Any) -> QuerySet[Vendor] | None:
    """The workshops the actor writes to, as a queryset; None means every one (staff)."""
    if not _active(actor):
        return Vendor.objects.none()
    if actor.is_staff:
        return None
    ids = VendorMembership.objects.filter(
        user=actor, role__in=WRITER_ROLES, vendor__kind=VendorKind.WORKSHOP
    ).values("vendor_id")
    return Vendor.objects.filter(pk__in=ids)


def workshop_for_actor(*, actor: Any, vendor_id: int | None = None) -> Vendor:
    """The workshop a new listing goes to: ``vendor_id`` when given (it must be one the actor
    runs), else the actor's only workshop. Anything else is ``NotFound`` on ``vendor``."""
    missing = NotFound(_("No workshop of yours with this id."), field="vendor")
    scope = writable_vendor_ids(actor)
    workshops = Vendor.objects.filter(kind=VendorKind.WORKSHOP)
    if scope is not None:
        workshops = workshops.filter(pk__in=scope.values("pk"))
    if vendor_id is not None:
        workshop = workshops.filter(pk=vendor_id).first()
        if workshop is None:
            raise missing
        return workshop
    if scope is None:  # staff list on a workshop's behalf and must say which
        raise NotFound(_("Say which workshop the product belongs to."), field="vendor")
    found = list(workshops[:2])
    if len(found) != 1:
        if found:
            raise NotFound(_("You run several workshops: say which one."), field="vendor")
        raise missing
    return found[0]


def _scoped(queryset: QuerySet[Any], actor: Any, vendor_path: str) -> QuerySet[Any]:
    scope = writable_vendor_ids(actor)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{vendor_path}__in": scope.values("pk")})


def product_for_actor(
    *, actor: Any, product_id: int, field: str = "id", lock: bool = False
) -> Product:
    """The actor's product, locked ``FOR UPDATE`` when ``lock``; else ``NotFound``."""
    queryset = _scoped(Product.objects.select_related("vendor"), actor, "vendor_id")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    product = queryset.filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("No product with this id."), field=field)
    return product


def variant_for_actor(
    *,
    actor: Any,
    variant_id: int | None = None,
    sku: str | None = None,
    field: str = "id",
    lock: bool = False,
) -> ProductVariant:
    """The actor's variant by id or SKU, locked when ``lock``; else ``NotFound``."""
    queryset = _scoped(
        ProductVariant.objects.select_related("product__vendor"), actor, "product__vendor_id"
    )
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    if variant_id is not None:
        variant = queryset.filter(pk=variant_id).first()
    elif sku:
        variant = queryset.filter(sku=sku).first()
    else:
        raise NotFound(_("Give the variant's id or SKU."), field=field)
    if variant is None:
        raise NotFound(_("No product variant with this id."), field=field)
    return variant


def media_for_actor(*, actor: Any, media_id: int, field: str = "id") -> ProductMedia:
    queryset = _scoped(
        ProductMedia.objects.select_related("product__vendor"), actor, "product__vendor_id"
    )
    media = queryset.filter(pk=media_id).first()
    if media is None:
        raise NotFound(_("No product media with this id."), field=field)
    return media
