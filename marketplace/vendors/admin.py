"""Back office: workshops and clusters, their members."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marketplace.core.admin_site import StaffAdmin, site
from marketplace.core.errors import DomainError

from .domains import vendor_custom_domain_activate, vendor_custom_domain_refuse
from .models import Vendor, VendorMembership


class MembershipInline(admin.TabularInline):
    model = VendorMembership
    extra = 0
    autocomplete_fields = ("user",)
    fk_name = "vendor"


@admin.register(Vendor, site=site)
class VendorAdmin(StaffAdmin):
    list_display = (
        "name",
        "kind",
        "cluster",
        "town",
        "region",
        "status",
        "custom_domain",
        "custom_domain_status",
        "created_at",
    )
    list_filter = ("kind", "status", "region", "moderates_listings", "custom_domain_status")
    search_fields = ("name", "slug", "town", "contact_email", "artisan_card_number")
    list_select_related = ("cluster",)
    autocomplete_fields = ("cluster",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (MembershipInline,)
    actions = ("activate_custom_domain", "refuse_custom_domain")

    @admin.action(description=_("Serve the requested custom domain"))
    def activate_custom_domain(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> None:
        self._each(request, queryset, vendor_custom_domain_activate)

    @admin.action(description=_("Refuse or stop the custom domain"))
    def refuse_custom_domain(self, request: HttpRequest, queryset: QuerySet[Vendor]) -> None:
        self._each(request, queryset, vendor_custom_domain_refuse)

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Vendor], service: Callable[..., Vendor]
    ) -> None:
        for vendor in queryset:
            try:
                service(actor=request.user, vendor_id=vendor.pk)
            except DomainError as error:
                self.message_user(request, f"{vendor.name}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{vendor.name}: {_('done')}.", messages.SUCCESS)


@admin.register(VendorMembership, site=site)
class VendorMembershipAdmin(StaffAdmin):
    list_display = ("user", "vendor", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "vendor__name")
    list_select_related = ("user", "vendor")
    autocomplete_fields = ("user", "vendor")
