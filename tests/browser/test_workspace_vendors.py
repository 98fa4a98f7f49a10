"""Issue 11 in a real browser: on a phone, in Arabic, a cluster manager approves a workshop
that has just applied, and the applicant's checklist shows the approval. Every vendor page
of the workspace is then saved at phone and desktop widths in Arabic, French and English."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from marketplace.vendors.models import ListingReview, Vendor, VendorDocument
from tests.browser.shop import logged_in_context
from tests.workspace.vendor_world import VendorWorld, build, parcel

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
def world(monkeypatch: Any, tmp_path: Any) -> VendorWorld:
    storage = FileSystemStorage(location=str(tmp_path / "private"))
    monkeypatch.setattr(VendorDocument._meta.get_field("file"), "storage", storage)
    return build()


def test_a_manager_approves_an_applicant_on_a_phone_in_arabic(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    manager = logged_in_context(browser, live_server, world.users["manager_a"], PHONE)
    page = manager.new_page()
    page.goto(f"{live_server.url}/ar/workspace/cluster/constantine/members/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    card = page.locator("[data-testid=member][data-slug=nouveau]")
    assert card.get_attribute("data-status") == "pending"
    assert page.locator("#applications").is_visible()
    # nothing overflows the phone's width in right-to-left
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card.locator("[data-action=approve]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    card = page.locator("[data-testid=member][data-slug=nouveau]")
    assert card.get_attribute("data-status") == "approved"
    page.screenshot(path=str(_shots() / "ar-phone-members-after-approval.png"), full_page=True)
    assert Vendor.objects.get(slug="nouveau").status == "approved"
    manager.close()

    applicant = logged_in_context(browser, live_server, world.users["applicant"], PHONE)
    mine = applicant.new_page()
    mine.goto(f"{live_server.url}/ar/workspace/workshop/nouveau/onboarding/")
    assert mine.locator("[data-step=approval]").get_attribute("data-done") == "true"
    assert mine.locator("[data-testid=vendor-status]").get_attribute("data-status") == "approved"
    applicant.close()


def _enrich(world: VendorWorld) -> None:
    """Sales over months, channels and countries, listings waiting for review."""
    eur, tnd = world.catalog.eur, world.catalog.tnd
    for days, vendor, channel, country, goods in (
        (2, world.workshop_a, eur, "FR", "120.00"),
        (9, world.workshop_a, eur, "DE", "80.00"),
        (35, world.workshop_a, eur, "FR", "210.00"),
        (40, world.applicant, eur, "US", "95.00"),
        (70, world.workshop_a, eur, "GB", "150.00"),
        (100, world.applicant, eur, "FR", "60.00"),
        (12, world.workshop_a, tnd, "TN", "330.000"),
    ):
        parcel(vendor, channel=channel, country=country, goods=goods, days_ago=days)
    Vendor.objects.filter(pk=world.cluster_a.pk).update(
        moderates_listings=True, tagline="Copper from the old town"
    )
    now = timezone.now()
    for name in ("Hammered ewer", "Lantern with stars"):
        product = world.catalog.product(name, description="Chased copper, made by hand.")
        ListingReview.objects.create(product=product, status="pending", submitted_at=now)


PAGES = (
    ("applicant", "workspace/apply/", "apply"),
    ("applicant", "workspace/workshop/nouveau/onboarding/", "checklist"),
    ("owner_a", "workspace/workshop/souika/storefront/", "storefront"),
    ("manager_a", "workspace/cluster/constantine/members/", "members"),
    ("manager_a", "workspace/cluster/constantine/members/souika/", "member"),
    ("manager_a", "workspace/cluster/constantine/moderation/", "moderation"),
    ("manager_a", "workspace/cluster/constantine/reports/", "reports"),
)


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_every_vendor_page_is_saved_at_phone_and_desktop_widths(
    browser: Any, live_server: Any, world: VendorWorld, language: str
) -> None:
    _enrich(world)
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        contexts: dict[str, Any] = {}
        for actor, path, name in PAGES:
            if actor not in contexts:
                contexts[actor] = logged_in_context(
                    browser, live_server, world.users[actor], viewport
                )
            page = contexts[actor].new_page()
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response is not None and response.status == 200, (path, response)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
                f"{name} overflows at {width} in {language}"
            )
            shot = _shots() / f"{language}-{width}-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 5000
            page.close()
        for context in contexts.values():
            context.close()


def test_the_storefront_preview_follows_the_form_in_french(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    context = logged_in_context(browser, live_server, world.users["owner_a"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/workspace/workshop/souika/storefront/")
    page.fill("#id_tagline", "Cuivre martelé à la main")
    page.fill("#id_story", "Depuis 1962.\n\nTrois générations.")
    page.eval_on_selector(
        "#id_primary_color",
        "e => { e.value = '#1d4d4f'; e.dispatchEvent(new Event('input')); }",
    )
    assert page.text_content("#preview-tagline") == "Cuivre martelé à la main"
    assert page.locator("#preview-story p").count() == 2
    assert (
        page.eval_on_selector("#preview", "e => e.style.getPropertyValue('--brand')") == "#1d4d4f"
    )
    page.screenshot(path=str(_shots() / "fr-phone-storefront-typing.png"), full_page=True)
    page.click("#storefront-save")
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    assert Vendor.objects.get(slug="souika").primary_color == "#1d4d4f"
    context.close()
