"""Back office: accounts (search only: the vendor and membership pages look users up)."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import ReadOnlyAdmin, site

from .models import User


@admin.register(User, site=site)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("email", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_active")
    search_fields = ("email",)
    fields = ("email", "is_staff", "is_active", "date_joined", "last_login")
