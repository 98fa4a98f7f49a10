"""Two-factor authentication for the GraphQL API's bearer tokens (issue 11, Security).

From the outside, through GraphQL: tokenCreate asks an account that has the factor on for
its code (``otpCode``, the marketplace's one extra argument), counts wrong codes against the
login throttling, takes a recovery code once; tokenRefresh mints nothing from a refresh
token issued with the password alone; turning the factor on or ending every other session
revokes earlier tokens. Accounts without the factor log in as before.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.security.two_factor import (
    recovery_codes_renew,
    totp_setup_confirm,
    totp_setup_start,
)
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"
TOKEN = """mutation($e: String!, $p: String!, $c: String) {
  tokenCreate(email: $e, password: $p, otpCode: $c) {
    token refreshToken user { email } errors { field code message } } }"""
REFRESH = """mutation($r: String) { tokenRefresh(refreshToken: $r) {
  token user { email } errors { field code message } } }"""
VERIFY = "mutation($t: String!) { tokenVerify(token: $t) { isValid payload } }"
ME = "{ me { email } }"


class Clock:
    """``time.time`` moved by hand: the login throttling and the device's check read it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _code(device: TOTPDevice, *, step: int = 1) -> str:
    """The app's code ``step`` periods ahead (within django-otp's tolerance of one): the
    current one went to confirming the device, and a code works once."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + step * device.step  # the clock the device reads
    return f"{totp.token():0{device.digits}d}"


def _login(gql: Any, email: str, code: str | None = None, password: str = PASSWORD) -> Any:
    variables = {"e": email, "p": password, "c": code}
    response = gql.raw({"query": TOKEN, "variables": variables}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    return response.json()["data"]["tokenCreate"]


def _errors(payload: Any) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


def _refresh(gql: Any, refresh_token: str) -> Any:
    return gql.data(REFRESH, {"r": refresh_token})["tokenRefresh"]


def _me(token: str) -> Any:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.post("/graphql/", json.dumps({"query": ME}), "application/json")
    return response


def _no_token(payload: Any) -> None:
    assert payload["token"] is None and payload["refreshToken"] is None
    assert payload["user"] is None


@pytest.fixture
def no_device_delay(settings: Any) -> None:
    """django-otp's own delay after a wrong code off, to see the login throttling alone (the
    delay has its own test)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def owner(catalog: Any) -> User:
    user = User.objects.create_user("owner@example.com", PASSWORD)
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    return user


@pytest.fixture
def device(owner: User) -> TOTPDevice:
    """The owner's authenticator, turned on as the security page does."""
    pending = totp_setup_start(user=owner).device
    totp_setup_confirm(user=owner, request=None, code=_code(pending, step=0))
    return TOTPDevice.objects.get(user=owner, confirmed=True)


def test_no_code_is_refused_with_no_token(gql, device, owner):
    for code in (None, "", "   "):
        refused = _login(gql, owner.email, code)
        assert _errors(refused) == [("otpCode", "REQUIRED")]
        assert "two-factor authentication" in refused["errors"][0]["message"]
        assert "otpCode" in refused["errors"][0]["message"]
        _no_token(refused)


def test_a_wrong_code_is_refused_with_no_token(gql, device, owner, no_device_delay):
    right = _code(device)
    for wrong in ("000000" if right != "000000" else "111111", "12345", "x" * 40, "not a code"):
        refused = _login(gql, owner.email, wrong)
        assert _errors(refused) == [("otpCode", "INVALID")]
        assert "not right" in refused["errors"][0]["message"]
        _no_token(refused)


def test_the_right_password_with_a_wrong_code_tells_nothing_more_than_a_wrong_password(
    gql, device, owner
):
    # A wrong password with the right code is a wrong password: the code is never looked at.
    refused = _login(gql, owner.email, _code(device), password="not-the-password")
    assert _errors(refused) == [("email", "INVALID_CREDENTIALS")]
    _no_token(refused)


def test_the_right_code_gives_tokens_that_say_so(gql, device, owner):
    issued = _login(gql, owner.email, " ".join(_code(device)))  # spaces as typed: fine
    assert issued["errors"] == [] and issued["user"] == {"email": owner.email}
    assert _me(issued["token"]).json()["data"]["me"] == {"email": owner.email}
    payload = gql.data(VERIFY, {"t": issued["token"]})["tokenVerify"]["payload"]
    assert payload["amr"] == ["pwd", "otp"]
    # Its refresh token mints access tokens that still say the factor was given.
    refreshed = _refresh(gql, issued["refreshToken"])
    assert refreshed["errors"] == [] and refreshed["user"] == {"email": owner.email}
    again = gql.data(VERIFY, {"t": refreshed["token"]})["tokenVerify"]["payload"]
    assert again["amr"] == ["pwd", "otp"]


def test_an_app_code_works_once(gql, device, owner, no_device_delay):
    code = _code(device)
    assert _login(gql, owner.email, code)["token"]
    replayed = _login(gql, owner.email, code)
    assert _errors(replayed) == [("otpCode", "INVALID")]
    _no_token(replayed)


def test_a_recovery_code_works_once(gql, device, owner, no_device_delay):
    codes = recovery_codes_renew(user=owner)
    issued = _login(gql, owner.email, codes[0].upper())
    assert issued["errors"] == [] and issued["token"]
    assert StaticToken.objects.filter(device__user=owner).count() == len(codes) - 1
    used = _login(gql, owner.email, codes[0])
    assert _errors(used) == [("otpCode", "INVALID")]
    _no_token(used)
    assert _login(gql, owner.email, codes[1])["token"]  # the others still work


def test_a_refresh_token_from_before_the_factor_is_refused(gql, owner):
    before = _login(gql, owner.email)  # no factor yet: the password is enough
    assert before["errors"] == [] and before["token"]
    pending = totp_setup_start(user=owner).device
    totp_setup_confirm(user=owner, request=None, code=_code(pending, step=0))
    refused = _refresh(gql, before["refreshToken"])
    assert refused["token"] is None and refused["user"] is None
    assert _errors(refused) == [("token", "JWT_INVALID_TOKEN")]  # revoked, as at logout
    assert _me(before["token"]).status_code == 401  # the access token went with it


def test_a_factor_turned_on_by_staff_also_refuses_older_refresh_tokens(gql, owner):
    before = _login(gql, owner.email)
    # Created in the back office (django-otp's admin): nothing rotated the tokens.
    TOTPDevice.objects.create(user=owner, name="authenticator", confirmed=True)
    refused = _refresh(gql, before["refreshToken"])
    assert refused["token"] is None
    assert _errors(refused) == [("refreshToken", "JWT_INVALID_TOKEN")]
    assert "log in again" in refused["errors"][0]["message"]


def test_ending_every_other_session_revokes_api_tokens(gql, device, owner):
    issued = _login(gql, owner.email, _code(device))
    web = Client()
    web.force_login(owner)
    session = web.session
    session["_security_second_factor"] = False  # this browser signed in before the factor
    session.save()
    assert web.post(reverse("shop:security-sessions-end")).status_code == 302
    assert _me(issued["token"]).status_code == 401
    refused = _refresh(gql, issued["refreshToken"])
    assert _errors(refused) == [("token", "JWT_INVALID_TOKEN")]


def test_wrong_codes_lock_the_account_out_even_with_the_right_code(
    gql, device, owner, settings, monkeypatch, no_device_delay
):
    assert settings.LOGIN_FAILURES_PER_ACCOUNT == 5 and settings.LOGIN_LOCKOUT_SECONDS == 60
    clock = Clock(monkeypatch)
    for guess in ("000001", "000002", "000003", "000004", "000005"):
        assert _errors(_login(gql, owner.email, guess)) == [("otpCode", "INVALID")]
    # The right password each time did not forget the wrong codes: now even the right code
    # waits.
    locked = _login(gql, owner.email, _code(device))
    assert _errors(locked) == [("email", "LOGIN_ATTEMPT_DELAYED")]
    _no_token(locked)
    clock.advance(61)
    assert _login(gql, owner.email, _code(device))["errors"] == []


def test_django_otp_delays_the_next_code_after_a_wrong_one(gql, device, owner):
    assert _errors(_login(gql, owner.email, "000000" if _code(device) != "000000" else "1"))
    delayed = _login(gql, owner.email, _code(device))
    assert _errors(delayed) == [("otpCode", "LOGIN_ATTEMPT_DELAYED")]
    assert "Try again in" in delayed["errors"][0]["message"]
    _no_token(delayed)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )
    assert _login(gql, owner.email, _code(device))["token"]


def test_an_account_without_the_factor_is_unaffected(gql, owner, catalog):
    buyer = User.objects.create_user("buyer@example.com", PASSWORD)
    for user in (buyer, owner):  # a buyer, and a workshop owner who has not turned it on yet
        for code in (None, "123456"):  # a stray code is ignored
            issued = _login(gql, user.email, code)
            assert issued["errors"] == [] and issued["token"]
            payload = gql.data(VERIFY, {"t": issued["token"]})["tokenVerify"]["payload"]
            assert payload["amr"] == ["pwd"]
            refreshed = _refresh(gql, issued["refreshToken"])
            assert refreshed["errors"] == [] and refreshed["token"]


def test_a_password_reset_gives_such_an_account_no_tokens(gql, device, owner):
    reset = default_token_generator.make_token(owner)
    done = gql.data(
        """mutation($e: String!, $t: String!, $p: String!) {
          setPassword(email: $e, token: $t, password: $p) {
            token refreshToken user { email } errors { field code } } }""",
        {"e": owner.email, "t": reset, "p": "a-new-pass-phrase-77"},
    )["setPassword"]
    # The password is set (the mailbox proved that much) but tokens need the second factor.
    assert done["errors"] == [] and done["user"] == {"email": owner.email}
    assert done["token"] is None and done["refreshToken"] is None
    assert _errors(_login(gql, owner.email, password="a-new-pass-phrase-77")) == [
        ("otpCode", "REQUIRED")
    ]
    assert _login(gql, owner.email, _code(device), password="a-new-pass-phrase-77")["token"]


def test_a_web_password_step_between_wrong_codes_does_not_reset_the_lockout(
    gql, device, owner, no_device_delay
):
    from marketplace.accounts.services import login_check

    for guess in ("000001", "000002", "000003", "000004"):
        assert _errors(_login(gql, owner.email, guess)) == [("otpCode", "INVALID")]
    # The shop's password step passes, but the code step is still ahead: nothing forgotten.
    assert login_check(email=owner.email, password=PASSWORD, client_ip="198.51.100.9") == owner
    assert _errors(_login(gql, owner.email, "000005")) == [("otpCode", "INVALID")]
    assert _errors(_login(gql, owner.email, _code(device))) == [("email", "LOGIN_ATTEMPT_DELAYED")]
