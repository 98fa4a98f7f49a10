"""Who made a piece, where, how and of what."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField

from marketplace.core.models import TranslationModel

from .vocabulary import Material, Technique


class Artisan(models.Model):
    """A named maker in a workshop; shown to buyers only with their consent."""

    workshop = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="artisans"
    )
    name = models.CharField(max_length=255)
    consents_to_display = models.BooleanField(default=False)
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class ProductionKind(models.TextChoices):
    ONE_OF_A_KIND = "one_of_a_kind", "One of a kind"
    MADE_TO_ORDER = "made_to_order", "Made to order"
    READY_TO_SHIP = "ready_to_ship", "Ready to ship"


class Provenance(models.Model):
    """A product's provenance; a row with a variant overrides the product's for that variant."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="provenance_records"
    )
    variant = models.OneToOneField(
        "catalog.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="provenance",
    )
    artisans = models.ManyToManyField(Artisan, blank=True, related_name="provenances")
    town = models.CharField(max_length=128, blank=True)
    region = models.CharField(max_length=128, blank=True)
    country = CountryField(blank=True)
    techniques = models.ManyToManyField(Technique, blank=True, related_name="+")
    length_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    hours_of_work = models.PositiveIntegerField(null=True, blank=True)
    year_made = models.PositiveSmallIntegerField(null=True, blank=True)
    production_kind = models.CharField(
        max_length=16, choices=ProductionKind.choices, default=ProductionKind.READY_TO_SHIP
    )
    processing_days_min = models.PositiveSmallIntegerField(null=True, blank=True)
    processing_days_max = models.PositiveSmallIntegerField(null=True, blank=True)
    maker_story = models.JSONField(default=dict, blank=True)
    hs_code = models.CharField(max_length=12, blank=True, help_text="Overrides the product type's")
    origin_country = CountryField(blank=True, help_text="Overrides the workshop's country")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=Q(variant__isnull=True), name="provenance_per_product"
            ),
            models.CheckConstraint(
                condition=Q(processing_days_min__isnull=True)
                | Q(processing_days_max__isnull=True)
                | Q(processing_days_min__lte=F("processing_days_max")),
                name="provenance_processing_days_ordered",
            ),
        ]


class ProvenanceTranslation(TranslationModel):
    """The maker's story in another language."""

    provenance = models.ForeignKey(
        Provenance, on_delete=models.CASCADE, related_name="translations"
    )
    maker_story = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provenance", "language_code"], name="provenance_tr_uniq"
            )
        ]


class ProvenanceMaterial(models.Model):
    """A material of the piece, with its share and its hallmark (e.g. silver 925)."""

    provenance = models.ForeignKey(Provenance, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="+")
    composition_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    hallmark = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                condition=Q(composition_percent__isnull=True)
                | (Q(composition_percent__gt=0) & Q(composition_percent__lte=100)),
                name="material_share_is_a_percentage",
            )
        ]


class ProvenancePhoto(models.Model):
    """A photo of the making: the workshop, the artisan at work, the piece unfinished."""

    provenance = models.ForeignKey(Provenance, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="provenance", max_length=255)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "pk")
