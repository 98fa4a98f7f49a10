"""Sessions of accounts with two-factor authentication on wait for the second factor.

Placed after django-otp's ``OTPMiddleware``. Until the session passed it, pages redirect to
the verification page (which, with logout and static files, stays open) and the GraphQL
endpoint sees nobody signed in. Bearer-token GraphQL callers are not sessions: not affected
here, as tokenCreate already asked them for the code (``accounts.services.token_create``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .sessions import session_touch, session_wants_second_factor
from .two_factor import session_passed_second_factor

OPEN_SUFFIXES = ("/account/security/verify/", "/account/logout/")
OPEN_PREFIXES = ("/static/", "/media/", "/health/", "/metrics")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            session_touch(request)
            if (
                session_wants_second_factor(request)
                and not session_passed_second_factor(request)
                and not request.path.startswith(OPEN_PREFIXES)
                and not request.path.endswith(OPEN_SUFFIXES)
            ):
                if request.path == "/graphql/":
                    request.user = AnonymousUser()
                else:
                    verify = reverse("shop:security-verify")
                    return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
