"""Workshops and clusters: the sellers, each with a storefront profile."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from marketplace.core.models import MetadataModel, TranslationModel


class VendorKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    CLUSTER = "cluster", _("Cluster")


class VendorStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    REJECTED = "rejected", _("Application rejected")


class DomainStatus(models.TextChoices):
    NONE = "none", _("No custom domain")
    REQUESTED = "requested", _("Requested")
    ACTIVE = "active", _("Active")


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
    artisan_card_number = models.CharField(
        max_length=32, blank=True, help_text="The artisan card (carte d'artisan) number."
    )
    moderates_listings = models.BooleanField(
        default=False, help_text="Clusters: members' listings wait for a manager's approval."
    )
    custom_domain = models.CharField(max_length=253, blank=True)
    custom_domain_status = models.CharField(
        max_length=16, choices=DomainStatus.choices, default=DomainStatus.NONE
    )
    status_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why the workshop was suspended or rejected, for its owner.",
    )
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
            models.UniqueConstraint(
                fields=["custom_domain"],
                condition=~Q(custom_domain=""),
                name="vendor_custom_domain_unique",
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
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")
    MANAGER = "manager", _("Cluster manager")


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


def _private_storage() -> Any:
    from marketplace.core.private_files import private_storage

    return private_storage()


def document_path(instance: VendorDocument, filename: str) -> str:
    """Under the workshop's own prefix; ``filename`` is the server's ``<uuid>.<ext>``."""
    return f"vendors/{instance.vendor_id}/documents/{filename}"


class DocumentKind(models.TextChoices):
    ARTISAN_CARD = "artisan_card", _("Artisan card")
    TRADE_REGISTER = "trade_register", _("Trade register extract")
    OTHER = "other", _("Other document")


class VendorDocument(models.Model):
    """A paper sent with an application (artisan card, register extract). Private storage
    only: it names a person; staff and the cluster's managers read it through the app."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)
    file = models.FileField(storage=_private_storage, upload_to=document_path, max_length=255)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)


class VendorInvitation(models.Model):
    """A cluster manager's invitation to a workshop: the link leads to the application form
    with the cluster chosen; the application still waits for the manager's approval."""

    cluster = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        Vendor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "email"], name="vendor_invitation_unique")
        ]


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ListingReview(models.Model):
    """A cluster manager's decision on a member's listing, when the cluster moderates.

    A product of a workshop whose cluster moderates listings is visible to buyers only with an
    approved review (``catalog.selectors.products_visible``)."""

    product = models.OneToOneField(
        "catalog.Product", on_delete=models.CASCADE, related_name="listing_review"
    )
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reason = models.CharField(max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["status", "submitted_at"])]


def making_of_path(instance: MakingOfPhoto, filename: str) -> str:
    """Under the vendor's own prefix; ``filename`` is the server's ``<uuid>[-<width>].<ext>``."""
    return f"vendors/{instance.vendor_id}/making-of/{filename}"


class MakingOfPhoto(models.Model):
    """A photo of the work at the bench, shown on the vendor's storefront in order.

    ``image`` is the re-encoded upload; ``small``/``medium``/``large`` are WebP renditions
    (480, 960 and 1600 pixels wide at most) made when it is added, so the gallery's
    ``srcset`` never points at a rendition that does not exist yet. Captions are per
    language (``{"fr": "...", "ar": "..."}``): the page shows its own language's, else the
    first one written."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="making_of_photos")
    image = models.ImageField(upload_to=making_of_path, max_length=255)
    small = models.ImageField(upload_to=making_of_path, max_length=255)
    medium = models.ImageField(upload_to=making_of_path, max_length=255)
    large = models.ImageField(upload_to=making_of_path, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    captions = models.JSONField(default=dict, blank=True)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("sort_order", "pk")
        indexes = [models.Index(fields=["vendor", "sort_order"])]

    def __str__(self) -> str:
        return f"{self.vendor_id}: {self.image.name}"

    def caption_in(self, language_code: str) -> str:
        own = str((self.captions or {}).get(language_code) or "")
        if own:
            return own
        return next((str(text) for text in (self.captions or {}).values() if text), "")
