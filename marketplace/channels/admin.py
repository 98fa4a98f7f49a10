"""Back office: sales channels."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import StaffAdmin, site

from .models import Channel


@admin.register(Channel, site=site)
class ChannelAdmin(StaffAdmin):
    list_display = ("name", "slug", "currency_code", "is_active", "duties_mode")
    list_filter = ("is_active", "currency_code", "duties_mode")
    search_fields = ("name", "slug")
