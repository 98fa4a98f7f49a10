"""Issue 11 in a real browser: on a phone, a cluster manager adds a packaging option priced in
euros and dinars, a shipping zone found through the country filter and a method with weight
brackets; then every settings page is saved at phone and desktop widths in fr, ar and en."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage

from marketplace.packaging.models import PackagingOption
from marketplace.payouts.fees import cluster_fee_rate_set
from marketplace.shipping.models import ShippingMethod, ShippingZone
from marketplace.vendors.models import VendorDocument
from tests.browser.shop import logged_in_context
from tests.workspace.cluster_settings_world import settings_of
from tests.workspace.vendor_world import VendorWorld, build

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BASE = "workspace/cluster/constantine/"


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


def _fits(page: Any, viewport: dict[str, int]) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= viewport["width"])


def test_a_manager_adds_packaging_and_a_shipping_method_on_a_phone(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    context = logged_in_context(browser, live_server, world.users["manager_a"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/{BASE}members/")
    page.click("#nav-packaging")
    assert page.locator("#packaging-empty").is_visible()
    page.click("#packaging-new")
    page.fill("#id_name", "Coffret au sceau")
    page.select_option("#id_kind", "cluster_branded")
    page.fill("#id_length_cm", "30")
    page.fill("#id_width_cm", "30")
    page.fill("#id_height_cm", "12")
    page.fill("#id_added_weight_kg", "0.4")
    page.fill("#id_price_international", "6.505")  # one decimal too many for the euro
    page.fill("#id_price_tunisia", "14.500")
    page.click("#packaging-save")
    page.wait_for_load_state()
    assert page.locator("[data-field=price_international]").is_visible()
    assert not PackagingOption.objects.exists()
    assert page.input_value("#id_name") == "Coffret au sceau"  # nothing typed is lost
    page.screenshot(path=str(_shots() / "fr-phone-packaging-error.png"), full_page=True)
    page.fill("#id_price_international", "6.50")
    page.click("#packaging-save")
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    card = page.locator("[data-testid=packaging]")
    assert card.count() == 1 and "Coffret au sceau" in card.inner_text()
    assert _fits(page, PHONE)
    option = PackagingOption.objects.get()
    assert {r.currency: r.price_amount for r in option.channel_listings.all()} == {
        "EUR": Decimal("6.50"),
        "TND": Decimal("14.500"),
    }

    page.click("#nav-shipping")
    page.click("#zone-new")
    page.fill("#id_name", "Europe")
    page.fill("input[data-filter]", "fran")
    assert 0 < page.locator("#countries-list label:visible").count() < 10
    page.locator("#countries-list label:visible", has_text="France").click()
    page.fill("input[data-filter]", "allem")
    page.locator("#countries-list label:visible", has_text="Allemagne").click()
    assert sorted(page.locator("#countries-chosen .chip").all_inner_texts()) == [
        "Allemagne",
        "France",
    ]
    page.screenshot(path=str(_shots() / "fr-phone-zone-typing.png"), full_page=True)
    page.click("#zone-save")
    page.wait_for_load_state()
    zone = ShippingZone.objects.get()
    assert sorted(c.code for c in zone.countries) == ["DE", "FR"]

    page.locator("[data-testid=zone] [data-action=add-method]").click()
    page.fill("#id_name", "Colis suivi")
    page.fill("#id_carrier", "La Poste")
    page.fill("#id_min_delivery_days", "6")
    page.fill("#id_max_delivery_days", "12")
    page.fill("#id_kg_international_0", "2")
    page.fill("#id_price_international_0", "18")
    page.fill("#id_price_international_1", "45")
    page.fill("#id_free_international", "300")
    page.screenshot(path=str(_shots() / "fr-phone-method-typing.png"), full_page=True)
    page.click("#method-save")
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    method = ShippingMethod.objects.get()
    listing = method.channel_listings.get()
    assert [(r.max_weight_kg, r.price) for r in listing.rates.all()] == [
        (Decimal("2.000"), Decimal("18.00")),
        (None, Decimal("45.00")),
    ]
    assert listing.free_above == Decimal("300.00")
    assert page.locator("[data-testid=method]").count() == 1
    assert _fits(page, PHONE)
    page.screenshot(path=str(_shots() / "fr-phone-shipping-after.png"), full_page=True)
    context.close()


def _pages(world: VendorWorld) -> list[tuple[str, str]]:
    s = settings_of(world, world.cluster_a)
    settings_of(world, world.cluster_a, label="Gift")
    cluster_fee_rate_set(
        actor=world.users["manager_a"],
        cluster_id=world.cluster_a.pk,
        rate=Decimal("0.0450"),
        note="Stand at the fair",
    )
    return [
        ("packaging/", "packaging"),
        (f"packaging/{s.option.pk}/", "packaging-edit"),
        ("shipping/", "shipping"),
        (f"shipping/zones/{s.zone.pk}/", "zone"),
        (f"shipping/methods/{s.method.pk}/", "method"),
        ("fee/", "fee"),
    ]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_every_settings_page_is_saved_at_phone_and_desktop_widths(
    browser: Any, live_server: Any, world: VendorWorld, language: str
) -> None:
    pages = _pages(world)
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = logged_in_context(browser, live_server, world.users["manager_a"], viewport)
        for path, name in pages:
            page = context.new_page()
            response = page.goto(f"{live_server.url}/{language}/{BASE}{path}")
            assert response is not None and response.status == 200, (path, response)
            if language == "ar":
                assert page.locator("html").get_attribute("dir") == "rtl"
            shot = _shots() / f"{language}-{width}-cluster-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            wide = page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => "
                "e.getBoundingClientRect().right > innerWidth + 1 || "
                "e.getBoundingClientRect().left < -1).slice(0, 5).map(e => e.outerHTML.slice(0, 120))"
            )
            assert _fits(page, viewport), (f"{name} overflows at {width} in {language}", wide)
            assert shot.stat().st_size > 5000
            page.close()
        context.close()
