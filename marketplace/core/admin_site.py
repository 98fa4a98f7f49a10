"""The staff back office: Django's admin at /admin/, for marketplace staff only.

``MarketplaceAdminSite`` lets in active staff accounts (``is_staff``) whose session passed the
second factor (see ``marketplace.security.two_factor``); every model registered here is visible
to them without per-model permissions, since marketplace staff is one role. ``ReadOnlyAdmin``
is for money: orders, ledger entries, payouts, transactions are read, never changed or deleted
here (a refund or a payout goes through its domain service, which keeps the ledger balanced).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


def _is_staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


class MarketplaceAdminSite(admin.AdminSite):
    site_header = _("Marketplace back office")
    site_title = _("Marketplace back office")
    index_title = _("Support")

    def has_permission(self, request: HttpRequest) -> bool:
        from marketplace.security.two_factor import session_passed_second_factor

        return _is_staff(request) and session_passed_second_factor(request)

    def login(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """Signed-in staff whose session has not passed the second factor go to set it up
        (no authenticator yet) or to enter a code; everyone else gets the sign-in form."""
        if request.user.is_authenticated and _is_staff(request):
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode

            from marketplace.security.two_factor import second_factor_enabled

            step = (
                "shop:security-verify" if second_factor_enabled(request.user) else ("shop:security")
            )
            query = urlencode({"next": request.GET.get("next") or reverse("backoffice:index")})
            return redirect(f"{reverse(step)}?{query}")
        return super().login(request, extra_context)


site = MarketplaceAdminSite(name="backoffice")


class StaffAdmin(admin.ModelAdmin):
    """Visible and editable by any marketplace staff account (no per-model permissions)."""

    list_per_page = 50
    show_full_result_count = False  # no COUNT(*) over big tables on every page

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_staff(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request)


class ReadOnlyAdmin(StaffAdmin):
    """Read only: nothing is added, changed or deleted from the back office."""

    actions = None

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
