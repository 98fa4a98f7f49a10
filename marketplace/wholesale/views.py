"""The PDFs behind the signed links of ``links.py``: a quote version, the commercial invoice."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from .links import pdf_link_open
from .models import QuoteVersion, Shipment
from .pdf import commercial_invoice_pdf, quote_version_pdf


def wholesale_pdf(request: HttpRequest, signed: str) -> HttpResponse:
    opened = pdf_link_open(signed)
    if opened is None:
        raise Http404
    kind, quote_id, number = opened
    if kind == "v":
        version = (
            QuoteVersion.objects.filter(quote_id=quote_id, number=number)
            .select_related("quote__cluster", "quote__business")
            .first()
        )
        if version is None:
            raise Http404
        body, name = quote_version_pdf(version), f"{version.quote.number}-v{number}.pdf"
    else:
        shipment = (
            Shipment.objects.filter(quote_id=quote_id)
            .select_related("quote__cluster", "quote__business")
            .first()
        )
        if shipment is None:
            raise Http404
        body, name = commercial_invoice_pdf(shipment), f"{shipment.quote.number}-invoice.pdf"
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
