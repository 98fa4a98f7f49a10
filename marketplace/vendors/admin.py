"""Back office: workshops and clusters, their members."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import StaffAdmin, site

from .models import Vendor, VendorMembership


class MembershipInline(admin.TabularInline):
    model = VendorMembership
    extra = 0
    autocomplete_fields = ("user",)
    fk_name = "vendor"


@admin.register(Vendor, site=site)
class VendorAdmin(StaffAdmin):
    list_display = ("name", "kind", "cluster", "town", "region", "status", "created_at")
    list_filter = ("kind", "status", "region", "moderates_listings")
    search_fields = ("name", "slug", "town", "contact_email", "artisan_card_number")
    list_select_related = ("cluster",)
    autocomplete_fields = ("cluster",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (MembershipInline,)


@admin.register(VendorMembership, site=site)
class VendorMembershipAdmin(StaffAdmin):
    list_display = ("user", "vendor", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "vendor__name")
    list_select_related = ("user", "vendor")
    autocomplete_fields = ("user", "vendor")
