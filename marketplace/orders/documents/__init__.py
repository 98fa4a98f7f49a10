"""The papers a workshop prints for a parcel: packing slip, customs declaration (CN22/CN23),
commercial invoice, and the certificates of authenticity of the pieces, as PDFs.

``papers_for`` reads everything a document needs in a fixed number of queries; each renderer
only draws. Labels are in French or English (the UPU's languages for customs forms); names in
other scripts (an Arabic piece or workshop) are printed as written, in an embedded Unicode font
(marketplace/core/pdf_text.py).
"""

from .certificates import certificates_pdf
from .customs import customs_declaration_pdf
from .data import PaperLine, ParcelPapers, papers_for
from .invoice import commercial_invoice_pdf
from .packing import packing_slip_pdf

__all__ = [
    "PaperLine",
    "ParcelPapers",
    "certificates_pdf",
    "commercial_invoice_pdf",
    "customs_declaration_pdf",
    "packing_slip_pdf",
    "papers_for",
]
