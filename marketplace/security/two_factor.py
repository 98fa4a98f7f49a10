"""Two-factor authentication (TOTP, RFC 6238, through django-otp) with recovery codes.

Who must use it: marketplace staff and every member of a workshop or cluster
(``second_factor_required``). The back office lets in only sessions that passed it
(``marketplace.core.admin_site``); any page or GraphQL request from an account that has it
turned on waits until the session passed it (``middleware.SecondFactorMiddleware``).

A device is created unconfirmed when a person starts setting it up and becomes the account's
factor only once a code from the app is entered; recovery codes (single use) are made then.
Wrong codes are throttled by django-otp (a growing delay after each failure).

API logins (``tokenCreate``) take the same codes (``second_factor_match``), counted against
the login throttling; turning the factor on revokes the account's earlier API tokens.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.tokens import tokens_revoke
from marketplace.core.errors import DomainError
from marketplace.core.throttle import failures_clear

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"


@dataclass(frozen=True)
class TotpSetup:
    device: TOTPDevice
    secret: str  # base32, for typing into the app by hand
    config_url: str  # otpauth://…, for the QR code


def second_factor_required(user: Any) -> bool:
    """Staff and vendor members (workshops and clusters) must turn it on."""
    if not getattr(user, "is_authenticated", False):
        return False
    from marketplace.vendors.models import VendorMembership

    return bool(user.is_staff) or VendorMembership.objects.filter(user=user).exists()


def second_factor_enabled(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user_has_device(user)


def session_passed_second_factor(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def _code(token: str) -> str:
    code = "".join(str(token or "").split()).lower()
    if not code or len(code) > 16:
        raise DomainError("Enter the code from your app or a recovery code.", field="code")
    return code


@transaction.atomic
def totp_setup_start(*, user: Any) -> TotpSetup:
    """A fresh unconfirmed authenticator for ``user`` (any earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return _setup_of(device)


def totp_setup_pending(*, user: Any) -> TotpSetup | None:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return _setup_of(device) if device else None


def _setup_of(device: TOTPDevice) -> TotpSetup:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return TotpSetup(device=device, secret=secret, config_url=device.config_url)


@transaction.atomic
def totp_setup_confirm(*, user: Any, request: HttpRequest | None, code: str) -> list[str]:
    """Confirm the pending authenticator with a code from the app; returns the new recovery
    codes (shown once). The session counts as having passed the second factor."""
    token = _code(code)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
    if device is None:
        raise DomainError("Start the set-up again: no authenticator is waiting.", field="code")
    allowed, _ = device.verify_is_allowed()
    if not allowed or not device.verify_token(token):
        raise DomainError("The code is not right. Check the time on your phone.", field="code")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    # API tokens issued with the password alone stop working: their holders log in again
    # with a code.
    tokens_revoke(user)
    if request is not None:
        from .sessions import session_second_factor_on

        otp_login(request, device)
        session_second_factor_on(request)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: Any) -> list[str]:
    """New single-use recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]  # 10 hex digits each
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(*, user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_NAME).count()


def second_factor_match(*, user: Any, code: str) -> Any:
    """The device a code belongs to (the app's, or a recovery code, which is used up), or None
    for a wrong or malformed one. No session involved: API logins. django-otp's own delay
    after failures applies; callers count failures in their throttling too."""
    token = "".join(str(code or "").split()).lower()
    if not token or len(token) > 16:
        return None
    with transaction.atomic():
        # Two logins at once with one recovery code (or one app code, replayed) would both
        # pass: the second waits for the first, then finds the code used up.
        list(TOTPDevice.objects.select_for_update().filter(user=user))
        list(StaticDevice.objects.select_for_update().filter(user=user))
        return match_token(user, token)


def second_factor_wait(*, user: Any) -> int:
    """Seconds until django-otp lets one of the account's devices (the app, the recovery
    codes) check a code again after wrong ones (0: one does now). A wrong code counts against
    each device, so they wait together."""
    waits = []
    for device in devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        if allowed:
            return 0
        until = (data or {}).get("locked_until")
        waits.append(1 if until is None else math.ceil((until - timezone.now()).total_seconds()))
    return max(1, min(waits)) if waits else 0


def second_factor_verify(*, request: HttpRequest, code: str) -> Any:
    """Check a code (the app's or a recovery code) for the signed-in user and mark the session
    as having passed. A recovery code is used up."""
    token = _code(code)
    user = request.user
    device = match_token(user, token)
    if device is None:
        raise DomainError("The code is not right.", field="code")
    otp_login(request, device)
    # Both steps passed: the login's earlier failures are forgotten (the password alone
    # did not, see accounts.services.login_check).
    email = str(getattr(user, "email", "") or "")
    failures_clear(scope="login", key=f"account:{email.strip().lower()}")
    return device


@transaction.atomic
def second_factor_disable(*, user: Any, code: str) -> None:
    """Turn two-factor authentication off (a current code is needed); refused for accounts
    that must keep it."""
    if second_factor_required(user):
        raise DomainError(
            "Staff and workshop accounts keep two-factor authentication on.", field="code"
        )
    token = _code(code)
    if match_token(user, token) is None:
        raise DomainError("The code is not right.", field="code")
    for device in devices_for_user(user, confirmed=None):
        device.delete()
