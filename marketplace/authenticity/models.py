"""Watching certificates in the wild: each opening of a certificate's public page (a scan),
buyers' reports of a suspicious one, and the review case (a flag) opened when scans look
wrong. Nothing personal: a country, a coarse network (IPv4 /24, IPv6 /48), keyed hashes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class CertificateScan(models.Model):
    certificate = models.ForeignKey(
        "provenance.Certificate", on_delete=models.CASCADE, related_name="scans"
    )
    scanned_at = models.DateTimeField()
    country = models.CharField(max_length=2, blank=True, help_text="ISO code, when known")
    network = models.CharField(
        max_length=64, help_text="The caller's network (IPv4 /24, IPv6 /48), never the address"
    )
    revoked = models.BooleanField(default=False, help_text="The certificate was revoked then")

    class Meta:
        ordering = ("-scanned_at", "-pk")
        indexes = [
            models.Index(fields=["certificate", "scanned_at"], name="scan_certificate_time"),
        ]


class ScanReportReason(models.TextChoices):
    DIFFERENT_PIECE = "DIFFERENT_PIECE", "The piece does not match the photos"
    OTHER_SELLER = "OTHER_SELLER", "Sold by someone other than the workshop"
    SAME_CODE_ELSEWHERE = "SAME_CODE_ELSEWHERE", "The same code on other pieces"
    OTHER = "OTHER", "Something else"


class ScanReport(models.Model):
    """A buyer's report that a certificate's QR code looks misused (on a copy, say). The
    reporter's address is kept only as a keyed hash, to tell many reporters from one."""

    certificate = models.ForeignKey(
        "provenance.Certificate", on_delete=models.CASCADE, related_name="scan_reports"
    )
    reason = models.CharField(max_length=24, choices=ScanReportReason.choices)
    note = models.CharField(max_length=500, blank=True)
    where = models.CharField(max_length=120, blank=True, help_text="Where the piece was seen")
    reporter = models.CharField(max_length=64, help_text="HMAC of the reporter's IP address")
    language_code = models.CharField(max_length=10, default="en")
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["certificate", "created_at"], name="report_cert_time")]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.reason}"


class FlagStatus(models.TextChoices):
    OPEN = "open", "Under review"
    DISMISSED = "dismissed", "Dismissed"
    CONFIRMED = "confirmed", "Counterfeit confirmed"


class CertificateFlag(models.Model):
    """One review case of a certificate: opened by the first reason, decided once. At most
    one open case per certificate; later reasons join it."""

    certificate = models.ForeignKey(
        "provenance.Certificate", on_delete=models.CASCADE, related_name="flags"
    )
    status = models.CharField(max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    opened_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-opened_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status="open"),
                name="one_open_flag_per_certificate",
            ),
            models.CheckConstraint(
                condition=Q(status="open", decided_at__isnull=True)
                | (~Q(status="open") & Q(decided_at__isnull=False)),
                name="flag_decision_consistent",
            ),
        ]
        indexes = [models.Index(fields=["status", "opened_at"], name="flag_status_time")]


class FlagEventKind(models.TextChoices):
    MANY_COUNTRIES = "many_countries", "Scanned from many countries"
    MANY_NETWORKS = "many_networks", "Scanned from many networks"
    MANY_SCANS = "many_scans", "Scanned far more often than a piece is"
    AFTER_REVOCATION = "after_revocation", "Scanned after its revocation"
    REPORTED = "reported", "Reported by a buyer"
    NOTE = "note", "Note"
    DISMISSED = "dismissed", "Dismissed"
    CONFIRMED = "confirmed", "Counterfeit confirmed"


REASON_KINDS = frozenset(
    {
        FlagEventKind.MANY_COUNTRIES,
        FlagEventKind.MANY_NETWORKS,
        FlagEventKind.MANY_SCANS,
        FlagEventKind.AFTER_REVOCATION,
        FlagEventKind.REPORTED,
    }
)


class FlagEvent(models.Model):
    """The case's history: each reason it was flagged for (with the figures seen), each
    reviewer's note and the decision."""

    flag = models.ForeignKey(CertificateFlag, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=FlagEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=1000, blank=True)
    figures = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("at", "pk")
