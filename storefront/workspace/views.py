"""The workspace's front page: the user's workshops and clusters, and where to go next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from marketplace.authenticity.selectors import review_counts
from marketplace.security.two_factor import second_factor_enabled
from storefront.shop.common import page

from .access import login_required_here, memberships_of


@login_required_here
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = memberships_of(request.user)
    # Staff and vendor members are asked, not forced, to turn two-factor authentication on:
    # the account keeps working meanwhile (``security.two_factor.second_factor_required``).
    nudge = (request.user.is_staff or bool(memberships)) and not second_factor_enabled(request.user)
    return page(
        request,
        "workspace/dashboard.html",
        {
            "memberships": memberships,
            "two_factor_nudge": nudge,
            # Certificates whose scans look wrong, for the people who can judge them.
            "certificates_to_review": (
                review_counts(actor=request.user)["open"]
                if request.user.is_staff or memberships
                else 0
            ),
            "reviews_certificates": request.user.is_staff or bool(memberships),
        },
        title=_("Your workspace"),
    )
