"""The certificates of the parcel's pieces, one page each with its QR code, in one PDF.
Only what is signed is printed: each page is drawn from the verified credential."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from pypdf import PdfReader, PdfWriter

from marketplace.provenance.certificates import verify_url
from marketplace.provenance.models import Certificate
from marketplace.provenance.pdf import render_certificate_pdf
from marketplace.provenance.signing import verify

from .data import ParcelPapers


class NoCertificates(ValueError):
    """No piece of the parcel has a certificate (yet)."""


def certificates_pdf(papers: ParcelPapers) -> bytes:
    serials = papers.serials
    certificates = {
        c.serial: c for c in Certificate.objects.filter(serial__in=serials, status="valid")
    }
    if not certificates:
        raise NoCertificates("No piece of this parcel has a certificate yet.")
    writer = PdfWriter()
    for serial in serials:
        certificate = certificates.get(serial)
        if certificate is None:
            continue
        _header, credential = verify(certificate.token)
        page = render_certificate_pdf(
            serial=serial,
            facts=credential["credentialSubject"],
            url=verify_url(serial),
            issuer=settings.CERTIFICATE_ISSUER_NAME,
        )
        writer.append(PdfReader(BytesIO(page)))
    writer.add_metadata({"/Title": f"Certificates {papers.reference}"})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
