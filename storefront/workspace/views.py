"""The workspace's front page: the user's workshops and clusters, and where to go next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from storefront.shop.common import page

from .access import login_required_here, memberships_of


@login_required_here
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = memberships_of(request.user)
    return page(
        request,
        "workspace/dashboard.html",
        {"memberships": memberships},
        title=_("Your workspace"),
    )
