"""Claims with evidence, and cluster attestations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ClaimKind(models.TextChoices):
    GEOGRAPHICAL_INDICATION = "geographical_indication", "Geographical indication"
    CRAFT_LABEL = "craft_label", "Craft label"
    CLUSTER_LABEL = "cluster_label", "Cluster label"
    FAIR_TRADE_AUDIT = "fair_trade_audit", "Fair-trade audit"


def _private_storage() -> Any:
    from marketplace.core.private_files import private_storage_lazy

    return private_storage_lazy


class Claim(models.Model):
    """A claim about a product, backed by a document; a badge once verified and while valid."""

    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=32, choices=ClaimKind.choices)
    title = models.CharField(max_length=255)
    issuing_body = models.CharField(max_length=255)
    # Private: read only through a signed link (marketplace.core.private_links).
    evidence = models.FileField(
        upload_to="claims", storage=_private_storage, max_length=255, blank=True
    )
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # A verifier who finds the evidence wanting says why; the workshop reads it and may send
    # a new claim. A rejected claim never shows (it is not verified).
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="claim_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(verified_at__isnull=True) | Q(rejected_at__isnull=True),
                name="claim_verified_or_rejected",
            ),
        ]


class Attestation(models.Model):
    """A cluster manager's word that a member's product is made in the cluster."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="attestations"
    )
    cluster = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="+")
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    attested_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "cluster"], name="attestation_once_per_cluster"
            )
        ]
