"""Back office: products and their variants."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import StaffAdmin, site

from .models import Product, ProductVariant


class VariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ("sku", "name", "track_inventory", "weight_kg")


@admin.register(Product, site=site)
class ProductAdmin(StaffAdmin):
    list_display = ("name", "vendor", "product_type", "category", "updated_at")
    list_filter = ("product_type", "category", "vendor__kind")
    search_fields = ("name", "slug", "vendor__name", "variants__sku")
    list_select_related = ("vendor", "product_type", "category")
    autocomplete_fields = ("vendor",)
    readonly_fields = ("created_at", "updated_at")
    exclude = ("attribute_values",)
    inlines = (VariantInline,)


@admin.register(ProductVariant, site=site)
class ProductVariantAdmin(StaffAdmin):
    list_display = ("sku", "name", "product", "track_inventory")
    list_filter = ("track_inventory",)
    search_fields = ("sku", "name", "product__name")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    exclude = ("attribute_values",)
