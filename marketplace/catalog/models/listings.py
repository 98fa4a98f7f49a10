"""Per-channel publication and prices."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from marketplace.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS

from .products import Product, ProductVariant
from .taxonomy import Collection


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey(
        "channels.Channel", on_delete=models.CASCADE, related_name="product_listings"
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3)
    # Cheapest variant price, kept by the pricing service so lists sort and filter by price
    # without joining every variant listing.
    discounted_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "channel"], name="product_listing_uniq")
        ]
        indexes = [
            models.Index(
                fields=["channel", "discounted_price_amount", "product"], name="listing_price_order"
            ),
            models.Index(fields=["channel", "published_at", "product"], name="listing_date_order"),
            # Lets counting a channel's visible products read the index alone.
            models.Index(
                fields=["channel", "product"],
                include=["is_published", "visible_in_listings", "published_at"],
                name="listing_visibility",
            ),
        ]


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(
        "channels.Channel", on_delete=models.CASCADE, related_name="variant_listings"
    )
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES
    )
    cost_price_amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "channel"], name="variant_listing_uniq"),
            models.CheckConstraint(condition=Q(price_amount__gte=0), name="price_not_negative"),
        ]


class CollectionChannelListing(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(
        "channels.Channel", on_delete=models.CASCADE, related_name="collection_listings"
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "channel"], name="collection_listing_uniq"
            )
        ]
