from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper

from marketplace.core.models import MetadataModel, SeoModel, TranslationModel

from .taxonomy import AttributeValue, Category, ProductType


class ProductManager(models.Manager["Product"]):
    def get_queryset(self) -> models.QuerySet[Product]:
        # The search document is written by the search service and read only inside SQL:
        # loading it with every product would ship kilobytes per row for nothing.
        return super().get_queryset().defer("search_vector")


class Product(MetadataModel, SeoModel):
    """A piece sold by exactly one workshop."""

    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="products")
    product_type = models.ForeignKey(ProductType, on_delete=models.PROTECT, related_name="products")
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.JSONField(default=dict, blank=True)
    description_plaintext = models.TextField(blank=True)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    rating = models.FloatField(null=True, blank=True)  # a review average, not money
    attribute_values = models.ManyToManyField(AttributeValue, blank=True, related_name="+")
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ProductManager()

    class Meta:
        ordering = ("slug",)
        indexes = [
            # No pending list (fastupdate): PostgreSQL keeps new entries there, unsorted, until
            # a vacuum or 4 MB, and every search reads all of it; after an import the whole
            # catalog sat there and the planner scanned the table instead. Writes to the
            # search document are rare next to searches.
            GinIndex(fields=["search_vector"], name="product_search_gin", fastupdate=False),
            # Lists sort by name and page by (name, slug, pk): walk this index, stop at the page.
            models.Index(fields=["name", "slug", "id"], name="product_name_order"),
            models.Index(fields=["vendor", "id"], name="product_vendor_cover"),
            # The home page's best-rated pieces (rating, then pk, descending): the first
            # eight visible ones without sorting the whole catalog.
            models.Index(
                F("rating").desc(nulls_last=True), F("id").desc(), name="product_rating_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProductTranslation(TranslationModel, SeoModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=250, blank=True)
    description = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "language_code"], name="product_tr_uniq")
        ]


class ProductVariant(MetadataModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(max_length=255, unique=True)
    name = models.CharField(max_length=255, blank=True)
    sort_order = models.IntegerField(default=0)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    length_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    attribute_values = models.ManyToManyField(AttributeValue, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True) | Q(weight_kg__gte=0),
                name="variant_weight_not_negative",
            )
        ]
        indexes = [models.Index(Upper("sku"), name="variant_sku_upper")]  # SKU search

    def __str__(self) -> str:
        return self.name or self.sku


class ProductVariantTranslation(TranslationModel):
    product_variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product_variant", "language_code"], name="variant_tr_uniq"
            )
        ]
