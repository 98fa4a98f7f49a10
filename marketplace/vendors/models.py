"""Workshops and clusters: the sellers, each with a storefront profile."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField

from marketplace.core.models import MetadataModel, TranslationModel


class VendorKind(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    CLUSTER = "cluster", "Cluster"


class VendorStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    SUSPENDED = "suspended", "Suspended"


class Vendor(MetadataModel):
    """A workshop (one artisan or family) or a cluster (workshops of one town and craft)."""

    kind = models.CharField(max_length=16, choices=VendorKind.choices)
    cluster = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        limit_choices_to={"kind": VendorKind.CLUSTER},
    )
    slug = models.SlugField(max_length=255, unique=True)
    name = models.CharField(max_length=255)
    craft = models.CharField(max_length=128, blank=True)
    tagline = models.CharField(max_length=255, blank=True)
    story = models.JSONField(default=dict, blank=True)
    logo = models.ImageField(upload_to="vendors/logos", blank=True)
    banner = models.ImageField(upload_to="vendors/banners", blank=True)
    primary_color = models.CharField(max_length=7, default="#8a4b2a")
    secondary_color = models.CharField(max_length=7, default="#f4e9dc")
    town = models.CharField(max_length=128)
    region = models.CharField(max_length=128, help_text="Wilaya or governorate")
    country = CountryField()
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(
        max_length=16, choices=VendorStatus.choices, default=VendorStatus.PENDING
    )
    founded_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="workshop") | Q(cluster__isnull=True),
                name="vendor_only_workshops_join_clusters",
            ),
            models.CheckConstraint(
                condition=~Q(cluster=models.F("pk")), name="vendor_not_own_cluster"
            ),
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_cluster(self) -> bool:
        return self.kind == VendorKind.CLUSTER


class VendorTranslation(TranslationModel):
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=255, blank=True)
    tagline = models.CharField(max_length=255, blank=True)
    story = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "language_code"], name="vendor_translation_unique"
            )
        ]


class VendorRole(models.TextChoices):
    OWNER = "owner", "Owner"
    STAFF = "staff", "Staff"
    MANAGER = "manager", "Cluster manager"


class VendorMembership(models.Model):
    """A user's role on a workshop (owner, staff) or a cluster (manager, staff)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_memberships"
    )
    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=VendorRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "vendor"], name="vendor_membership_unique")
        ]
