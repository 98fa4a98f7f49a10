"""The customs declaration: CN22 for a parcel worth up to 300 SDR, CN23 above (the form the
shipping domain chose at checkout, re-decided for a partial shipment's own value). Per
line: description, quantity, net weight, value, HS tariff number and country of origin."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.units import mm

from marketplace.core.money import quantize

from .data import ParcelPapers
from .writer import PaperWriter

UPU_TITLES = {
    "CN22": "CN 22 - Déclaration en douane / Customs declaration",
    "CN23": "CN 23 - Déclaration en douane / Customs declaration",
}


class NoCustomsNeeded(ValueError):
    """The parcel stays in the country: there is nothing to declare."""


def customs_declaration_pdf(papers: ParcelPapers, *, language: str) -> bytes:
    if not papers.customs_form:
        raise NoCustomsNeeded("This parcel does not cross a border.")
    cur = papers.currency
    with translation.override(language):
        out = PaperWriter(f"{papers.customs_form} {papers.reference}")
        out.heading(UPU_TITLES[papers.customs_form], size=13)
        out.pairs(
            [
                (_("Form"), papers.customs_form),
                (_("Parcel"), papers.reference),
                (_("Date"), papers.date),
                (_("Category of item"), _("Sale of goods")),
            ]
        )
        out.gap()
        out.columns([(_("From"), papers.sender), (_("To"), papers.recipient)])
        out.gap()
        out.table(
            [
                _("Detailed description of contents"),
                _("Qty"),
                _("Net weight (kg)"),
                _("Value"),
                _("HS tariff number"),
                _("Country of origin"),
            ],
            [
                [
                    f"{p.line.customs_description or p.line.product_name}: {p.line.product_name}",
                    str(p.quantity),
                    f"{p.weight_kg:.3f}",
                    f"{quantize(p.value, cur)} {cur}",
                    p.line.hs_code or "-",
                    p.line.origin_country or "-",
                ]
                for p in papers.lines
            ],
            [62, 9, 22, 26, 24, 30],
            right=[1, 2, 3],
        )
        out.pairs(
            [
                (_("Total weight (kg)"), f"{papers.weight_kg:.3f}"),
                (_("Total value"), f"{quantize(papers.declared_value, cur)} {cur}"),
                (
                    _("Postal charges / fees"),
                    f"{quantize(papers.shipping or Decimal(0), cur)} {cur}",
                ),
                (
                    _("Duties"),
                    _("paid at checkout (DDP)")
                    if papers.vendor_order.duties
                    else _("paid by the addressee (DAP)"),
                ),
            ],
            label_width=55 * mm,
        )
        out.gap()
        out.text(
            _(
                "I certify that the particulars given in this customs declaration are correct "
                "and that this item does not contain any dangerous article prohibited by "
                "legislation or by postal or customs regulations."
            ),
            size=7,
        )
        out.signature(_("Date and sender's signature"))
        return out.done()
