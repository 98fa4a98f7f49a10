"""Back office: the ledger and payouts, read only (payout runs go through their service)."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import ReadOnlyAdmin, site

from .models import ClusterFeeRateChange, LedgerEntry, Payout


@admin.register(LedgerEntry, site=site)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "vendor", "kind", "amount", "currency", "vendor_order", "payout")
    list_filter = ("kind", "currency")
    search_fields = ("vendor__name", "key", "vendor_order__order__number")
    list_select_related = ("vendor", "vendor_order__order", "payout")
    date_hierarchy = "created_at"


@admin.register(Payout, site=site)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "vendor", "amount", "currency", "status", "paid_at", "attempts")
    list_filter = ("status", "currency", "gateway_id")
    search_fields = ("vendor__name", "reference")
    list_select_related = ("vendor",)
    date_hierarchy = "created_at"


@admin.register(ClusterFeeRateChange, site=site)
class ClusterFeeRateChangeAdmin(ReadOnlyAdmin):
    """The audit of cluster fees: written by the fee page's service only."""

    list_display = ("created_at", "cluster", "previous_rate", "new_rate", "changed_by", "note")
    search_fields = ("cluster__name", "changed_by__email", "note")
    list_select_related = ("cluster", "changed_by")
    date_hierarchy = "created_at"
