"""PDFs of a group order: each quote version, and the shipment's commercial invoice with its
packing list. Built in a fixed number of queries whatever the number of lines."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from marketplace.core.pdf_text import display_order, font_for
from marketplace.provenance.models import Certificate

from .models import QuoteShare, QuoteVersion, ShareStatus, Shipment


class _Writer:
    def __init__(self, title: str) -> None:
        self.buffer = BytesIO()
        self.canvas = Canvas(self.buffer, pagesize=A4)
        self.canvas.setTitle(title)
        self.y = A4[1] - 20 * mm

    def line(self, text: str, *, size: int = 9, bold: bool = False) -> None:
        if self.y < 20 * mm:
            self.canvas.showPage()
            self.y = A4[1] - 20 * mm
        self.canvas.setFont(font_for(text, bold=bold), size)
        self.canvas.drawString(15 * mm, self.y, display_order(text[:130]))
        self.y -= size * 0.5 * mm + 2 * mm

    def done(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def quote_version_pdf(version: QuoteVersion) -> bytes:
    quote = version.quote
    cur = quote.currency
    out = _Writer(f"{quote.number} v{version.number}")
    out.line(
        _("Quote %(number)s, version %(v)s") % {"number": quote.number, "v": version.number},
        size=14,
        bold=True,
    )
    out.line(
        f"{quote.cluster.name} -> {quote.business.company_name} "
        f"({quote.destination_country}, {quote.incoterm})"
    )
    out.line(
        _("Valid until %(date)s; lead time %(days)s days")
        % {"date": version.expires_on.isoformat(), "days": version.lead_time_days}
    )
    for row in version.snapshot:
        out.line(
            f"{row['title']} | {row['producer']} | {row['quantity']} x {row['unit_price']} {cur}"
            f" = {row['value']} {cur} | {row['promised_date']}"
        )
    out.line(
        _("Lines: %(n)s %(c)s (cluster fee included: %(f)s)")
        % {"n": version.lines_total, "c": cur, "f": version.cluster_fee},
        bold=True,
    )
    out.line(_("Packaging: %(n)s %(c)s") % {"n": version.packaging, "c": cur})
    out.line(_("Consolidated shipment: %(n)s %(c)s") % {"n": version.shipping, "c": cur})
    out.line(
        _("Duties estimate (%(t)s): %(n)s %(c)s")
        % {"t": quote.incoterm, "n": version.duties, "c": cur}
    )
    out.line(
        _("Total: %(n)s %(c)s; deposit %(d)s %(c)s")
        % {"n": version.total, "c": cur, "d": version.deposit},
        size=11,
        bold=True,
    )
    return out.done()


def commercial_invoice_pdf(shipment: Shipment) -> bytes:
    """One commercial invoice and packing list for the whole shipment: per line, its producer,
    HS code, origin, quantity, value and weight; certificates for the pieces that carry one."""
    quote = shipment.quote
    cur = quote.currency
    shares = list(
        QuoteShare.objects.filter(line__quote=quote, status=ShareStatus.ACCEPTED)
        .select_related("line", "workshop")
        .order_by("line__sort_order", "pk")
    )
    product_ids = {s.line.product_id for s in shares if s.line.product_id}
    certificates: dict[int, list[str]] = {}
    for product_id, serial in Certificate.objects.filter(
        product_id__in=product_ids, status="valid"
    ).values_list("product_id", "serial"):
        certificates.setdefault(product_id, []).append(serial)
    out = _Writer(f"{quote.number} commercial invoice")
    out.line(_("Commercial invoice %(number)s") % {"number": quote.number}, size=14, bold=True)
    out.line(_("Exporter: %(name)s") % {"name": quote.cluster.name})
    out.line(
        _("Consignee: %(name)s, %(addr)s")
        % {"name": quote.business.company_name, "addr": " ".join(quote.destination_address.split())}
    )
    out.line(
        _("VAT %(vat)s EORI %(eori)s; Incoterm %(t)s")
        % {
            "vat": quote.business.vat_number,
            "eori": quote.business.eori_number,
            "t": quote.incoterm,
        }
    )
    total_value = total_weight = Decimal(0)
    for share in shares:
        value = share.unit_price * share.quantity
        weight = share.line.unit_weight_kg * share.quantity
        total_value += value
        total_weight += weight
        out.line(
            f"{share.line.title} | {_('producer')}: {share.workshop.name} | "
            f"HS {share.line.hs_code} | {_('origin')}: {share.workshop.country} | "
            f"{share.quantity} | {value:.2f} {cur} | {weight:.3f} kg"
        )
        serials = certificates.get(share.line.product_id or 0)
        if serials:
            out.line("    " + _("Certificates: %(s)s") % {"s": ", ".join(serials)}, size=8)
    out.line(
        _("Total value %(v)s %(c)s, net weight %(w)s kg")
        % {"v": f"{total_value:.2f}", "c": cur, "w": f"{total_weight:.3f}"},
        bold=True,
    )
    out.line(_("Packing list"), size=12, bold=True)
    names = {s.pk: f"{s.line.title} ({s.workshop.name})" for s in shares}
    for box in shipment.boxes.order_by("number"):
        inside = ", ".join(
            f"{row['quantity']} x {names.get(row['share'], '?')}" for row in box.contents
        )
        out.line(
            _("Box %(n)s, %(w)s kg: %(c)s") % {"n": box.number, "w": box.weight_kg, "c": inside}
        )
    out.line(
        _("Carrier %(c)s, tracking %(t)s")
        % {"c": shipment.carrier or "-", "t": shipment.tracking_number or "-"}
    )
    return out.done()
