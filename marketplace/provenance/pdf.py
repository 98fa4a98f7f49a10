"""The printable certificate: the signed facts and the QR code, on one A5 page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from marketplace.core.pdf_text import display_order, font_for

from .qr import qr_png


def render_certificate_pdf(*, serial: str, facts: dict[str, Any], url: str, issuer: str) -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    page.setTitle(f"Certificate of authenticity {serial}")
    width, height = A5
    y = height - 20 * mm
    page.setFont("Helvetica-Bold", 16)
    page.drawString(15 * mm, y, "Certificate of authenticity")
    page.setFont(font_for(f"Issued by {issuer}"), 9)
    page.drawString(15 * mm, y - 6 * mm, display_order(f"Issued by {issuer}"))
    lines = [
        ("Piece", facts["product"]["name"]),
        ("Workshop", f"{facts['workshop']['name']}, {facts['workshop']['town']}"),
        ("Cluster", facts["cluster"]["name"] if facts.get("cluster") else "—"),
        ("Made in", ", ".join(v for v in facts["placeOfMaking"].values() if v)),
        (
            "Materials",
            ", ".join(
                f"{m['material']} {m['compositionPercent'] or ''}% {m['hallmark']}".replace(
                    " %", ""
                ).strip()
                for m in facts.get("materials", [])
            )
            or "—",
        ),
        ("Techniques", ", ".join(facts.get("techniques", [])) or "—"),
        ("Year made", str(facts.get("yearMade") or "—")),
        ("Serial", serial),
    ]
    y -= 20 * mm
    for label, value in lines:
        page.setFont("Helvetica-Bold", 9)
        page.drawString(15 * mm, y, label)
        page.setFont(font_for(value[:70]), 9)  # a name in Arabic prints as written
        page.drawString(45 * mm, y, display_order(value[:70]))
        y -= 7 * mm
    page.drawImage(
        ImageReader(BytesIO(qr_png(url, scale=4))), width - 55 * mm, 15 * mm, 40 * mm, 40 * mm
    )
    page.setFont("Helvetica", 7)
    page.drawString(15 * mm, 15 * mm, f"Verify: {url}")
    page.showPage()
    page.save()
    return buffer.getvalue()
