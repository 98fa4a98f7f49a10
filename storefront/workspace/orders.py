"""The workshop's orders: the inbox, one parcel, accept / pack / ship (whole or in part) and
the parcel's papers as PDFs. Reads through marketplace.orders.inbox and .documents, writes
through marketplace.orders.fulfilment; the wrong actor gets the 404 a missing parcel gets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.core.errors import DomainError
from marketplace.orders import documents
from marketplace.orders.documents.certificates import NoCertificates
from marketplace.orders.documents.customs import NoCustomsNeeded
from marketplace.orders.fulfilment import (
    still_to_ship,
    vendor_order_accept,
    vendor_order_pack,
    vendor_order_ship,
)
from marketplace.orders.inbox import stage_of, workshop_inbox, workshop_parcel
from marketplace.orders.models import ParcelShipment, VendorOrder
from marketplace.vendors.models import Vendor
from storefront.shop.common import page

from .access import login_required_here, workshop_or_404

STAGE_LABELS = {
    "open": gettext_lazy("To do"),
    "new": gettext_lazy("New"),
    "accepted": gettext_lazy("Accepted"),
    "packed": gettext_lazy("Packed"),
    "partial": gettext_lazy("Partly shipped"),
    "shipped": gettext_lazy("Shipped"),
    "canceled": gettext_lazy("Canceled"),
    "all": gettext_lazy("All"),
}
PAPERS = {
    "packing-slip": gettext_lazy("Packing slip"),
    "customs": gettext_lazy("Customs declaration"),
    "invoice": gettext_lazy("Commercial invoice"),
    "certificates": gettext_lazy("Certificates of authenticity"),
}


class ShipForm(forms.Form):
    carrier = forms.CharField(max_length=64, label=gettext_lazy("Carrier"))
    tracking_number = forms.CharField(
        max_length=255, required=False, label=gettext_lazy("Tracking number")
    )

    def __init__(self, *args: Any, parcel: VendorOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parcel_lines = [line for line in parcel.lines.all() if still_to_ship(line)]
        for line in self.parcel_lines:
            left = still_to_ship(line)
            self.fields[f"line-{line.pk}"] = forms.IntegerField(
                min_value=0, max_value=left, initial=left, label=line.product_name
            )

    def quantities(self) -> dict[Any, int]:
        return {line.pk: self.cleaned_data[f"line-{line.pk}"] for line in self.parcel_lines}


def _parcel_or_404(workshop: Vendor, vendor_order_id: int) -> VendorOrder:
    parcel = workshop_parcel(vendor_id=workshop.pk, vendor_order_id=vendor_order_id)
    if parcel is None:
        raise Http404
    return parcel


def _paper_language() -> str:
    """Papers are drawn in a Latin font: French or English (Arabic pages print in French)."""
    language = translation.get_language() or "fr"
    return language if language in ("fr", "en") else "fr"


@login_required_here
def order_list(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    stage = request.GET.get("stage", "open")
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    inbox = workshop_inbox(vendor_id=workshop.pk, stage=stage, page=number)
    rows = [
        {"parcel": p, "stage": stage_of(p), "label": STAGE_LABELS[stage_of(p)]}
        for p in inbox.parcels
    ]
    return page(
        request,
        "workspace/orders/list.html",
        {
            "workshop": workshop,
            "inbox": inbox,
            "rows": rows,
            "stage": stage if stage in STAGE_LABELS else "open",
            "stages": [
                (key, label, inbox.counts.get(key, 0)) for key, label in STAGE_LABELS.items()
            ],
            "section": "orders",
        },
        title=_("Orders of %(name)s") % {"name": workshop.name},
    )


def _detail(
    request: HttpRequest, workshop: Vendor, parcel: VendorOrder, form: ShipForm | None = None
) -> HttpResponse:
    method = parcel.shipping_method
    form = form or ShipForm(
        parcel=parcel, initial={"carrier": (method.carrier if method else "") or ""}
    )
    lines = [
        {"line": line, "left": still_to_ship(line), "field": form[f"line-{line.pk}"]}
        if f"line-{line.pk}" in form.fields
        else {"line": line, "left": 0, "field": None}
        for line in parcel.lines.all()
    ]
    names = {str(line.pk): line.product_name for line in parcel.lines.all()}
    shipments = [
        {"shipment": s, "pieces": [(names.get(k, "?"), q) for k, q in s.lines.items()]}
        for s in parcel.shipments.all()
    ]
    return page(
        request,
        "workspace/orders/detail.html",
        {
            "workshop": workshop,
            "parcel": parcel,
            "order": parcel.order,
            "stage": stage_of(parcel),
            "stage_label": STAGE_LABELS[stage_of(parcel)],
            "lines": lines,
            "form": form,
            "shipments": shipments,
            "papers": PAPERS,
            "section": "orders",
        },
        title=_("Order %(number)s") % {"number": parcel.order.number},
        status=400 if form.errors else 200,
    )


@login_required_here
def order_detail(request: HttpRequest, slug: str, vendor_order_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    return _detail(request, workshop, _parcel_or_404(workshop, vendor_order_id))


def _step(
    request: HttpRequest, slug: str, vendor_order_id: int, service: Any, done: str
) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    parcel = _parcel_or_404(workshop, vendor_order_id)
    try:
        service(actor=request.user, vendor_order_id=parcel.pk)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("workspace:order", slug=workshop.slug, vendor_order_id=parcel.pk)


@require_POST
@login_required_here
def order_accept(request: HttpRequest, slug: str, vendor_order_id: int) -> HttpResponse:
    return _step(request, slug, vendor_order_id, vendor_order_accept, _("Order accepted."))


@require_POST
@login_required_here
def order_pack(request: HttpRequest, slug: str, vendor_order_id: int) -> HttpResponse:
    return _step(request, slug, vendor_order_id, vendor_order_pack, _("Marked as packed."))


@require_POST
@login_required_here
def order_ship(request: HttpRequest, slug: str, vendor_order_id: int) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    parcel = _parcel_or_404(workshop, vendor_order_id)
    form = ShipForm(request.POST, parcel=parcel)
    if form.is_valid():
        try:
            shipment = vendor_order_ship(
                actor=request.user,
                vendor_order_id=parcel.pk,
                quantities=form.quantities(),
                carrier=form.cleaned_data["carrier"],
                tracking_number=form.cleaned_data["tracking_number"],
            )
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
        else:
            messages.success(
                request,
                _("Shipment %(n)s recorded: the buyer is told.") % {"n": shipment.number},
            )
            return redirect("workspace:order", slug=workshop.slug, vendor_order_id=parcel.pk)
    return _detail(request, workshop, _parcel_or_404(workshop, vendor_order_id), form)


@login_required_here
def order_paper(request: HttpRequest, slug: str, vendor_order_id: int, kind: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    parcel = _parcel_or_404(workshop, vendor_order_id)
    if kind not in PAPERS:
        raise Http404
    number = request.GET.get("shipment")
    try:
        papers = documents.papers_for(
            vendor_order_id=parcel.pk, shipment_number=int(number) if number else None
        )
    except (ValueError, ParcelShipment.DoesNotExist):
        raise Http404 from None
    language = _paper_language()
    try:
        if kind == "packing-slip":
            pdf = documents.packing_slip_pdf(papers, language=language)
        elif kind == "customs":
            pdf = documents.customs_declaration_pdf(papers, language=language)
        elif kind == "invoice":
            pdf = documents.commercial_invoice_pdf(papers, language=language)
        else:
            pdf = documents.certificates_pdf(papers)
    except (NoCustomsNeeded, NoCertificates):
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{papers.reference}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
