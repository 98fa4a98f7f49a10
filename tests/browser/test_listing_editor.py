"""An artisan lists a piece from a phone, in Arabic and in French: a photo from the camera
input (uploaded with a progress bar), a title in the page's language, prices suggested from
the home currency, publish; the piece then shows on the shop's product page. Every listing
page is saved at phone and desktop widths in the three languages for review."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from marketplace.catalog.models import Product
from tests.workspace.listings_world import PASSWORD, build_world, jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TITLES = {"ar": "صينية نحاسية منقوشة", "fr": "Plateau ciselé aux étoiles", "en": "Chased tray"}


def shots() -> Path:
    folder = Path(os.environ.get("LISTING_SCREENSHOTS", "/tmp/shots-h7"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def snap(page, name: str) -> None:
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.screenshot(path=str(shots() / f"{name}.png"), full_page=True)


def log_in(page, base: str, language: str, next_path: str) -> None:
    page.goto(f"{base}/{language}/account/login/?next={next_path}")
    page.fill("#id_email", "owner-a@example.com")
    page.fill("#id_password", PASSWORD)
    page.click("#login")
    page.wait_for_url(f"**{next_path}")  # the shop's login comes back to the page asked for


@pytest.fixture
def world(catalog, tmp_path):
    return build_world(catalog)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_an_artisan_lists_a_piece_with_a_photo_from_a_phone(
    browser, live_server, world, tmp_path, language
) -> None:
    photo = tmp_path / "camera.jpg"
    photo.write_bytes(jpeg_bytes((1600, 1200), "sienna"))
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        _list_a_piece(context.new_page(), live_server, world, photo, language)
    finally:
        context.close()


def _list_a_piece(page, live_server, world, photo, language) -> None:
    listings = f"/{language}/workspace/w/souika/listings/"
    log_in(page, live_server.url, language, listings)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.click("#new-listing")
    page.wait_for_url(f"**{listings}new/")
    assert page.locator("#id_photos").get_attribute("capture") == "environment"
    page.set_input_files("#id_photos", str(photo))
    assert page.locator("#photos li.pending").count() == 1  # the preview before upload
    page.fill("#id_name", TITLES[language])
    page.fill("#id_description", TITLES[language])
    page.select_option("#id_category", str(world.catalog.category.pk))
    page.select_option("#id_product_type", str(world.catalog.product_type.pk))
    assert page.input_value("#id_hs_code") == "741810"  # suggested from the kind of piece
    page.fill("#id_home_price", "1000")  # DZD, the workshop's currency
    note = page.locator('.suggestion[data-channel="tunisia"]')
    assert re.search(r"23[.,]093", note.inner_text())  # 1000 DZD in TND, three decimals
    page.click("#use-suggestions")
    assert page.input_value("#id_price_international") == "6.88"
    assert page.input_value("#id_price_tunisia") == "23.093"
    page.fill("#id_variants-0-stock", "2")
    snap(page, f"browser-new-{language}-phone")
    page.click("#publish")
    page.wait_for_url("**/listings/*/")
    assert page.locator("#status").get_attribute("data-status") == "published"
    assert page.locator("#photos li[data-testid=photo]").count() == 1
    assert page.locator('.pill.missing[data-lang="en"]').count() == 1
    snap(page, f"browser-saved-{language}-phone")

    product = Product.objects.get(name=TITLES[language])
    assert product.media.count() == 1
    page.click("#view-in-shop")
    page.wait_for_url(f"**/{language}/p/{product.slug}/")
    assert page.locator("h1").inner_text() == TITLES[language]
    assert page.locator(".gallery img").count() >= 1
    snap(page, f"browser-shop-{language}-phone")


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_every_listing_page_at_phone_and_desktop_widths(
    browser, live_server, world, language
) -> None:
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        base = f"/{language}/workspace/w/souika/listings/"
        log_in(page, live_server.url, language, base)
        pages = {
            "list": base,
            "new": f"{base}new/",
            "edit": f"{base}{world.product.pk}/",
            "import": f"{base}import/",
        }
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200
            snap(page, f"{name}-{language}-{width}")
        # The editor's errors, named on their fields.
        page.goto(f"{live_server.url}{base}new/")
        page.fill("#id_price_international", "10.005")
        page.click("#save-draft")
        assert page.locator('[data-field="name"]').count() == 1
        assert page.locator('[data-field="price_international"]').count() == 1
        snap(page, f"errors-{language}-{width}")
        context.close()
