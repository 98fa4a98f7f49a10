"""A listing's labels and claims, on the workshop's side: each claim with its status (waiting,
verified until a date, expired, rejected with the verifier's reason) and a form to state a new
one with its evidence (a PDF or a photo of the certificate, straight from the phone). Through
``provenance.services.claim_create``; another workshop's listing answers 404."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError, NotFound
from marketplace.provenance.selectors import claims_of_product
from marketplace.provenance.services import claim_create
from marketplace.vendors.models import Vendor
from storefront.shop.common import page

from .access import login_required_here, workshop_or_404
from .claim_labels import kind_choices, label_claims


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of claim"), choices=kind_choices)
    title = forms.CharField(label=gettext_lazy("Name of the label or certificate"), max_length=255)
    issuing_body = forms.CharField(label=gettext_lazy("Issued by"), max_length=255)
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evidence = forms.FileField(label=gettext_lazy("Evidence"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Phones offer the camera for image/*; the server checks what the file really is.
        self.fields["evidence"].widget.attrs.update(accept="application/pdf,image/*")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The claim cannot expire before it starts."))
        return data


def _message(error: DomainError) -> tuple[str | None, str]:
    """The field at fault and the service's refusal in the page's language."""
    if error.field == "evidence":
        if "larger than" in error.message:
            return "evidence", _("The file is larger than 10 MB.")
        return "evidence", _(
            "This file cannot be used as evidence: send a PDF, or a JPEG or PNG photo of the "
            "certificate."
        )
    if error.field == "validUntil":
        return "valid_until", _("The claim cannot expire before it starts.")
    if error.code == "REQUIRED":
        return "title", _("This field is required.")
    return None, _("This claim could not be saved: check the fields.")


def _product_or_404(workshop: Vendor, product_id: int) -> Product:
    product = Product.objects.filter(pk=product_id, vendor=workshop).first()
    if product is None:
        raise Http404
    return product


@login_required_here
@require_http_methods(["GET", "POST"])
def listing_claims(request: HttpRequest, slug: str, product_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    product = _product_or_404(workshop, product_id)
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim_create(
                actor=request.user,
                product_id=product.pk,
                kind=data["kind"],
                title=data["title"],
                issuing_body=data["issuing_body"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                evidence=data["evidence"],
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error(*_message(error))
        else:
            messages.success(
                request, _("The claim is sent: your cluster or our team will check the evidence.")
            )
            return redirect(request.path)
    claims = claims_of_product(product=product)
    label_claims(claims, timezone.localdate())
    return page(
        request,
        "workspace/listings/claims.html",
        {
            "workshop": workshop,
            "product": product,
            "claims": claims,
            "form": form,
            "verifier": _("your cluster's managers") if workshop.cluster_id else _("our team"),
            "section": "list",
        },
        title=_("Labels and claims"),
        status=400 if request.method == "POST" else 200,
    )
