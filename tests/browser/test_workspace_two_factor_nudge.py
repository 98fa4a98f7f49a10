"""The workspace asks a workshop owner without two-factor authentication to turn it on (the
account keeps working), in Chromium at phone and desktop widths, fr/ar/en: the reminder
leads to the set-up page, and once the factor is on the workspace no longer shows it.
Screenshots go to /tmp/shots/h5/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorMembership

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/h5")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PASSWORD = "a-long-pass-phrase-42"


def _code(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user).order_by("-pk").first()
    assert device is not None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_workspace_nudges_towards_two_factor_until_it_is_on(
    browser, live_server, catalog, language, viewport
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    email = f"nudged-{language}-{viewport}@example.com"
    user = User.objects.create_user(email, PASSWORD)
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/account/login/?next=/{language}/workspace/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login")
    assert page.url.endswith(f"/{language}/workspace/"), page.url  # works without the factor
    nudge = page.locator("#two-factor-nudge")
    assert nudge.is_visible()
    assert page.locator("[data-testid=membership]").count() == 1  # the workspace itself too
    if language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl"
    # The reminder fits the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / f"nudge-{language}-{viewport}.png"), full_page=True)

    page.click("#two-factor-nudge-link")
    page.wait_for_load_state()
    assert "/account/security/authenticator/" in page.url
    page.fill("input[name=code]", _code(user))
    page.click("#confirm-totp")
    page.wait_for_load_state()
    assert page.locator("#two-factor").get_attribute("data-enabled") == "yes"
    page.click("#continue")  # back to the workspace it came from
    page.wait_for_load_state()
    assert page.url.endswith(f"/{language}/workspace/"), page.url
    assert page.locator("#two-factor-nudge").count() == 0
    page.screenshot(path=str(SHOTS / f"no-nudge-{language}-{viewport}.png"), full_page=True)
    context.close()
