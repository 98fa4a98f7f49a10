"""Back office: orders, read only (refunds and cancellations go through their services)."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import ReadOnlyAdmin, ReadOnlyInline, site

from .models import Order, OrderEvent, OrderLine, VendorOrder


class VendorOrderInline(ReadOnlyInline):
    model = VendorOrder
    fields = ("vendor", "status", "goods_total", "packaging_total", "tracking_number")


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = ("product_name", "product_sku", "quantity", "quantity_fulfilled", "total_price")


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("created_at", "type", "message", "user")


@admin.register(Order, site=site)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "user_email", "channel", "status", "total", "currency", "created_at")
    list_filter = ("status", "channel", "currency", "duties_mode")
    search_fields = ("number", "user_email", "voucher_code", "vendor_orders__tracking_number")
    list_select_related = ("channel",)
    date_hierarchy = "created_at"
    inlines = (VendorOrderInline, OrderLineInline, OrderEventInline)


@admin.register(VendorOrder, site=site)
class VendorOrderAdmin(ReadOnlyAdmin):
    list_display = ("order", "vendor", "status", "goods_total", "tracking_number", "fulfilled_at")
    list_filter = ("status", "customs_form")
    search_fields = ("order__number", "vendor__name", "tracking_number")
    list_select_related = ("order", "vendor")
