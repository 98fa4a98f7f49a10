"""Back office: authenticity certificates (read only: revoke through certificateRevoke or the
``certificate_revoke`` service, which notifies the plugins) and claims."""

from __future__ import annotations

from django.contrib import admin

from marketplace.core.admin_site import ReadOnlyAdmin, site

from .models import Certificate, Claim


@admin.register(Certificate, site=site)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("serial", "product", "status", "issued_at", "revoked_at", "order_reference")
    list_filter = ("status",)
    search_fields = ("serial", "product__name", "order_reference")
    list_select_related = ("product",)
    exclude = ("token",)
    date_hierarchy = "issued_at"


@admin.register(Claim, site=site)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "product", "issuing_body", "verified_at", "valid_until")
    list_filter = ("kind",)
    search_fields = ("title", "issuing_body", "product__name")
    list_select_related = ("product",)
    exclude = ("evidence",)  # private: read through the signed link (Claim.evidenceUrl)
