"""An artisan on a phone, in French: opens the orders inbox, accepts and packs a parcel,
prints its papers (the PDFs' text checked: HS code, origin, values, certificate serial),
ships part of it with carrier and tracking, then the rest; the buyer sees the tracking in
their account. Screenshots of the inbox, the order and the money page at phone and desktop
widths in French, Arabic and English go to /tmp/shots-h3/ (or $WORKSPACE_SCREENSHOTS)."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from marketplace.orders.models import VendorOrder
from marketplace.provenance.certificates import certificate_issue
from tests.workspace.orders_world import build_world, place_order

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = Path(os.environ.get("WORKSPACE_SCREENSHOTS", "/tmp/shots-h3"))


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/fr/account/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", "pw-123456789")
    page.click("#login")
    page.wait_for_load_state()


def _pdf_text(page, url: str) -> str:
    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)


def test_an_artisan_prints_the_papers_and_ships_with_tracking(
    browser, live_server, catalog, settings, tmp_path
):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    world = build_world(catalog)
    parcel = place_order(world, pieces=[(world.product, 2), (world.ewer, 1)], number=4242)
    serials = [
        certificate_issue(
            product=line.variant.product, variant=line.variant, order_reference="order #4242"
        ).serial
        for line in parcel.lines.all()
        for _ in range(line.quantity)
    ]
    for number in range(3):
        place_order(world, pieces=[(world.product, 1)], number=4300 + number)
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    _log_in(page, base, "souika@example.com")
    page.goto(f"{base}/fr/workspace/w/{world.workshop_a.slug}/orders/")
    assert page.locator("[data-testid=parcel]").count() == 4
    page.click(f"[data-id='{parcel.pk}'] .parcel-head")
    page.wait_for_url(f"**/orders/{parcel.pk}/")
    assert "Joyeux anniversaire, Leila" in page.content()
    page.click("#accept")
    page.wait_for_load_state()
    page.click("#pack")
    page.wait_for_load_state()
    assert page.locator("#stage").get_attribute("data-stage") == "packed"
    papers = f"{base}/fr/workspace/w/{world.workshop_a.slug}/orders/{parcel.pk}/papers/"
    customs = _pdf_text(page, papers + "customs.pdf")
    for fact in ("CN 23", "741810", "741999", "DZ", "200.00 EUR", "250.00 EUR", "450.00 EUR"):
        assert fact in customs, fact
    invoice = _pdf_text(page, papers + "invoice.pdf")
    assert "471.00 EUR" in invoice and serials[0] in invoice
    assert "Joyeux anniversaire" in _pdf_text(page, papers + "packing-slip.pdf")
    certificates = _pdf_text(page, papers + "certificates.pdf")
    assert all(serial in certificates for serial in serials)
    page.screenshot(path=str(SHOTS / "order-fr-phone.png"), full_page=True)
    # part now: one tray, the ewer and the other tray later
    tray, ewer = sorted(parcel.lines.all(), key=lambda line: line.product_name)
    page.fill(f"#id_line-{tray.pk}", "1")
    page.fill(f"#id_line-{ewer.pk}", "0")
    page.fill("#id_carrier", "Colissimo")
    page.fill("#id_tracking_number", "CP123456789FR")
    page.click("#ship")
    page.wait_for_load_state()
    assert page.locator("#stage").get_attribute("data-stage") == "partial"
    assert "CP123456789FR" in page.locator("#shipments").inner_text()
    page.screenshot(path=str(SHOTS / "order-partial-fr-phone.png"), full_page=True)
    page.fill("#id_carrier", "DHL")
    page.fill("#id_tracking_number", "JD014600006281")
    page.click("#ship")
    page.wait_for_load_state()
    assert page.locator("#stage").get_attribute("data-stage") == "shipped"
    assert VendorOrder.objects.get(pk=parcel.pk).status == "FULFILLED"
    context.close()
    # the buyer sees the tracking on their account page
    buyer = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = buyer.new_page()
    _log_in(page, base, "claire@example.com")
    page.goto(f"{base}/fr/account/")
    assert "JD014600006281" in page.content()
    buyer.close()
    # screenshots: every page, three languages, two widths
    for language in ("fr", "ar", "en"):
        for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(locale=language, viewport=viewport)
            page = context.new_page()
            _log_in(page, base, "souika@example.com")
            root = f"{base}/{language}/workspace/w/{world.workshop_a.slug}"
            for label, url in (
                ("inbox", f"{root}/orders/?stage=all"),
                ("order", f"{root}/orders/{parcel.pk}/"),
                ("open-order", f"{root}/orders/{parcel.pk + 1}/"),
                ("money", f"{root}/money/"),
            ):
                page.goto(url)
                assert page.locator("html").get_attribute("lang") == language
                page.screenshot(path=str(SHOTS / f"{label}-{language}-{name}.png"), full_page=True)
            context.close()
