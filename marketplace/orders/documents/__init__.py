"""The papers a workshop prints for a parcel: packing slip, customs declaration (CN22/CN23),
commercial invoice, and the certificates of authenticity of the pieces, as PDFs.

``papers_for`` reads everything a document needs in a fixed number of queries; each renderer
only draws. Text is drawn in a Latin font (customs forms are filled in French or English, the
UPU's languages): documents are rendered in French or English.
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
