"""Packaging options: first-class items with a price, a weight and a size."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q

from marketplace.core.models import TranslationModel
from marketplace.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS


class PackagingKind(models.TextChoices):
    STANDARD = "standard", "Standard"
    GIFT = "gift", "Gift"
    ECO = "eco", "Eco"
    EXPORT_PROTECTIVE = "export_protective", "Export-protective"
    CLUSTER_BRANDED = "cluster_branded", "Cluster-branded"


class PackagingOption(models.Model):
    """Defined by a workshop (its products) or a cluster (all its members' products)."""

    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="packaging_options"
    )
    name = models.CharField(max_length=128)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=24, choices=PackagingKind.choices)
    material = models.CharField(max_length=128, blank=True)
    recyclable = models.BooleanField(default=False)
    added_weight_kg = models.DecimalField(max_digits=7, decimal_places=3, default=Decimal("0"))
    length_cm = models.DecimalField(max_digits=7, decimal_places=1)
    width_cm = models.DecimalField(max_digits=7, decimal_places=1)
    height_cm = models.DecimalField(max_digits=7, decimal_places=1)
    extra_lead_days = models.PositiveSmallIntegerField(default=0)
    product_types = models.ManyToManyField("catalog.ProductType", blank=True, related_name="+")
    products = models.ManyToManyField("catalog.Product", blank=True, related_name="+")
    is_active = models.BooleanField(default=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(added_weight_kg__gte=0)
                & Q(length_cm__gt=0)
                & Q(width_cm__gt=0)
                & Q(height_cm__gt=0),
                name="packaging_dimensions_positive",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PackagingOptionTranslation(TranslationModel):
    option = models.ForeignKey(
        PackagingOption, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(max_length=128)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "language_code"], name="packaging_tr_uniq")
        ]


class PackagingOptionChannelListing(models.Model):
    option = models.ForeignKey(
        PackagingOption, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "channel"], name="packaging_listing_uniq"),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0), name="packaging_price_not_negative"
            ),
        ]
