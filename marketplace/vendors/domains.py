"""Custom domains: a workshop or cluster may serve its storefront on its own host name
(``cuivre-kairouan.tn``). The vendor requests one in its storefront editor
(``vendor_profile_update``: status REQUESTED); marketplace staff activate it once the name
points at the marketplace, or refuse it. Only an ACTIVE domain of an approved vendor is ever
served: any other Host header is refused as Django refuses unknown hosts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from marketplace.core.errors import DomainError, NotFound

from .models import DomainStatus, Vendor, VendorStatus


def vendor_for_domain(*, host: str) -> Vendor | None:
    """The approved vendor whose active custom domain is ``host`` (lower case, no port)."""
    if not host:
        return None
    return (
        Vendor.objects.filter(
            custom_domain=host,
            custom_domain_status=DomainStatus.ACTIVE,
            status=VendorStatus.APPROVED,
        )
        .only("pk", "slug", "kind", "name", "custom_domain")
        .first()
    )


def _staff_locked(actor: Any, vendor_id: int) -> Vendor:
    if not (getattr(actor, "is_authenticated", False) and actor.is_staff):
        raise NotFound("Couldn't resolve to a vendor.", field="id")
    vendor = Vendor.objects.select_for_update().filter(pk=vendor_id).first()
    if vendor is None:
        raise NotFound("Couldn't resolve to a vendor.", field="id")
    return vendor


def vendor_custom_domain_activate(*, actor: Any, vendor_id: int) -> Vendor:
    """Staff: serve the vendor's requested domain from now on."""
    with transaction.atomic():
        vendor = _staff_locked(actor, vendor_id)
        if not vendor.custom_domain or vendor.custom_domain_status == DomainStatus.NONE:
            raise DomainError(
                "This storefront has not asked for a domain.",
                field="custom_domain",
                code="INVALID",
            )
        vendor.custom_domain_status = DomainStatus.ACTIVE
        vendor.save(update_fields=["custom_domain_status", "updated_at"])
    return vendor


def vendor_custom_domain_refuse(*, actor: Any, vendor_id: int) -> Vendor:
    """Staff: stop serving (or refuse) the vendor's domain; the request is withdrawn."""
    with transaction.atomic():
        vendor = _staff_locked(actor, vendor_id)
        vendor.custom_domain = ""
        vendor.custom_domain_status = DomainStatus.NONE
        vendor.save(update_fields=["custom_domain", "custom_domain_status", "updated_at"])
    return vendor
