"""Buyers report a suspicious certificate scan; each report puts the certificate under
review (scans.flag_reason_add).

Rate-limited through the domain's throttle (core/throttle.py, shared with the API): per
reporter (REPORTS_PER_IP per hour) and per certificate (REPORTS_PER_CERTIFICATE per day), so
the form cannot be used to flood a cluster. Nothing personal is stored.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.throttle import rate_limit
from marketplace.provenance.models import Certificate

from .models import FlagEventKind, ScanReport, ScanReportReason
from .scans import flag_reason_add

REPORTS_PER_IP = 5
REPORTS_PER_CERTIFICATE = 50


def _reporter(client_ip: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"scan-report:{client_ip}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def scan_report_create(
    *,
    serial: str,
    reason: str,
    note: str,
    where: str,
    client_ip: str | None,
    language_code: str,
) -> ScanReport:
    certificate = Certificate.objects.filter(serial=serial.strip().upper()).first()
    if certificate is None:
        raise NotFound("No certificate has this serial.", field="serial")
    if reason not in ScanReportReason.values:
        raise DomainError("Choose a reason.", field="reason", code="INVALID")
    if not client_ip:
        raise DomainError("Can't determine your IP address.", code="UNKNOWN_IP_ADDRESS")
    reporter = _reporter(client_ip)
    rate_limit(scope="scan-report", key=f"ip:{reporter}", limit=REPORTS_PER_IP, window_seconds=3600)
    rate_limit(
        scope="scan-report",
        key=f"certificate:{certificate.pk}",
        limit=REPORTS_PER_CERTIFICATE,
        window_seconds=24 * 3600,
    )
    report = ScanReport.objects.create(
        certificate=certificate,
        reason=reason,
        note=note.strip()[:500],
        where=where.strip()[:120],
        reporter=reporter,
        language_code=language_code[:10],
    )
    flag_reason_add(
        certificate=certificate,
        kind=FlagEventKind.REPORTED,
        figures={"report": report.pk, "reason": reason},
    )
    return report
