"""Which vendors a viewer may see: buyers see approved ones only."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Vendor, VendorKind, VendorStatus


def vendors_visible(*, kind: str, see_all: bool = False) -> QuerySet[Vendor]:
    vendors = Vendor.objects.filter(kind=kind)
    return vendors if see_all else vendors.filter(status=VendorStatus.APPROVED)


def workshops_visible(*, see_all: bool = False) -> QuerySet[Vendor]:
    return vendors_visible(kind=VendorKind.WORKSHOP, see_all=see_all)


def clusters_visible(*, see_all: bool = False) -> QuerySet[Vendor]:
    return vendors_visible(kind=VendorKind.CLUSTER, see_all=see_all)
