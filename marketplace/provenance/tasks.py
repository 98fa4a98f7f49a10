from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from .models import Certificate
from .pdf import render_certificate_pdf
from .signing import verify


@shared_task
def certificate_render_pdf(certificate_id: int) -> str:
    """Render the printable certificate and store it (S3 when configured)."""
    from .certificates import verify_url

    certificate = Certificate.objects.get(pk=certificate_id)
    _header, credential = verify(certificate.token)  # print only what is signed
    payload = render_certificate_pdf(
        serial=certificate.serial,
        facts=credential["credentialSubject"],
        url=verify_url(certificate.serial),
        issuer=settings.CERTIFICATE_ISSUER_NAME,
    )
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(payload), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate.pdf.name or ""


def schedule_certificate_pdf(*, certificate_id: int) -> None:
    transaction.on_commit(lambda: certificate_render_pdf.delay(certificate_id))


# The claim mails live in notify.py; importing them here registers them with the worker,
# which loads each app's tasks module.
from .notify import claim_decided_mail, claim_received_mail  # noqa: E402

__all__ = ["certificate_render_pdf", "claim_decided_mail", "claim_received_mail"]
