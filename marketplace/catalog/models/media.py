from __future__ import annotations

from django.db import models

from marketplace.core.models import MetadataModel

from .products import Product

THUMBNAIL_SIZES = (32, 64, 128, 256, 512, 1024, 2048)


class ProductMedia(MetadataModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(upload_to="products", max_length=255)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.IntegerField(default=0, db_index=True)
    type = models.CharField(max_length=32, default="IMAGE")

    class Meta:
        ordering = ("sort_order", "pk")


class Thumbnail(models.Model):
    """A resized rendition of a media image, made once and stored beside the original."""

    FORMATS = [("original", "Original"), ("webp", "WebP"), ("avif", "AVIF")]

    media = models.ForeignKey(ProductMedia, on_delete=models.CASCADE, related_name="thumbnails")
    size = models.PositiveSmallIntegerField()
    format = models.CharField(max_length=8, choices=FORMATS, default="original")
    image = models.ImageField(upload_to="thumbnails", max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["media", "size", "format"], name="thumbnail_uniq")
        ]
