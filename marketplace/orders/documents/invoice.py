"""The commercial invoice that customs and the buyer's records need: seller, buyer, each
piece with HS code, origin, quantity, unit price and value, then packaging, shipping,
discount and the total paid."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from marketplace.core.money import quantize

from .data import ParcelPapers
from .writer import PaperWriter


def commercial_invoice_pdf(papers: ParcelPapers, *, language: str) -> bytes:
    vendor_order = papers.vendor_order
    order = vendor_order.order
    cur = papers.currency

    def money(amount: Decimal) -> str:
        return f"{quantize(amount, cur)} {cur}"

    with translation.override(language):
        out = PaperWriter(_("Commercial invoice %(ref)s") % {"ref": papers.reference})
        out.heading(_("Commercial invoice"))
        out.pairs(
            [
                (_("Invoice number"), papers.reference),
                (_("Order"), f"#{order.number}"),
                (_("Date"), papers.date),
                (_("Currency"), cur),
                (_("Terms of delivery"), order.duties_mode),
                (_("Reason for export"), _("Sale")),
            ]
        )
        out.gap()
        out.columns(
            [(_("Seller / exporter"), papers.sender), (_("Buyer / consignee"), papers.recipient)]
        )
        out.gap()
        out.table(
            [
                _("Description"),
                _("HS code"),
                _("Origin"),
                _("Qty"),
                _("Unit price"),
                _("Value"),
                _("Weight (kg)"),
            ],
            [
                [
                    p.line.product_name
                    + (f" ({p.line.variant_name})" if p.line.variant_name else ""),
                    p.line.hs_code or "-",
                    p.line.origin_country or "-",
                    str(p.quantity),
                    money(p.line.unit_price),
                    money(p.value),
                    f"{p.weight_kg:.3f}",
                ]
                for p in papers.lines
            ],
            [62, 20, 14, 10, 25, 25, 18],
            right=[3, 4, 5, 6],
        )
        whole = papers.shipment is None
        discount = vendor_order.discount if whole else Decimal(0)
        total = papers.declared_value + papers.packaging + papers.shipping - discount
        if whole:
            total += vendor_order.duties
        rows = [
            (_("Goods"), money(papers.declared_value)),
            (_("Packaging"), money(papers.packaging)),
            (_("Shipping"), money(papers.shipping)),
        ]
        if discount:
            rows.append((_("Discount"), "-" + money(discount)))
        if whole and vendor_order.duties:
            rows.append((_("Import duties (paid)"), money(vendor_order.duties)))
        rows += [
            (_("Total"), money(total)),
            (_("Net weight (kg)"), f"{papers.weight_kg:.3f}"),
        ]
        out.pairs(rows, label_width=50 * mm)
        if papers.serials:
            out.gap()
            out.text(
                _("Certificates of authenticity: %(serials)s")
                % {"serials": ", ".join(papers.serials)},
                size=8,
            )
        out.gap()
        out.text(_("I declare that the information on this invoice is true and correct."), size=8)
        out.signature(_("Signature of the seller"))
        return out.done()
