"""The back office's view of review cases and scans: read only (decisions are taken on the
workspace's review pages, through the services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from marketplace.core.admin_site import site

from .models import CertificateFlag, CertificateScan, FlagEvent, ScanReport


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class FlagEventInline(admin.TabularInline):
    model = FlagEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "at", "actor", "text", "figures")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(CertificateFlag, site=site)
class CertificateFlagAdmin(ReadOnly):
    list_display = ("certificate", "status", "opened_at", "decided_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("certificate__serial",)
    inlines = (FlagEventInline,)


@admin.register(CertificateScan, site=site)
class CertificateScanAdmin(ReadOnly):
    list_display = ("certificate", "scanned_at", "country", "network", "revoked")
    list_filter = ("country", "revoked")
    search_fields = ("certificate__serial",)


@admin.register(ScanReport, site=site)
class ScanReportAdmin(ReadOnly):
    list_display = ("certificate", "reason", "created_at", "reviewed_at")
    list_filter = ("reason",)
    search_fields = ("certificate__serial",)
