"""How products are classified: categories, product types, attributes, collections."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from marketplace.core.models import MetadataModel, SeoModel, TranslationModel


class Category(MetadataModel, SeoModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(default=dict, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class CategoryTranslation(TranslationModel, SeoModel):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=250, blank=True)
    description = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "language_code"], name="category_tr_uniq")
        ]


class ProductType(MetadataModel):
    """What kind of thing a product is; supplies the default weight and HS code."""

    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3, default=Decimal("0.500"))
    hs_code = models.CharField(max_length=12, blank=True, help_text="Harmonized System code")

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Attribute(MetadataModel):
    INPUT_TYPES = [("dropdown", "Dropdown"), ("multiselect", "Multi select")]

    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    input_type = models.CharField(max_length=32, choices=INPUT_TYPES, default="dropdown")
    visible_in_storefront = models.BooleanField(default=True)
    value_required = models.BooleanField(default=False)

    class Meta:
        ordering = ("slug",)


class AttributeValue(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(fields=["attribute", "slug"], name="attribute_value_slug_uniq")
        ]


class Collection(MetadataModel, SeoModel):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(default=dict, blank=True)
    background_image = models.ImageField(upload_to="collection-backgrounds", blank=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    products = models.ManyToManyField("catalog.Product", blank=True, related_name="collections")

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class CollectionTranslation(TranslationModel, SeoModel):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(max_length=250, blank=True)
    description = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "language_code"], name="collection_tr_uniq"
            )
        ]
