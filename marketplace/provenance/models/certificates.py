"""Signed authenticity certificates and the public keys that verify them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class SigningKey(models.Model):
    """A certificate signing key's public half, published in the JWKS for ever (rotation keeps
    old certificates verifiable). The private half never enters the database."""

    kid = models.CharField(max_length=64, unique=True)
    public_key = models.CharField(max_length=64, help_text="Ed25519 public key, base64url")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=Q(active=True), name="one_active_signing_key"
            )
        ]


class CertificateStatus(models.TextChoices):
    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"


class Certificate(models.Model):
    serial = models.CharField(max_length=40, unique=True)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="certificates"
    )
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order_reference = models.CharField(max_length=64, blank=True)
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    token = models.TextField(help_text="The signed credential, compact JWS")
    issued_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(upload_to="certificates", max_length=255, blank=True)

    class Meta:
        ordering = ("-issued_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True)
                | Q(status="revoked", revoked_at__isnull=False),
                name="certificate_revocation_consistent",
            )
        ]
