"""Issue 11 in a real browser: a staff member finds the independent workshops from the
workspace's navigation, opens an applicant's card, approves one (it becomes visible on its
storefront) and rejects another with a reason on a phone in Arabic. The staff page and the
"invitation for another address" page are saved at 390 and 1280 px in fr, ar and en."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from marketplace.accounts.models import User
from marketplace.vendors import members
from marketplace.vendors.models import Vendor, VendorDocument, VendorMembership, VendorStatus
from tests.browser.shop import logged_in_context
from tests.factories import WorkshopFactory
from tests.workspace.vendor_world import PASSWORD, VendorWorld, build, png_upload

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


def _independent(slug: str, name: str, craft: str, story: str = "") -> Vendor:
    vendor = WorkshopFactory(
        slug=slug,
        name=name,
        cluster=None,
        status=VendorStatus.PENDING,
        craft=craft,
        town="Nabeul",
        region="Nabeul",
        country="TN",
        artisan_card_number="TN-2291-07",
        contact_phone="+216 72 000 111",
        story={"blocks": [{"type": "paragraph", "data": {"text": story}}]} if story else {},
    )
    owner = User.objects.create_user(
        f"{slug}@example.com", PASSWORD, first_name="Sonia", last_name="Ben Salah"
    )
    VendorMembership.objects.create(user=owner, vendor=vendor, role="owner")
    for kind in ("artisan_card", "other"):
        document = VendorDocument(vendor=vendor, kind=kind, content_type="image/png", size=1)
        document.file.save("card.png", ContentFile(png_upload().read()), save=False)
        document.size = document.file.size
        document.save()
    return vendor


@pytest.fixture
def world(monkeypatch: Any, tmp_path: Any) -> VendorWorld:
    storage = FileSystemStorage(location=str(tmp_path / "private"))
    monkeypatch.setattr(VendorDocument._meta.get_field("file"), "storage", storage)
    monkeypatch.setattr("marketplace.core.private_links.private_storage", lambda: storage)
    world = build()
    _independent("fekhar", "Atelier Fekhar", "Poterie", "Trois générations de potiers à Nabeul.")
    _independent("zarbia", "Zarbia Kairouan", "Tapis")
    return world


def test_staff_approve_an_independent_workshop_and_it_goes_live(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    context = logged_in_context(browser, live_server, world.users["staff"], DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/workspace/")
    with page.expect_navigation():
        page.locator("#nav-staff-workshops").click()
    assert page.url == f"{live_server.url}/en/workspace/staff/workshops/"
    assert page.locator("#nav-staff-workshops").get_attribute("aria-current") == "page"
    card = page.locator("[data-testid=staff-workshop][data-slug=fekhar]")
    assert card.get_attribute("data-status") == "pending"
    assert "fekhar@example.com" in card.inner_text()
    # the card's photo opens through a private link, for this staff member
    with page.expect_popup() as popup:
        card.locator("[data-testid=staff-document]").first.click()
    document = popup.value
    document.wait_for_load_state()
    assert "/private/" in document.url
    document.close()
    with page.expect_navigation():
        card.locator("[data-action=approve]").click()
    assert page.locator(".messages .success").is_visible()
    assert page.locator("[data-slug=fekhar]").count() == 0  # off the waiting list
    assert Vendor.objects.get(slug="fekhar").status == "approved"
    with page.expect_navigation():
        page.click("[data-tab=approved]")
    approved = page.locator("[data-testid=staff-workshop][data-slug=fekhar]")
    assert approved.get_attribute("data-status") == "approved"
    page.screenshot(path=str(_shots() / "en-desktop-staff-after-approval.png"), full_page=True)
    context.close()

    buyer = browser.new_context(viewport=PHONE)
    shop = buyer.new_page()
    response = shop.goto(f"{live_server.url}/en/w/fekhar/")
    assert response is not None and response.status == 200
    assert "Atelier Fekhar" in shop.inner_text("body")
    buyer.close()


def test_staff_reject_an_application_with_a_reason_on_a_phone_in_arabic(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    context = logged_in_context(browser, live_server, world.users["staff"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/workspace/staff/workshops/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card = page.locator("[data-testid=staff-workshop][data-slug=zarbia]")
    card.locator("[data-action=open-reject]").click()
    card.locator("input[name=reason]").fill("صورة البطاقة غير واضحة")
    page.screenshot(path=str(_shots() / "ar-phone-staff-rejecting.png"), full_page=True)
    with page.expect_navigation():
        card.locator("[data-action=reject]").click()
    assert page.locator(".messages .success").is_visible()
    zarbia = Vendor.objects.get(slug="zarbia")
    assert (zarbia.status, zarbia.status_note) == ("rejected", "صورة البطاقة غير واضحة")
    context.close()


def test_anyone_but_staff_gets_the_missing_page(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    for actor in ("manager_a", "owner_a"):
        context = logged_in_context(browser, live_server, world.users[actor], PHONE)
        page = context.new_page()
        response = page.goto(f"{live_server.url}/fr/workspace/staff/workshops/")
        assert response is not None and response.status == 404, actor
        assert page.locator("#nav-staff-workshops").count() == 0
        context.close()
    assert Vendor.objects.get(slug="fekhar").status == "pending"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_staff_and_invitation_pages_are_saved_at_phone_and_desktop(
    browser: Any, live_server: Any, world: VendorWorld, language: str
) -> None:
    invitation = members.cluster_member_invite(
        actor=world.users["manager_a"], cluster_id=world.cluster_a.pk, email="kamel@example.com"
    )
    pages = (
        ("staff", "workspace/staff/workshops/", "staff-workshops"),
        ("buyer", f"workspace/apply/?invitation={invitation.token}", "invitation-other-address"),
    )
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        for actor, path, name in pages:
            context = logged_in_context(browser, live_server, world.users[actor], viewport)
            page = context.new_page()
            page.goto(f"{live_server.url}/{language}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
                f"{name} overflows at {width} in {language}"
            )
            if name == "staff-workshops":
                assert page.locator("[data-testid=staff-workshop]").count() == 2
            else:
                assert page.locator("[data-state=other_address]").count() == 1
                assert "kamel@example.com" not in page.content()
            shot = _shots() / f"{language}-{width}-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 5000
            context.close()
