"""Applying as a workshop, then the checklist of what is left before the first sale."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError
from marketplace.vendors.invitations import (
    InvitationCheck,
    InvitationState,
    invitation_check,
    valid_for,
)
from marketplace.vendors.moderation import product_submit_for_review
from marketplace.vendors.selectors import clusters_visible
from marketplace.vendors.services import Application, vendor_apply
from marketplace.vendors.workspace import onboarding_checklist, own_listings_under_review
from storefront.shop.common import page

from ..access import login_required_here, workshop_or_404
from .forms import ApplyForm, add_domain_error
from .messages import vendor_message

# Where each step is done, when that page exists (other sections of the workspace).
STEP_PAGES = {"payout": "workspace:money", "listing": "workspace:listing-new"}


def _step_url(key: str, slug: str) -> str | None:
    name = STEP_PAGES.get(key)
    if name is None:
        return None
    try:
        return reverse(name, kwargs={"slug": slug})
    except NoReverseMatch:
        return None


STEP_TEXT = {
    "approval": (
        lambda: _("Approval"),
        lambda: _("Your cluster's manager (or our team) checks your card and documents."),
    ),
    "payout": (
        lambda: _("Payout details"),
        lambda: _("Where we send your money: a bank account (IBAN) or a Stripe account."),
    ),
    "shipping": (
        lambda: _("Shipping"),
        lambda: _("At least one way to send parcels, yours or your cluster's."),
    ),
    "listing": (
        lambda: _("First listing"),
        lambda: _("Photograph a piece, give it a title and a price, and publish it."),
    ),
}


@login_required_here
def apply(request: HttpRequest) -> HttpResponse:
    clusters = list(clusters_visible().order_by("name"))
    token = request.GET.get("invitation") or request.POST.get("invitation") or ""
    invitation = None
    if token:
        check = invitation_check(actor=request.user, token=token)
        if check.state != InvitationState.VALID:
            return _invitation_refused(request, check)
        invitation = check.invitation
    initial = {"invitation": token, "cluster": invitation.cluster_id if invitation else None}
    form = ApplyForm(
        request.POST or None, request.FILES or None, clusters=clusters, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vendor = vendor_apply(
                actor=request.user,
                application=Application(
                    name=data["name"],
                    craft=data["craft"],
                    town=data["town"],
                    region=data["region"],
                    country=data["country"],
                    artisan_card_number=data["artisan_card_number"],
                    contact_phone=data["contact_phone"],
                    story=data["story"],
                    documents=data["documents"],
                ),
                cluster_id=data["cluster"],
                invitation_token=data["invitation"] or None,
            )
        except DomainError as error:
            add_domain_error(form, error, vendor_message(error))
        else:
            messages.success(request, _("Thank you: your application is sent."))
            return redirect("workspace:vendors:onboarding", slug=vendor.slug)
    return page(
        request,
        "workspace/vendors/apply.html",
        {"form": form, "invitation": invitation},
        title=_("Sell your pieces"),
        status=400 if request.method == "POST" else 200,
    )


# Why an invitation link cannot be used by this account: the page's status and its words.
INVITATION_REFUSED = {
    InvitationState.MISSING: 404,
    InvitationState.EXPIRED: 410,
    InvitationState.USED: 410,
    InvitationState.OTHER_ADDRESS: 403,
}


def _invitation_refused(request: HttpRequest, check: InvitationCheck) -> HttpResponse:
    """The link is for someone else, expired, used or unknown: say which, change nothing."""
    return page(
        request,
        "workspace/vendors/invitation.html",
        {
            "state": str(check.state),
            # not "cluster": the layout would show that cluster's own navigation
            "inviting_cluster": check.invitation.cluster if check.invitation else None,
            "masked_email": check.masked_email,
            "valid_days": valid_for().days,
        },
        title=_("Invitation"),
        status=INVITATION_REFUSED[check.state],
    )


@login_required_here
def checklist(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    steps = [
        {
            "key": s.key,
            "done": s.done,
            "title": STEP_TEXT[s.key][0](),
            "help": STEP_TEXT[s.key][1](),
            "url": None if s.done else _step_url(s.key, workshop.slug),
        }
        for s in onboarding_checklist(vendor=workshop)
    ]
    done = sum(1 for s in steps if s["done"])
    return page(
        request,
        "workspace/vendors/checklist.html",
        {
            "vendor": workshop,
            "steps": steps,
            "done": done,
            "total": len(steps),
            "percent": round(100 * done / len(steps)),
            "documents": list(workshop.documents.all()),
            "under_review": own_listings_under_review(vendor=workshop),
            "section": "onboarding",
        },
        title=_("Before your first sale"),
    )


@login_required_here
@require_POST
def submit_for_review(request: HttpRequest, slug: str, product_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    product = Product.objects.filter(pk=product_id, vendor=workshop).first()
    if product is None:
        raise Http404
    try:
        product_submit_for_review(actor=request.user, product_id=product.pk)
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(
            request,
            _("%(product)s is sent to your cluster for review.") % {"product": product.name},
        )
    return redirect("workspace:vendors:onboarding", slug=workshop.slug)
