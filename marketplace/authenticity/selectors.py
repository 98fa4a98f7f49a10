"""Reads for the review pages and the certificate's public page. Lists cost the same
queries however many cases they hold. Networks are shown as they are to marketplace staff
and as a stable pseudonym to vendors: a vendor can tell networks apart, never locate one."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from marketplace.provenance.models import Certificate

from .access import reviewable_certificates_q
from .models import (
    REASON_KINDS,
    CertificateFlag,
    CertificateScan,
    FlagEvent,
    FlagEventKind,
    FlagStatus,
    ScanReport,
)

SCANS_SHOWN = 200


def network_label(network: str, *, staff: bool) -> str:
    if staff:
        return network
    digest = hmac.new(settings.SECRET_KEY.encode(), f"network:{network}".encode(), hashlib.sha256)
    return "N-" + digest.hexdigest()[:6].upper()


def _count(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(certificate=OuterRef("certificate"), **filters)
        .order_by()
        .values("certificate")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def review_queue(*, actor: Any, status: str = FlagStatus.OPEN) -> QuerySet[CertificateFlag]:
    """The cases of ``status`` on certificates the actor reviews, newest first, each with
    its certificate, piece, workshop, reasons, scans and open reports counted."""
    return (
        CertificateFlag.objects.filter(
            reviewable_certificates_q(actor=actor, prefix="certificate__"), status=status
        )
        .select_related("certificate__product__vendor__cluster", "decided_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=FlagEvent.objects.filter(kind__in=REASON_KINDS).order_by("at", "pk"),
                to_attr="reasons",
            )
        )
        .annotate(
            scan_count=_count(CertificateScan),
            open_reports=_count(ScanReport, reviewed_at__isnull=True),
        )
        .order_by("-opened_at", "-pk")
    )


def review_counts(*, actor: Any) -> dict[str, int]:
    rows = CertificateFlag.objects.filter(
        reviewable_certificates_q(actor=actor, prefix="certificate__")
    ).aggregate(
        open=Count("pk", filter=Q(status=FlagStatus.OPEN)),
        decided=Count("pk", filter=~Q(status=FlagStatus.OPEN)),
    )
    return {key: int(value or 0) for key, value in rows.items()}


@dataclass(frozen=True)
class ScanRow:
    scanned_at: Any
    country: str
    network: str
    revoked: bool


@dataclass(frozen=True)
class CaseFile:
    certificate: Certificate
    flags: list[CertificateFlag]
    open_flag: CertificateFlag | None
    scans: list[ScanRow]
    scans_total: int
    countries: list[tuple[str, int]]
    reports: list[ScanReport]


def case_file(*, certificate: Certificate, staff: bool) -> CaseFile:
    """Everything the reviewer weighs: every case with its history, the latest scans (the
    network as the reader may see it), scans per country, the buyers' reports."""
    flags = list(
        CertificateFlag.objects.filter(certificate=certificate)
        .select_related("decided_by")
        .prefetch_related(
            Prefetch("events", queryset=FlagEvent.objects.select_related("actor").order_by("at"))
        )
        .order_by("-opened_at", "-pk")
    )
    scans = CertificateScan.objects.filter(certificate=certificate)
    countries = [
        (row["country"], row["n"])
        for row in scans.order_by().values("country").annotate(n=Count("pk")).order_by("-n")
    ]
    return CaseFile(
        certificate=certificate,
        flags=flags,
        open_flag=next((f for f in flags if f.status == FlagStatus.OPEN), None),
        scans=[
            ScanRow(s.scanned_at, s.country, network_label(s.network, staff=staff), s.revoked)
            for s in scans.order_by("-scanned_at", "-pk")[:SCANS_SHOWN]
        ],
        scans_total=sum(n for _country, n in countries),
        countries=countries,
        reports=list(ScanReport.objects.filter(certificate=certificate).order_by("-created_at")),
    )


def review_state(*, certificate: Certificate) -> str | None:
    """What the public page says beyond validity: "open" while a case a buyer's report
    opened or joined is open, "confirmed" when copies were confirmed (and the certificate
    not revoked since), else None. A case opened by the scans' figures alone stays between
    the reviewers: anybody can open a page from many places, and a genuine piece must not
    look suspect to its buyer for that."""
    latest = (
        CertificateFlag.objects.filter(certificate=certificate)
        .order_by("-opened_at", "-pk")
        .first()
    )
    if latest is not None and latest.status == FlagStatus.OPEN:
        reported = latest.events.filter(kind=FlagEventKind.REPORTED).exists()
        return "open" if reported else None
    confirmed = CertificateFlag.objects.filter(
        certificate=certificate, status=FlagStatus.CONFIRMED
    ).exists()
    return "confirmed" if confirmed else None
