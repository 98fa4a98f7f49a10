"""Issue 11 in a real browser, on a phone: an artisan adds making-of photos to the storefront
(several at once, as from the camera) and buyers see them on the workshop's page; a cluster
manager verifies a member's claim and attests the piece, and the product page shows both
badges. The pages are saved at phone and desktop widths in French, Arabic and English, and
axe-core finds no serious accessibility violation on them."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw

from marketplace.provenance.models import Attestation, Claim
from marketplace.provenance.services import claim_create
from marketplace.vendors.models import MakingOfPhoto
from tests.security.upload_samples import pdf_bytes
from tests.workspace.vendor_world import VendorWorld, build

from .shop import logged_in_context
from .test_accessibility import axe_problems
from .test_workspace_vendors import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots/h4")
# What sticks out of the page, named, when a page is wider than the screen.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-3).map(e => e.tagName + '.' + e.className + '#' + e.id).join(' | ')"""


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> VendorWorld:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    return build()


def _photo(folder: Path, name: str, colour: str) -> Path:
    """A phone-sized photo of something: a copper disc on a bench."""
    image = Image.new("RGB", (1600, 1200), "#5b4636")
    draw = ImageDraw.Draw(image)
    draw.ellipse((400, 200, 1200, 1000), fill=colour, outline="#2a1d12", width=24)
    draw.rectangle((0, 1050, 1600, 1200), fill="#3a2b20")
    path = folder / name
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def _claim(world: VendorWorld) -> Claim:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return claim_create(
        actor=world.users["owner_a"],
        product_id=world.product_a.pk,
        kind="geographical_indication",
        title="Cuivre de Constantine",
        issuing_body="ANART",
        valid_from=date(2026, 1, 1),
        evidence=SimpleUploadedFile("label.pdf", pdf_bytes(), content_type="application/pdf"),
    )


def test_an_artisan_adds_making_of_photos_and_buyers_see_them(
    browser: Any, live_server: Any, world: VendorWorld, tmp_path: Path
) -> None:
    files = [
        _photo(tmp_path, "IMG_2041.jpg", "#b87333"),
        _photo(tmp_path, "IMG_2042.jpg", "#d4a373"),
    ]
    context = logged_in_context(browser, live_server, world.users["owner_a"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/workspace/workshop/souika/storefront/")
    assert page.locator("#id_making_images").get_attribute("accept") == "image/*"
    page.set_input_files("#id_making_images", [str(f) for f in files])
    # chosen, not yet sent: listed, and in the preview already
    assert page.locator("#vw-making-files li").count() == 2
    assert page.locator("#preview-making-list li.unsaved").count() == 2
    page.fill("#id_making_caption", "Le martelage du plateau")
    page.click("#making-of-submit")
    page.wait_for_selector("[data-testid=making-of-photo] >> nth=1")
    assert page.locator(".messages .success").is_visible()
    assert MakingOfPhoto.objects.filter(vendor=world.workshop_a).count() == 2
    assert page.locator("#preview-making-list li:not(.unsaved)").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "fr-390-editor-after-upload.png"), full_page=True)

    # a PDF renamed .jpg is refused with a message naming it, and nothing is added
    fake = tmp_path / "certificat.jpg"
    fake.write_bytes(pdf_bytes())
    page.set_input_files("#id_making_images", [str(fake)])
    page.click("#making-of-submit")
    page.wait_for_load_state()
    error = page.locator("[data-field=images]")
    assert "certificat.jpg" in (error.text_content() or "")
    assert MakingOfPhoto.objects.count() == 2

    buyer = browser.new_context(viewport=PHONE)
    shop = buyer.new_page()
    shop.goto(f"{live_server.url}/fr/w/souika/")
    gallery = shop.locator("#making-of img")
    assert gallery.count() == 2
    assert "480w" in (gallery.first.get_attribute("srcset") or "")
    gallery.first.scroll_into_view_if_needed()
    shop.wait_for_function(
        "() => [...document.querySelectorAll('#making-of img')].every(i => i.complete && i.naturalWidth > 0)"
    )
    assert "Le martelage du plateau" in (shop.text_content("#making-of") or "")
    shop.screenshot(path=str(SHOTS / "fr-390-workshop-gallery.png"), full_page=True)
    buyer.close()
    context.close()


def test_a_manager_verifies_a_claim_and_attests_the_piece_in_arabic(
    browser: Any, live_server: Any, world: VendorWorld
) -> None:
    claim = _claim(world)
    context = logged_in_context(browser, live_server, world.users["manager_a"], PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/workspace/cluster/constantine/provenance/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    card = page.locator(f"[data-testid=claim][data-claim='{claim.pk}']")
    with page.expect_popup() as popup:
        card.locator("[data-action=evidence]").click()
    evidence = popup.value
    evidence.close()
    expiry = timezone.localdate() + timedelta(days=365)
    card.locator("input[type=date]").fill(expiry.isoformat())
    page.screenshot(path=str(SHOTS / "ar-390-desk-before.png"), full_page=True)
    card.locator("[data-action=verify]").click()
    page.wait_for_load_state()
    assert page.locator(".messages .success").is_visible()
    claim.refresh_from_db()
    assert claim.verified_at is not None and claim.valid_until == expiry
    page.locator(
        f"[data-testid=to-attest][data-product='{world.product_a.pk}'] [data-action=attest]"
    ).click()
    page.wait_for_load_state()
    assert Attestation.objects.filter(product=world.product_a, cluster=world.cluster_a).exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "ar-390-desk-after.png"), full_page=True)
    context.close()

    buyer = browser.new_context(viewport=PHONE)
    shop = buyer.new_page()
    shop.goto(f"{live_server.url}/ar/p/{world.product_a.slug}/")
    assert shop.locator("[data-testid=attestation]").is_visible()
    assert "Cuivre de Constantine" in (shop.text_content("#claims") or "")
    shop.locator("#provenance").screenshot(path=str(SHOTS / "ar-390-product-badges.png"))
    buyer.close()


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_pages_are_saved_at_phone_and_desktop_widths(
    browser: Any, live_server: Any, world: VendorWorld, tmp_path: Path, language: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketplace.vendors.making_of import making_photos_add

    uploads = [
        SimpleUploadedFile(f.name, f.read_bytes(), content_type="image/jpeg")
        for f in (
            _photo(tmp_path, "a.jpg", "#b87333"),
            _photo(tmp_path, "b.jpg", "#d4a373"),
            _photo(tmp_path, "c.jpg", "#8c5a2b"),
        )
    ]
    making_photos_add(
        actor=world.users["owner_a"],
        vendor_id=world.workshop_a.pk,
        images=uploads,
        captions={"fr": "Au marteau", "ar": "بالمطرقة", "en": "By the hammer"},
    )
    _claim(world)
    rejected = _claim(world)
    from marketplace.provenance.review import claim_reject

    claim_reject(actor=world.users["manager_a"], claim_id=rejected.pk, reason="Scan unreadable")
    world.catalog.product("Hammered ewer", description="Chased copper.")
    pages = (
        ("owner_a", "workspace/workshop/souika/storefront/", "editor"),
        ("owner_a", f"workspace/w/souika/listings/{world.product_a.pk}/claims/", "listing-claims"),
        ("manager_a", "workspace/cluster/constantine/provenance/", "desk"),
        ("anonymous", "w/souika/", "workshop"),
    )
    for width, viewport in ((390, PHONE), (1280, DESKTOP)):
        for actor, path, name in pages:
            context = (
                browser.new_context(viewport=viewport)
                if actor == "anonymous"
                else logged_in_context(browser, live_server, world.users[actor], viewport)
            )
            page = context.new_page()
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response is not None and response.status == 200, (path, response)
            page.screenshot(path=str(SHOTS / f"{language}-{width}-{name}.png"), full_page=True)
            problems = axe_problems(page)
            assert not problems, (name, width, language, problems)
            wide = page.evaluate(WIDEST)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], (
                f"{name} overflows at {width} in {language}: {wide}"
            )
            context.close()
