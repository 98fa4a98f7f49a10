"""The cluster manager's provenance desk: members' claims waiting for a verifier (evidence
opened through a private link made for the manager), verify with an expiry or reject with a
reason; members' pieces to attest as made in the cluster. Writes are POSTs through the
provenance services; a claim or product outside the cluster answers 404, as a missing one."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.private_links import private_link
from marketplace.provenance import review
from marketplace.provenance.models import Claim
from marketplace.provenance.selectors import provenance_desk
from marketplace.provenance.services import claim_verify, product_attest
from marketplace.vendors.models import Vendor
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from ..claim_labels import label_claims


class VerifyForm(forms.Form):
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until (as printed on the evidence)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_valid_until(self) -> date | None:
        value: date | None = self.cleaned_data["valid_until"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("This date has passed: the badge would never show."))
        return value


class RejectForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("What is wrong with the evidence?"), max_length=500)


class AttestForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].widget.attrs.update(placeholder=self.fields["note"].label)


def _claim_or_404(cluster: Vendor, claim_id: int) -> Claim:
    claim = Claim.objects.filter(pk=claim_id, product__vendor__cluster=cluster).first()
    if claim is None:
        raise Http404
    return claim


def _product_or_404(cluster: Vendor, product_id: int) -> Product:
    product = Product.objects.filter(pk=product_id, vendor__cluster=cluster).first()
    if product is None:
        raise Http404
    return product


def _desk_url(cluster: Vendor, anchor: str = "") -> str:
    url = reverse("workspace:vendors:provenance", args=[cluster.slug])
    return f"{url}#{anchor}" if anchor else url


def _desk(
    request: HttpRequest, cluster: Vendor, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    desk = provenance_desk(cluster_id=cluster.pk)
    forms_back = bound or {}
    today = timezone.localdate()
    label_claims([*desk.claims_waiting, *desk.claims_decided], today)
    for claim in desk.claims_waiting:
        claim.verify_form = forms_back.get(f"verify-{claim.pk}") or VerifyForm(  # type: ignore[attr-defined]
            prefix=f"verify-{claim.pk}", initial={"valid_until": claim.valid_until}
        )
        claim.reject_form = forms_back.get(f"reject-{claim.pk}") or RejectForm(  # type: ignore[attr-defined]
            prefix=f"reject-{claim.pk}"
        )
    for product in desk.to_attest:
        product.attest_form = forms_back.get(f"attest-{product.pk}") or AttestForm(  # type: ignore[attr-defined]
            prefix=f"attest-{product.pk}"
        )
    return page(
        request,
        "workspace/vendors/provenance.html",
        {
            "cluster": cluster,
            "vendor": cluster,
            "desk": desk,
            "today": today,
            "section": "provenance",
        },
        title=_("Provenance"),
        status=400 if bound else 200,
    )


@login_required_here
@require_GET
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    return _desk(request, cluster_or_404(request, slug))


@login_required_here
@require_GET
def evidence(request: HttpRequest, slug: str, claim_id: int) -> HttpResponse:
    """The claim's evidence, through a private link made for this user now: the list never
    signs one per row, and the link checks the user again when opened."""
    claim = _claim_or_404(cluster_or_404(request, slug), claim_id)
    link = private_link(kind="claim-evidence", object_id=claim.pk, actor=request.user)
    if link is None:
        raise Http404
    return redirect(link)


@login_required_here
@require_POST
def verify(request: HttpRequest, slug: str, claim_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    claim = _claim_or_404(cluster, claim_id)
    form = VerifyForm(request.POST, prefix=f"verify-{claim.pk}")
    if form.is_valid():
        try:
            claim_verify(
                actor=request.user, claim_id=claim.pk, valid_until=form.cleaned_data["valid_until"]
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error("valid_until", _claim_message(error))
        else:
            messages.success(
                request,
                _("%(title)s is verified: its badge shows on the piece.") % {"title": claim.title},
            )
            return redirect(_desk_url(cluster, "claims"))
    return _desk(request, cluster, bound={f"verify-{claim.pk}": form})


@login_required_here
@require_POST
def reject(request: HttpRequest, slug: str, claim_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    claim = _claim_or_404(cluster, claim_id)
    form = RejectForm(request.POST, prefix=f"reject-{claim.pk}")
    if form.is_valid():
        try:
            review.claim_reject(
                actor=request.user, claim_id=claim.pk, reason=form.cleaned_data["reason"]
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error("reason", _claim_message(error))
        else:
            messages.success(
                request,
                _("%(title)s is rejected; the workshop sees your reason.") % {"title": claim.title},
            )
            return redirect(_desk_url(cluster, "claims"))
    return _desk(request, cluster, bound={f"reject-{claim.pk}": form})


@login_required_here
@require_POST
def attest(request: HttpRequest, slug: str, product_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    product = _product_or_404(cluster, product_id)
    form = AttestForm(request.POST, prefix=f"attest-{product.pk}")
    if not form.is_valid():
        return _desk(request, cluster, bound={f"attest-{product.pk}": form})
    try:
        product_attest(actor=request.user, product_id=product.pk, note=form.cleaned_data["note"])
    except DomainError:
        raise Http404 from None
    messages.success(
        request, _("%(name)s is attested as made in the cluster.") % {"name": product.name}
    )
    return redirect(_desk_url(cluster, "attest"))


@login_required_here
@require_POST
def withdraw(request: HttpRequest, slug: str, product_id: int) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    product = _product_or_404(cluster, product_id)
    try:
        review.attestation_withdraw(actor=request.user, product_id=product.pk)
    except DomainError:
        raise Http404 from None
    messages.success(
        request, _("The attestation of %(name)s is withdrawn.") % {"name": product.name}
    )
    return redirect(_desk_url(cluster, "attested"))


def _claim_message(error: DomainError) -> str:
    if error.field == "validUntil" and "before" in error.message:
        return _("The expiry date is before the claim starts.")
    if error.field == "validUntil":
        return _("This date has passed: the badge would never show.")
    if error.code == "REQUIRED":
        return _("Say why the claim is rejected: the workshop reads it.")
    if error.code == "MAX_LENGTH":
        return _("This text is too long.")
    return _("This has already been decided; reload the page.")
