"""Steps of a buyer in the shop, shared by the journey tests, and the screenshot folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings

PAYING_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def screenshots_dir() -> Path:
    """One folder for every page, language and width, for review after the run."""
    folder = Path(
        os.environ.get("SHOP_SCREENSHOTS") or Path(settings.MARKETPLACE_HOME) / "shop-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(page: Any, name: str) -> Path:
    """A full-page screenshot once every lazy picture has loaded."""
    # Lazy pictures below the fold load only when asked: ask for all, then wait (bounded).
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.evaluate(
        """() => Promise.race([
            Promise.all([...document.images].map(img => img.complete ? null :
                new Promise(done => { img.onload = img.onerror = done; }))),
            new Promise(done => setTimeout(done, 15000))])"""
    )
    page.evaluate("window.scrollTo(0, 0)")
    path = screenshots_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def add_to_basket(page: Any, *, packaging: int | None = None, gift: str = "") -> None:
    """On a product page: the first size in stock, the n-th packaging, a gift message."""
    if packaging is not None:
        page.locator("input[name=packaging]").nth(packaging).check()
    if gift:
        page.fill("#gift", gift)
    page.click("#add-to-basket")
    page.wait_for_url("**/basket/")


def fill_details(page: Any, *, email: str, address: dict[str, str]) -> None:
    page.fill("#id_email", email)
    if "country" in address:
        page.select_option("#id_country", address["country"])
        page.click("button[name=refresh]")
        page.wait_for_load_state()
        page.fill("#id_email", email)
    for field in ("first_name", "last_name", "street_address_1", "postal_code", "city"):
        if field in address:
            page.fill(f"#id_{field}", address[field])
    if "country_area" in address:
        page.select_option("#id_country_area", address["country_area"])
    page.click("#to-payment")


def logged_in_context(browser: Any, live_server: Any, user: Any, viewport: dict[str, int]) -> Any:
    """A browser context signed in as ``user`` (its session cookie), at ``viewport``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context
