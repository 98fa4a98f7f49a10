"""Signed, short-lived links to a group order's PDFs. Only an actor allowed to see the quote
is given one (by the API or a page); the link itself is the grant, so an API client holding a
token and a browser holding a session both open it."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "wholesale-pdf"
MAX_AGE = 3600  # seconds


def version_pdf_path(*, quote_id: int, number: int) -> str:
    return reverse("wholesale-pdf", args=[signing.dumps(["v", quote_id, number], salt=SALT)])


def invoice_pdf_path(*, quote_id: int) -> str:
    return reverse("wholesale-pdf", args=[signing.dumps(["i", quote_id, 0], salt=SALT)])


def pdf_link_open(value: str) -> tuple[str, int, int] | None:
    """(kind, quote id, version number) from a link still valid, else None."""
    try:
        kind, quote_id, number = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return str(kind), int(quote_id), int(number)
