"""Where a workshop or cluster ships, how, and for how much (by weight bracket, per channel)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField

from marketplace.core.models import MetadataModel, TranslationModel
from marketplace.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS


class ShippingZone(models.Model):
    """Countries a workshop (or all of a cluster's members) ship to."""

    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="shipping_zones"
    )
    name = models.CharField(max_length=128)
    # A fixed length: the computed one moves with django-countries and the COUNTRIES settings.
    countries = CountryField(multiple=True, max_length=1000)

    class Meta:
        ordering = ("name", "pk")


class ShippingMethod(MetadataModel):
    zone = models.ForeignKey(ShippingZone, on_delete=models.CASCADE, related_name="methods")
    name = models.CharField(max_length=128)
    carrier = models.CharField(max_length=64, blank=True)
    service = models.CharField(max_length=64, blank=True)
    min_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    max_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    rated_by = models.CharField(
        max_length=64,
        blank=True,
        help_text="A plugin's name: it quotes this method's price live (shipping_quotes hook).",
    )

    class Meta:
        ordering = ("name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_delivery_days__isnull=True)
                | Q(max_delivery_days__isnull=True)
                | Q(min_delivery_days__lte=F("max_delivery_days")),
                name="shipping_days_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ShippingMethodTranslation(TranslationModel):
    """The method's name as buyers reading another language see it."""

    method = models.ForeignKey(
        ShippingMethod, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(max_length=128)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["method", "language_code"], name="shipping_method_tr_uniq"
            )
        ]


class ShippingMethodChannelListing(models.Model):
    method = models.ForeignKey(
        ShippingMethod, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(max_length=3)
    free_above = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        null=True,
        blank=True,
        help_text="Free when the parcel's goods reach this amount.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["method", "channel"], name="shipping_listing_uniq")
        ]


class ShippingRate(models.Model):
    """The price up to a chargeable weight; the lightest bracket that fits applies."""

    listing = models.ForeignKey(
        ShippingMethodChannelListing, on_delete=models.CASCADE, related_name="rates"
    )
    max_weight_kg = models.DecimalField(
        max_digits=8, decimal_places=3, null=True, blank=True, help_text="Empty: no upper limit."
    )
    price = models.DecimalField(max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES)

    class Meta:
        ordering = ("max_weight_kg",)
        constraints = [
            models.CheckConstraint(condition=Q(price__gte=0), name="shipping_rate_not_negative")
        ]


class DutyRate(models.Model):
    """Import duty by destination and HS chapter; an empty field matches any. The most
    specific row wins (country and chapter, then country, then chapter)."""

    destination = CountryField(blank=True)
    hs_chapter = models.CharField(max_length=2, blank=True, help_text="First two HS digits.")
    rate = models.DecimalField(max_digits=5, decimal_places=4, help_text="0.0370 is 3.7 %.")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("destination", "hs_chapter")
        constraints = [
            models.UniqueConstraint(fields=["destination", "hs_chapter"], name="duty_rate_once"),
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lte=1), name="duty_rate_fraction"
            ),
        ]
