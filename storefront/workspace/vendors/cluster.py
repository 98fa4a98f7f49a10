"""The cluster manager's pages: members (invite, approve, suspend, each member's listings,
orders and late parcels) and the listing review queue. Writes are POSTs through the services;
a member of another cluster answers 404, as a missing one does."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError
from marketplace.vendors import invitations, moderation
from marketplace.vendors import members as member_services
from marketplace.vendors.models import Vendor, VendorDocument, VendorInvitation, VendorKind
from marketplace.vendors.workspace import (
    cluster_members,
    late_after,
    member_listings,
    member_parcels,
    moderation_queue,
    recent_decisions,
)
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from .forms import InviteForm, ReasonForm
from .messages import vendor_message


def _member_or_404(cluster: Vendor, member_slug: str) -> Vendor:
    member = Vendor.objects.filter(
        slug=member_slug, kind=VendorKind.WORKSHOP, cluster=cluster
    ).first()
    if member is None:
        raise Http404
    return member


def _with_expiry(rows: Iterable[VendorInvitation]) -> list[VendorInvitation]:
    """Each invitation with ``expired`` set, so the manager knows to send it again."""
    listed = list(rows)
    for invitation in listed:
        invitation.expired = invitations.is_expired(invitation)  # type: ignore[attr-defined]
    return listed


def _members_page(
    request: HttpRequest, cluster: Vendor, invite: InviteForm, status: int = 200
) -> HttpResponse:
    rows = list(cluster_members(cluster=cluster))
    return page(
        request,
        "workspace/vendors/members.html",
        {
            "cluster": cluster,
            "members": rows,
            "pending": [m for m in rows if m.status == "pending"],
            "others": [m for m in rows if m.status != "pending"],
            "invite_form": invite,
            "invitations": _with_expiry(
                VendorInvitation.objects.filter(cluster=cluster).select_related("accepted_by")[:20]
            ),
            "suspend_form": ReasonForm(),
            "late_days": late_after().days,
            "section": "members",
        },
        title=_("Members of %(cluster)s") % {"cluster": cluster.name},
        status=status,
    )


@login_required_here
def members(request: HttpRequest, slug: str) -> HttpResponse:
    return _members_page(request, cluster_or_404(request, slug), InviteForm())


@login_required_here
@require_POST
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            member_services.cluster_member_invite(
                actor=request.user, cluster_id=cluster.pk, email=form.cleaned_data["email"]
            )
        except DomainError as error:
            form.add_error("email", vendor_message(error))
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("workspace:vendors:members", slug=cluster.slug)
    return _members_page(request, cluster, form, status=400)


@login_required_here
def member(request: HttpRequest, slug: str, member_slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    workshop = _member_or_404(cluster, member_slug)
    return page(
        request,
        "workspace/vendors/member.html",
        {
            "cluster": cluster,
            "member": workshop,
            "listings": list(member_listings(vendor=workshop)[:50]),
            "parcels": list(member_parcels(vendor=workshop)[:20]),
            "late": list(member_parcels(vendor=workshop, late_only=True)[:50]),
            "late_days": late_after().days,
            "documents": list(workshop.documents.all()),
            "suspend_form": ReasonForm(),
            "section": "members",
        },
        title=workshop.name,
    )


@login_required_here
@require_POST
def member_approve(request: HttpRequest, slug: str, member_slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    workshop = _member_or_404(cluster, member_slug)
    try:
        member_services.cluster_member_approve(actor=request.user, vendor_id=workshop.pk)
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(request, _("%(workshop)s is approved.") % {"workshop": workshop.name})
    return redirect("workspace:vendors:members", slug=cluster.slug)


@login_required_here
@require_POST
def member_suspend(request: HttpRequest, slug: str, member_slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    workshop = _member_or_404(cluster, member_slug)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the workshop is suspended."))
        return redirect("workspace:vendors:member", slug=cluster.slug, member_slug=workshop.slug)
    try:
        member_services.cluster_member_suspend(
            actor=request.user, vendor_id=workshop.pk, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, vendor_message(error))
    else:
        messages.success(request, _("%(workshop)s is suspended.") % {"workshop": workshop.name})
    return redirect("workspace:vendors:members", slug=cluster.slug)


@login_required_here
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    return page(
        request,
        "workspace/vendors/moderation.html",
        {
            "cluster": cluster,
            "reviews": list(moderation_queue(cluster=cluster)[:100]),
            "decisions": list(recent_decisions(cluster=cluster)),
            "reject_form": ReasonForm(),
            "section": "moderation",
        },
        title=_("Listings to review"),
    )


def _member_product_or_404(cluster: Vendor, product_id: int) -> Product:
    product = Product.objects.filter(pk=product_id, vendor__cluster=cluster).first()
    if product is None:
        raise Http404
    return product


@login_required_here
@require_POST
def review_decide(request: HttpRequest, slug: str, product_id: int, decision: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    product = _member_product_or_404(cluster, product_id)
    try:
        if decision == "approve":
            moderation.product_approve(actor=request.user, product_id=product.pk)
            messages.success(request, _("%(product)s is approved.") % {"product": product.name})
        else:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say what the workshop should change."))
                return redirect("workspace:vendors:moderation", slug=cluster.slug)
            moderation.product_reject(
                actor=request.user, product_id=product.pk, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("%(product)s is sent back to the workshop.") % {"product": product.name}
            )
    except DomainError as error:
        messages.error(request, vendor_message(error))
    return redirect("workspace:vendors:moderation", slug=cluster.slug)


@login_required_here
@require_POST
def moderation_setting(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    enabled = request.POST.get("moderates") == "on"
    member_services.cluster_moderation_set(
        actor=request.user, cluster_id=cluster.pk, enabled=enabled
    )
    messages.success(
        request,
        _("New listings now wait for your review.")
        if enabled
        else _("Members' listings now go live without review."),
    )
    return redirect("workspace:vendors:moderation", slug=cluster.slug)


@login_required_here
def member_document(
    request: HttpRequest, slug: str, member_slug: str, document_id: int
) -> HttpResponse:
    """An applicant's document, for the cluster's managers and staff only: streamed from the
    private storage as an attachment under a sandboxing policy, never cached."""
    cluster = cluster_or_404(request, slug)
    workshop = _member_or_404(cluster, member_slug)
    document = VendorDocument.objects.filter(pk=document_id, vendor=workshop).first()
    name = document.file.name if document is not None else None
    if document is None or not name or not document.file.storage.exists(name):
        raise Http404
    extension = name.rsplit(".", 1)[-1]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{workshop.slug}-{document.kind}-{document.pk}.{extension}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response  # type: ignore[return-value]  # a streaming response, as the decorator allows
