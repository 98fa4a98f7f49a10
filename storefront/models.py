"""What the shop itself stores: buyers' reports of a suspicious certificate scan."""

from __future__ import annotations

from django.db import models


class ScanReportReason(models.TextChoices):
    DIFFERENT_PIECE = "DIFFERENT_PIECE", "The piece does not match the photos"
    OTHER_SELLER = "OTHER_SELLER", "Sold by someone other than the workshop"
    SAME_CODE_ELSEWHERE = "SAME_CODE_ELSEWHERE", "The same code on other pieces"
    OTHER = "OTHER", "Something else"


class ScanReport(models.Model):
    """A buyer's report that a certificate's QR code looks misused (on a copy, say), for the
    piece's cluster to review. No personal data: the reporter's address is kept only as a
    keyed hash, to tell many reporters from one."""

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
        indexes = [models.Index(fields=["certificate", "created_at"])]

    def __str__(self) -> str:
        return f"{self.certificate_id}: {self.reason}"
