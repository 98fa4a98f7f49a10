"""QR codes that carry a certificate's verification URL."""

from __future__ import annotations

from io import BytesIO

import segno


def qr_png(url: str, *, scale: int = 6) -> bytes:
    """A PNG QR code (error correction M) for ``url``."""
    buffer = BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, *, scale: int = 4) -> str:
    buffer = BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", scale=scale, xmldecl=False)
    return buffer.getvalue().decode()
