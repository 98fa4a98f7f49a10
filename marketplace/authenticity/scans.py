"""Recording a certificate's scans and flagging it for review when they look wrong.

A scan is one opening of the certificate's public page: when, from which country (as the
edge proxy says, when one does) and from which coarse network. The same network opening the
same certificate again within SCAN_DEDUPE_MINUTES is the same scan (a reload, a second
look). Flagging never changes what the page says about the certificate's validity: it opens
a case for the people who can judge it, and the page says the certificate is under review.

Thresholds, per SCAN_FLAG_WINDOW_HOURS (settings): more than SCAN_FLAG_COUNTRIES distinct
countries, more than SCAN_FLAG_NETWORKS distinct networks, more than SCAN_FLAG_SCANS scans;
any scan of a revoked certificate (unless a reviewer confirmed it counterfeit since); any
buyer's report (reports.py).
"""

from __future__ import annotations

import re
from datetime import timedelta
from ipaddress import ip_network
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from marketplace.provenance.models import Certificate, CertificateStatus

from .models import CertificateFlag, CertificateScan, FlagEvent, FlagEventKind, FlagStatus

# Robots and link previews open pages too: they are not people scanning a parcel.
AUTOMATED_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|telegram|discord|"
    r"headless|curl|wget|python-requests|httpclient|okhttp",
    re.IGNORECASE,
)


def coarse_network(client_ip: str) -> str:
    """The /24 of an IPv4 address, the /32 of an IPv6 one (an operator's block: one person
    gets a whole /48 or more, so anything finer lets one visitor look like many places)."""
    prefix = 24 if ":" not in client_ip else 32
    return str(ip_network(f"{client_ip}/{prefix}", strict=False))


def country_code(value: str | None) -> str:
    """A two-letter country code as an edge proxy sends it (``FR``); anything else is
    unknown (Cloudflare's ``XX`` and ``T1`` included)."""
    code = (value or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() and code not in {"XX", "T1"} else ""


def flag_reason_add(
    *, certificate: Certificate, kind: str, figures: dict[str, Any], text: str = ""
) -> CertificateFlag:
    """Join the certificate's open case, or open one, and record why. Under the
    certificate's row lock, so two scans cannot open two cases."""
    Certificate.objects.select_for_update().filter(pk=certificate.pk).first()
    now = timezone.now()
    flag = CertificateFlag.objects.filter(certificate=certificate, status=FlagStatus.OPEN).first()
    if flag is None:
        flag = CertificateFlag.objects.create(certificate=certificate, opened_at=now)
    FlagEvent.objects.create(flag=flag, kind=kind, at=now, text=text[:1000], figures=figures)
    return flag


def _revoked_scans_since(certificate: Certificate) -> int:
    """Scans of the revoked certificate since it was revoked or last decided; none count
    once a reviewer has confirmed it counterfeit after the revocation (known already)."""
    since = certificate.revoked_at
    last = (
        CertificateFlag.objects.filter(certificate=certificate)
        .exclude(status=FlagStatus.OPEN)
        .order_by("-decided_at")
        .first()
    )
    if last is not None and last.decided_at and since and last.decided_at >= since:
        if last.status == FlagStatus.CONFIRMED:
            return 0
        since = last.decided_at
    return CertificateScan.objects.filter(
        certificate=certificate, revoked=True, scanned_at__gt=since
    ).count()


def _figures(certificate: Certificate, since: Any, hours: int) -> dict[str, Any]:
    seen = CertificateScan.objects.filter(certificate=certificate, scanned_at__gte=since).aggregate(
        scans=Count("pk"),
        countries=Count("country", distinct=True, filter=~Q(country="")),
        networks=Count("network", distinct=True),
    )
    return {**seen, "hours": hours}


def _over(figures: dict[str, Any]) -> list[str]:
    kinds: list[str] = []
    if figures["countries"] > settings.SCAN_FLAG_COUNTRIES:
        kinds.append(FlagEventKind.MANY_COUNTRIES)
    if figures["networks"] > settings.SCAN_FLAG_NETWORKS:
        kinds.append(FlagEventKind.MANY_NETWORKS)
    if figures["scans"] > settings.SCAN_FLAG_SCANS:
        kinds.append(FlagEventKind.MANY_SCANS)
    return kinds


def _reasons(certificate: Certificate, now: Any) -> list[tuple[str, dict[str, Any]]]:
    hours = settings.SCAN_FLAG_WINDOW_HOURS
    since = now - timedelta(hours=hours)
    figures = _figures(certificate, since, hours)
    kinds = _over(figures)
    if kinds:
        # Scans a reviewer has already judged do not open a new case: count from then on.
        decided = (
            CertificateFlag.objects.filter(certificate=certificate, decided_at__gt=since)
            .order_by("-decided_at")
            .values_list("decided_at", flat=True)
            .first()
        )
        if decided is not None:
            figures = _figures(certificate, decided, hours)
            kinds = _over(figures)
    reasons: list[tuple[str, dict[str, Any]]] = [(kind, figures) for kind in kinds]
    if certificate.status == CertificateStatus.REVOKED and _revoked_scans_since(certificate):
        reasons.append(
            (FlagEventKind.AFTER_REVOCATION, {"revoked_at": str(certificate.revoked_at)})
        )
    return reasons


@transaction.atomic
def scan_record(
    *, certificate: Certificate, client_ip: str | None, country: str = "", user_agent: str = ""
) -> CertificateScan | None:
    """Record a scan of the certificate's page and flag the certificate if the scans now
    look wrong. None when nothing is recorded (no address to place it, a repeat, or a robot
    or link preview rather than a person)."""
    if not client_ip or AUTOMATED_AGENT.search(user_agent or ""):
        return None
    now = timezone.now()
    network = coarse_network(client_ip)
    if CertificateScan.objects.filter(
        certificate=certificate,
        network=network,
        scanned_at__gte=now - timedelta(minutes=settings.SCAN_DEDUPE_MINUTES),
    ).exists():
        return None
    scan = CertificateScan.objects.create(
        certificate=certificate,
        scanned_at=now,
        country=country_code(country),
        network=network,
        revoked=certificate.status == CertificateStatus.REVOKED,
    )
    reasons = _reasons(certificate, now)
    if reasons:
        # A reason already on the open case is not repeated at every further scan.
        flag = CertificateFlag.objects.filter(certificate=certificate, status=FlagStatus.OPEN)
        known = set(FlagEvent.objects.filter(flag__in=flag).values_list("kind", flat=True))
        for kind, figures in reasons:
            if kind not in known:
                flag_reason_add(certificate=certificate, kind=kind, figures=figures)
    return scan
