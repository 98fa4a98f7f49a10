"""What a reviewer decides about a flagged certificate: dismiss the case, confirm that
copies carry its code (and, for those certificate_revoke allows, revoke it), or note what
they found. Each is one transaction under the case's row lock; the wrong actor gets the
NotFound a missing serial gets and nothing changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError
from marketplace.provenance.certificates import certificate_revoke
from marketplace.provenance.models import Certificate, CertificateStatus

from .access import certificate_for_review, may_decide, may_revoke
from .models import CertificateFlag, FlagEvent, FlagEventKind, FlagStatus, ScanReport

NOTE_MAX = 1000


def _note(text: str, *, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise DomainError("Write what you found.", field="note", code="REQUIRED")
    if len(text) > NOTE_MAX:
        raise DomainError(
            f"A note holds at most {NOTE_MAX} characters.", field="note", code="INVALID"
        )
    return text


def _open_case(certificate: Certificate) -> CertificateFlag:
    # The certificate's row first, as scans.flag_reason_add takes it: a reason arriving
    # while the case is decided waits, then opens a new case instead of joining a closed one.
    Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
    flag = (
        CertificateFlag.objects.select_for_update()
        .filter(certificate=certificate, status=FlagStatus.OPEN)
        .first()
    )
    if flag is None:
        raise DomainError(
            "This certificate is not under review: there is nothing to decide.",
            field="serial",
            code="INVALID",
        )
    return flag


def _may_decide_or_refuse(actor: Any, certificate: Certificate) -> None:
    if not may_decide(actor=actor, certificate=certificate):
        raise DomainError(
            "Only the cluster's managers or the marketplace decide this case; add a note "
            "for them instead.",
            field="decision",
            code="PERMISSION_DENIED",
        )


def _decide(flag: CertificateFlag, *, actor: Any, status: str, kind: str, note: str) -> None:
    now = timezone.now()
    flag.status, flag.decided_at, flag.decided_by = status, now, actor
    flag.save(update_fields=["status", "decided_at", "decided_by"])
    FlagEvent.objects.create(flag=flag, kind=kind, at=now, actor=actor, text=note)
    ScanReport.objects.filter(certificate_id=flag.certificate_id, reviewed_at__isnull=True).update(
        reviewed_at=now
    )


@transaction.atomic
def flag_dismiss(*, actor: Any, serial: str, note: str = "") -> CertificateFlag:
    """The scans were innocent (a piece travelling, a shared photo of its code)."""
    certificate = certificate_for_review(actor=actor, serial=serial)
    _may_decide_or_refuse(actor, certificate)
    text = _note(note, required=False)
    flag = _open_case(certificate)
    _decide(flag, actor=actor, status=FlagStatus.DISMISSED, kind=FlagEventKind.DISMISSED, note=text)
    return flag


@transaction.atomic
def flag_confirm(*, actor: Any, serial: str, note: str, revoke: bool = False) -> CertificateFlag:
    """Copies carry this certificate's code. The certificate is marked (its page warns
    buyers); with ``revoke`` it is revoked through certificate_revoke, the note as reason."""
    certificate = certificate_for_review(actor=actor, serial=serial)
    _may_decide_or_refuse(actor, certificate)
    text = _note(note, required=True)
    if revoke and not may_revoke(actor=actor, certificate=certificate):
        raise DomainError(
            "Only the cluster's managers or the marketplace can revoke this certificate.",
            field="revoke",
            code="INVALID",
        )
    flag = _open_case(certificate)
    if revoke and certificate.status != CertificateStatus.REVOKED:
        certificate_revoke(serial=certificate.serial, actor=actor, reason=text[:255])
    _decide(flag, actor=actor, status=FlagStatus.CONFIRMED, kind=FlagEventKind.CONFIRMED, note=text)
    return flag


@transaction.atomic
def flag_note_add(*, actor: Any, serial: str, note: str) -> FlagEvent:
    """A note on the certificate's open case, else on its latest one."""
    certificate = certificate_for_review(actor=actor, serial=serial)
    text = _note(note, required=True)
    flag = (
        CertificateFlag.objects.select_for_update()
        .filter(certificate=certificate)
        .order_by("-opened_at", "-pk")
        .first()
    )
    if flag is None:
        raise DomainError(
            "This certificate has never been flagged: there is no case to note.",
            field="serial",
            code="INVALID",
        )
    return FlagEvent.objects.create(
        flag=flag, kind=FlagEventKind.NOTE, at=timezone.now(), actor=actor, text=text
    )
