"""The parcel papers, quotes and certificates print a name in any script as written: an
Arabic piece or workshop is drawn joined, right to left, in an embedded Unicode font (never
as question marks), and Latin text keeps Helvetica."""

from __future__ import annotations

import unicodedata
from io import BytesIO

from pypdf import PdfReader

from marketplace.core.pdf_text import display_order, font_for
from marketplace.orders.documents.writer import PaperWriter
from marketplace.provenance.pdf import render_certificate_pdf


def _text(pdf: bytes) -> str:
    raw = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", raw)


def _fonts(pdf: bytes) -> set[str]:
    page = PdfReader(BytesIO(pdf)).pages[0]
    return {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}


def test_arabic_names_print_as_written_in_every_part_of_a_paper():
    writer = PaperWriter("صينية")
    writer.heading("Commercial invoice")
    writer.text("صينية نحاسية منقوشة")
    writer.pairs([("Sender", "ورشة النحاس")])
    writer.columns([("From", ["ورشة النحاس", "قسنطينة"]), ("To", ["Claire Martin"])])
    writer.table(["Piece", "Value"], [["صينية نحاسية", "289.550"]], [3, 1], right=[1])
    pdf = writer.done()

    text = _text(pdf)
    for name in ("صينية نحاسية منقوشة", "ورشة النحاس", "قسنطينة", "صينية نحاسية"):
        assert name in text, text
    assert "?" not in text
    fonts = _fonts(pdf)
    assert any("DejaVuSans" in f for f in fonts) and "/Helvetica-Bold" in fonts, fonts


def test_latin_text_keeps_helvetica_and_its_order():
    assert font_for("Plateau ciselé — 12 €") == "Helvetica"
    assert font_for("Plateau", bold=True) == "Helvetica-Bold"
    assert display_order("Plateau ciselé") == "Plateau ciselé"
    assert font_for("صينية") == "DejaVuSans"


def test_a_certificate_prints_an_arabic_piece_and_workshop():
    facts = {
        "product": {"name": "صينية نحاسية"},
        "workshop": {"name": "ورشة النحاس", "town": "قسنطينة"},
        "cluster": None,
        "placeOfMaking": {"town": "Constantine", "country": "DZ"},
        "materials": [],
        "techniques": [],
        "yearMade": 2026,
    }
    pdf = render_certificate_pdf(
        serial="CERT-1", facts=facts, url="https://example.test/verify/CERT-1/", issuer="Souk"
    )
    text = _text(pdf)
    assert "صينية نحاسية" in text and "ورشة النحاس, قسنطينة" in text, text
