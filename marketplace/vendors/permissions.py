"""Who may act on a vendor's things. One answer, shared by the API, the pages and the CLI."""

from __future__ import annotations

from typing import Any

from .models import Vendor, VendorMembership, VendorRole


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_workshop(user: Any, workshop: Vendor) -> bool:
    """Owners and staff of the workshop itself; marketplace staff."""
    if not _authenticated(user):
        return False
    if user.is_staff:
        return True
    return VendorMembership.objects.filter(
        user=user, vendor=workshop, role__in=[VendorRole.OWNER, VendorRole.STAFF]
    ).exists()


def manages_cluster(user: Any, cluster_id: int | None) -> bool:
    """Managers of the cluster; marketplace staff."""
    if not _authenticated(user) or cluster_id is None:
        return bool(_authenticated(user) and user.is_staff)
    if user.is_staff:
        return True
    return VendorMembership.objects.filter(
        user=user, vendor_id=cluster_id, role=VendorRole.MANAGER
    ).exists()
