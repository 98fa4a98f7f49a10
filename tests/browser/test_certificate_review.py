"""Certificates to review in a real browser: a cluster manager on a phone, in Arabic, opens
the case of a certificate scanned from four countries and reported by a buyer, reads the
scans and the report, and confirms the counterfeit, revoking it; the buyer's page then says
so. The queue and a case are saved at phone and desktop widths in French, Arabic, English."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from marketplace.authenticity.models import CertificateFlag
from marketplace.provenance.models import Certificate
from tests.browser.shop import logged_in_context
from tests.workspace.certificate_world import build, flagged

from .test_accessibility import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _shots() -> Path:
    folder = Path(
        os.environ.get("WORKSPACE_SCREENSHOTS")
        or Path(settings.MARKETPLACE_HOME) / "workspace-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def world(settings: Any, tmp_path: Any) -> Any:
    settings.SCAN_FLAG_COUNTRIES = 3
    world = build(settings, tmp_path)
    flagged(world)
    return world


def test_a_manager_confirms_a_counterfeit_on_a_phone_in_arabic(
    browser: Any, live_server: Any, world: Any
) -> None:
    serial = world.certificate.serial
    context = logged_in_context(browser, live_server, world.users["manager_a"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/workspace/certificates/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    case = page.locator(f"[data-testid=case][data-serial='{serial}']")
    assert case.is_visible() and case.locator(".au-reasons .chip").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    case.locator("a.btn").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=scan]").count() == 5
    assert page.locator("[data-testid=report]").count() == 1
    # A vendor reads a code for each network, never its address block.
    assert "81.2.69" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("#confirm-form textarea[name=note]", "نسخ تباع في سوق تونس")
    page.check("#id_revoke")
    page.click("#confirm-form [data-action=confirm]")
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    assert page.locator("#actions").count() == 0
    assert page.locator("#history [data-kind=confirmed]").is_visible()
    page.screenshot(path=str(_shots() / "ar-phone-certificate-confirmed.png"), full_page=True)
    context.close()
    assert CertificateFlag.objects.get().status == "confirmed"
    assert Certificate.objects.get(pk=world.certificate.pk).status == "revoked"

    buyer = browser.new_context(viewport=PHONE, locale="ar")
    verify = buyer.new_page()
    verify.goto(f"{live_server.url}/verify/{serial}/")
    assert verify.locator("#status").get_attribute("data-status") == "REVOKED"
    buyer.close()


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_review_pages_at_phone_and_desktop_widths_accessible(
    browser: Any, live_server: Any, world: Any, language: str
) -> None:
    serial = world.certificate.serial
    for width_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = logged_in_context(browser, live_server, world.users["manager_a"], viewport)
        context.set_extra_http_headers({"Accept-Language": language})
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/workspace/certificates/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert axe_problems(page) == []
        page.screenshot(
            path=str(_shots() / f"{language}-{width_name}-certificates-queue.png"), full_page=True
        )
        page.goto(f"{live_server.url}/{language}/workspace/certificates/{serial}/")
        assert page.locator("#confirm-form").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert axe_problems(page) == []
        page.screenshot(
            path=str(_shots() / f"{language}-{width_name}-certificate-case.png"), full_page=True
        )
        # The buyer's page stays open, says the certificate is valid and under review.
        page.goto(f"{live_server.url}/verify/{serial}/")
        assert page.locator("#status").get_attribute("data-status") == "VALID"
        assert page.locator("#under-review").is_visible()
        page.screenshot(
            path=str(_shots() / f"{language}-{width_name}-verify-under-review.png"), full_page=True
        )
        context.close()
