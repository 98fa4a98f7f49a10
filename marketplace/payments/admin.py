"""Back office: payment transactions and their events, read only."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import ReadOnlyAdmin, ReadOnlyInline, site

from .models import Transaction, TransactionEvent


class EventInline(ReadOnlyInline):
    model = TransactionEvent
    fields = ("created_at", "type", "amount", "psp_reference", "message")


@admin.register(Transaction, site=site)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "name", "gateway_id", "order", "currency", "psp_reference")
    list_filter = ("gateway_id", "currency", "channel")
    search_fields = ("psp_reference", "order__number", "order__user_email", "idempotency_key")
    list_select_related = ("order",)
    exclude = ("response_data",)
    date_hierarchy = "created_at"
    inlines = (EventInline,)
