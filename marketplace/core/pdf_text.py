"""Text for the PDFs the marketplace prints (parcel papers, quotes, invoices), in any script.

Latin text keeps Helvetica, the papers' own face. Text with letters Helvetica cannot draw
(Arabic names of pieces and workshops, above all) is drawn in DejaVu Sans, embedded in the
PDF, with Arabic letters joined (arabic-reshaper) and right-to-left runs put in display order
(python-bidi), because ReportLab draws glyphs in the order it is given them. The fonts are
vendored from the npm package ``dejavu-fonts-ttf`` (scripts/vendor-assets)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
UNICODE_FONT = "DejaVuSans"
UNICODE_FONT_BOLD = "DejaVuSans-Bold"


@cache
def _register() -> None:
    pdfmetrics.registerFont(TTFont(UNICODE_FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(UNICODE_FONT_BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))


def needs_unicode_font(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def font_for(text: str, *, bold: bool = False) -> str:
    """Helvetica for what WinAnsi holds, DejaVu Sans for anything else."""
    if not needs_unicode_font(text):
        return "Helvetica-Bold" if bold else "Helvetica"
    _register()
    return UNICODE_FONT_BOLD if bold else UNICODE_FONT


def display_order(text: str) -> str:
    """One line as ReportLab must draw it: Arabic joined, right-to-left runs reversed."""
    if not needs_unicode_font(text):
        return text
    return str(get_display(arabic_reshaper.reshape(text)))
