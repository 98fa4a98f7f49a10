"""Marketplace staff review independent workshops (those that applied without a cluster):
the applications waiting, each with its applicant, documents and checklist; approve,
reject with a reason, suspend, reinstate. Writes are POSTs through ``vendors.members``.

Anyone who is not staff, logged in or not, gets the 404 of a page that does not exist (not
a login page): the URL must not tell a stranger that a staff workspace is here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.private_links import private_link
from marketplace.vendors import applications
from marketplace.vendors import members as member_services
from marketplace.vendors.models import Vendor, VendorDocument, VendorStatus
from storefront.shop.common import page

from .forms import ReasonForm
from .messages import vendor_message

View = Callable[..., HttpResponse]
STATUSES = [s.value for s in VendorStatus]


def staff_only(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            applications.require_staff(request.user)
        except NotFound:
            raise Http404 from None
        return view(request, *args, **kwargs)

    return wrapper


def _workshop_or_404(request: HttpRequest, slug: str) -> Vendor:
    try:
        return applications.independent_workshop(actor=request.user, slug=slug)
    except NotFound:
        raise Http404 from None


def _back(request: HttpRequest, status: str) -> HttpResponse:
    return redirect(reverse("workspace:vendors:staff:workshops") + f"?status={status}")


STEP_TITLES = {
    "approval": lambda: _("Approval"),
    "payout": lambda: _("Payout details"),
    "shipping": lambda: _("Shipping"),
    "listing": lambda: _("First listing"),
}


@staff_only
def workshops(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or VendorStatus.PENDING.value
    if status not in STATUSES:
        status = VendorStatus.PENDING.value
    rows = list(
        applications.independent_workshops(actor=request.user, status=status)[
            : applications.PAGE_SIZE
        ]
    )
    for vendor in rows:
        vendor.steps = [  # type: ignore[attr-defined]
            {"key": s.key, "done": s.done, "title": STEP_TITLES[s.key]()}
            for s in applications.checklist(vendor)
        ]
        vendor.owner = vendor.owners[0].user if vendor.owners else None  # type: ignore[attr-defined]
    counts = applications.status_counts(actor=request.user)
    tabs = [
        (VendorStatus.PENDING.value, _("Waiting")),
        (VendorStatus.APPROVED.value, _("Approved")),
        (VendorStatus.SUSPENDED.value, _("Suspended")),
        (VendorStatus.REJECTED.value, _("Rejected")),
    ]
    return page(
        request,
        "workspace/vendors/staff_workshops.html",
        {
            "status": status,
            "tabs": [(key, label, counts[key]) for key, label in tabs],
            "workshops": rows,
            "shown_all": counts[status] <= len(rows),
            "total": counts[status],
            "section": "staff-workshops",
        },
        title=_("Independent workshops"),
    )


@staff_only
@require_POST
def approve(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = _workshop_or_404(request, slug)
    came_from = workshop.status
    try:
        member_services.cluster_member_approve(actor=request.user, vendor_id=workshop.pk)
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(request, _("%(workshop)s is approved.") % {"workshop": workshop.name})
    return _back(request, came_from)


def _reason(request: HttpRequest) -> str | None:
    form = ReasonForm(request.POST)
    return str(form.cleaned_data["reason"]) if form.is_valid() else None


@staff_only
@require_POST
def reject(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = _workshop_or_404(request, slug)
    reason = _reason(request)
    if reason is None:
        messages.error(request, _("Say why the application is rejected: the applicant reads it."))
        return _back(request, workshop.status)
    try:
        member_services.workshop_application_reject(
            actor=request.user, vendor_id=workshop.pk, reason=reason
        )
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(
            request,
            _("The application of %(workshop)s is rejected; the applicant is told why.")
            % {"workshop": workshop.name},
        )
    return _back(request, VendorStatus.PENDING.value)


@staff_only
@require_POST
def suspend(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = _workshop_or_404(request, slug)
    reason = _reason(request)
    if reason is None:
        messages.error(request, _("Say why the workshop is suspended."))
        return _back(request, workshop.status)
    try:
        member_services.cluster_member_suspend(
            actor=request.user, vendor_id=workshop.pk, reason=reason
        )
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(request, _("%(workshop)s is suspended.") % {"workshop": workshop.name})
    return _back(request, VendorStatus.APPROVED.value)


@staff_only
def document(request: HttpRequest, slug: str, document_id: int) -> HttpResponse:
    """Opens an applicant's document through a fresh private link (signed for this staff
    member, checked again when opened): the list stays cheap, the link never goes stale."""
    workshop = _workshop_or_404(request, slug)
    found = VendorDocument.objects.filter(pk=document_id, vendor=workshop).exists()
    link = (
        private_link(kind="vendor-document", object_id=document_id, actor=request.user)
        if found
        else None
    )
    if link is None:
        raise Http404
    response = redirect(link)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
