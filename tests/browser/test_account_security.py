"""The account security pages in Chromium, phone and desktop, fr/ar/en: a workshop owner turns
on two-factor authentication by typing a code from the app, sees the recovery codes once, and
the next sign-in asks for a code. Screenshots go to /tmp/shots-security/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-security")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PASSWORD = "a-long-pass-phrase-42"


def _code(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user).order_by("-pk").first()
    assert device is not None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _sign_in(page, base: str, language: str, email: str) -> None:
    page.goto(f"{base}/{language}/account/login/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login")
    assert "/account/login/" not in page.url, page.content()[:2000]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_turning_on_two_factor_and_signing_in_with_a_code(
    browser, live_server, catalog, language, viewport
):
    SHOTS.mkdir(exist_ok=True)
    email = f"owner-{language}-{viewport}@example.com"
    user = User.objects.create_user(email, PASSWORD)
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    _sign_in(page, live_server.url, language, email)

    page.goto(f"{live_server.url}/{language}/account/security/")
    assert page.locator("#two-factor").get_attribute("data-enabled") == "no"
    page.screenshot(path=str(SHOTS / f"overview-off-{language}-{viewport}.png"), full_page=True)
    page.click("#setup-totp")
    assert page.locator("#totp-qr svg").count() == 1
    page.screenshot(path=str(SHOTS / f"setup-{language}-{viewport}.png"), full_page=True)
    page.fill("input[name=code]", _code(user))
    page.click("#confirm-totp")
    page.wait_for_load_state()
    assert page.locator("#two-factor").get_attribute("data-enabled") == "yes"
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{10}", c) for c in codes)
    page.screenshot(path=str(SHOTS / f"codes-{language}-{viewport}.png"), full_page=True)
    context.close()

    again = browser.new_context(viewport=VIEWPORTS[viewport])
    page = again.new_page()
    _sign_in(page, live_server.url, language, email)
    assert "/account/security/verify/" in page.url
    page.screenshot(path=str(SHOTS / f"verify-{language}-{viewport}.png"), full_page=True)
    page.fill("input[name=code]", codes[0])
    page.click("#verify-code")
    page.wait_for_load_state()
    assert "/account/security/verify/" not in page.url
    page.goto(f"{live_server.url}/{language}/account/security/")
    assert page.locator("li.session").count() == 2
    page.screenshot(path=str(SHOTS / f"sessions-{language}-{viewport}.png"), full_page=True)
    again.close()
