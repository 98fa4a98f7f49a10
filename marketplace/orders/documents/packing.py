"""The packing slip that travels inside the parcel: what is in it, how each piece is wrapped,
the gift messages, and what follows later when the parcel ships in parts."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from .data import ParcelPapers, still_expected
from .writer import PaperWriter


def packing_slip_pdf(papers: ParcelPapers, *, language: str) -> bytes:
    vendor_order = papers.vendor_order
    order = vendor_order.order
    with translation.override(language):
        out = PaperWriter(_("Packing slip %(ref)s") % {"ref": papers.reference})
        out.heading(_("Packing slip"))
        out.pairs(
            [
                (_("Order"), f"#{order.number}"),
                (_("Parcel"), papers.reference),
                (_("Date"), papers.date),
                (_("Shipping"), vendor_order.shipping_method_name or "-"),
            ]
        )
        if papers.shipment is not None:
            out.pairs(
                [
                    (_("Carrier"), papers.shipment.carrier or "-"),
                    (_("Tracking number"), papers.shipment.tracking_number or "-"),
                ]
            )
        out.gap()
        out.columns([(_("From"), papers.sender), (_("Ship to"), papers.recipient)])
        out.gap()
        out.table(
            [_("Qty"), _("Piece"), _("SKU"), _("Packaging"), _("Packed")],
            [
                [
                    str(p.quantity),
                    p.line.product_name
                    + (f" ({p.line.variant_name})" if p.line.variant_name else ""),
                    p.line.product_sku,
                    p.line.packaging_name or _("Standard"),
                    "[  ]",
                ]
                for p in papers.lines
            ],
            [10, 70, 35, 45, 14],
            right=[0],
        )
        messages = [p for p in papers.lines if p.line.gift_message]
        if messages:
            out.gap()
            out.text(_("Gift messages"), size=11, bold=True)
            for p in messages:
                out.text(f"{p.line.product_name}: \u201c{p.line.gift_message}\u201d")
        later = still_expected(papers)
        if later:
            out.gap()
            out.text(_("To follow in a later shipment"), size=11, bold=True)
            for line, quantity in later:
                out.text(f"{quantity} x {line.product_name}")
        if order.customer_note:
            out.gap()
            out.pairs([(_("Buyer's note"), order.customer_note)])
        if papers.serials:
            out.gap()
            out.text(
                _("Each piece carries a signed certificate of authenticity: %(serials)s")
                % {"serials": ", ".join(papers.serials)},
                size=8,
            )
        out.gap()
        out.text(_("Thank you for buying from %(name)s.") % {"name": vendor_order.vendor.name})
        return out.done()
