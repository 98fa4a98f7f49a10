"""Back office: import duty rates."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import StaffAdmin, site

from .models import DutyRate


@admin.register(DutyRate, site=site)
class DutyRateAdmin(StaffAdmin):
    list_display = ("destination", "hs_chapter", "rate", "note")
    list_filter = ("destination",)
    search_fields = ("hs_chapter", "note")
