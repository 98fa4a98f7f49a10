"""Back office: background tasks that failed for good (retry with ``tasks_retry``)."""

from __future__ import annotations

from django.contrib import admin

from .admin_site import ReadOnlyAdmin, site
from .models import FailedTask


@admin.register(FailedTask, site=site)
class FailedTaskAdmin(ReadOnlyAdmin):
    list_display = ("task_name", "queue", "error", "failed_at", "retried_at")
    list_filter = ("queue", "task_name")
    search_fields = ("task_id", "task_name", "error")
    date_hierarchy = "failed_at"
