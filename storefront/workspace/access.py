"""Which workshop or cluster a workspace page acts on. The wrong actor gets the 404 a missing
one gets, so a URL never tells a stranger that a workshop exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

from marketplace.vendors.models import Vendor, VendorKind, VendorMembership, VendorRole
from marketplace.vendors.permissions import manages_cluster, manages_workshop

View = Callable[..., HttpResponse]


def login_required_here(view: View) -> View:
    """Send an anonymous visitor to the shop's login page, back here afterwards."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            from django.urls import reverse

            return redirect_to_login(request.get_full_path(), reverse("shop:login"))
        return view(request, *args, **kwargs)

    return wrapper


def workshop_or_404(request: HttpRequest, slug: str) -> Vendor:
    """A workshop the user owns or works at (or any, for marketplace staff)."""
    workshop = Vendor.objects.filter(slug=slug, kind=VendorKind.WORKSHOP).first()
    if workshop is None or not manages_workshop(request.user, workshop):
        raise Http404
    return workshop


def cluster_or_404(request: HttpRequest, slug: str) -> Vendor:
    """A cluster the user manages (or any, for marketplace staff)."""
    cluster = Vendor.objects.filter(slug=slug, kind=VendorKind.CLUSTER).first()
    if cluster is None or not manages_cluster(request.user, cluster.pk):
        raise Http404
    return cluster


def memberships_of(user: Any) -> list[VendorMembership]:
    """The user's workshops and clusters, for the workspace's switcher."""
    if not user.is_authenticated:
        return []
    return list(
        VendorMembership.objects.filter(
            user=user, role__in=[VendorRole.OWNER, VendorRole.STAFF, VendorRole.MANAGER]
        )
        .select_related("vendor")
        .order_by("vendor__kind", "vendor__name")
    )
