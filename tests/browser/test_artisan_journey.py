"""Issue 11, from end to end in a real browser on a phone, in Arabic and in French: an artisan
creates an account, applies as a workshop into a cluster, the cluster's manager (in another
browser) approves it, the artisan lists a piece with a photo and it shows in the shop; a buyer
orders it with the demo gateway; the artisan prints the papers (their text checked: HS code,
origin, values, the certificate's serial) and ships with a carrier and a tracking number; the
buyer sees the tracking on their order page; the artisan's money page shows the share to the
cent, computed here from the rates this test sets. Only the world around the journey (cluster,
manager, channels, shipping, rates) is written with factories; every step is a page.
Screenshots of each step go to /tmp/shots-e2e/ (or $E2E_SCREENSHOTS)."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image
from pypdf import PdfReader

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.core.money import quantize
from marketplace.orders.models import VendorOrder
from marketplace.payouts.models import PayoutAccount
from marketplace.provenance.models import Certificate
from marketplace.vendors.models import Vendor, VendorDocument, VendorMembership, VendorRole
from tests.commerce import ship_with
from tests.factories import CategoryFactory, ChannelFactory, ClusterFactory, ProductTypeFactory

from .shop import PAYING_CARD, fill_details

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/shots-e2e"))
PASSWORD = "copper-and-silver-2026"
COMMISSION = Decimal("0.1250")  # the marketplace's, set in settings below
CLUSTER_FEE = Decimal("0.0350")  # the cluster's, on its payout account

JOURNEYS: dict[str, dict[str, Any]] = {
    "fr": {
        "locale": "fr-FR",
        "artisan": ("Yacine", "Bensaïd", "yacine@example.com"),
        "workshop": "Atelier Yacine",
        "title": "Plateau ciselé aux étoiles",
        "description": "Cuivre martelé et ciselé à la main.",
        "buyer": {
            "first_name": "Claire",
            "last_name": "Martin",
            "street_address_1": "12 rue des Arts",
            "postal_code": "75011",
            "city": "Paris",
            "country": "FR",
        },
        "currency": "EUR",
        "price": Decimal("87.35"),
        "shipping": Decimal("15.00"),
        "carrier": "Colissimo",
        "tracking": "CP123456789FR",
    },
    "ar": {
        "locale": "ar-TN",
        "artisan": ("ياسين", "بن سعيد", "yassine@example.com"),
        "workshop": "ورشة ياسين",
        "title": "صينية نحاسية منقوشة",
        "description": "نحاس مطروق ومنقوش باليد.",
        "buyer": {
            "first_name": "Leila",
            "last_name": "Ben Salah",
            "street_address_1": "5 rue de la Kasbah",
            "postal_code": "3100",
            "city": "Kairouan",
            "country": "TN",
        },
        "currency": "TND",
        "price": Decimal("289.550"),
        "shipping": Decimal("30.000"),
        "carrier": "Rapid Poste",
        "tracking": "RR987654321TN",
    },
}


def png_file(folder: Path, name: str, size: tuple[int, int], colour: str) -> Path:
    path = folder / name
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


# What a phone user would see wrong without the journey stopping: gathered on the way and
# asserted at the end, so one defect does not hide the steps after it.
PROBLEMS: list[str] = []


def snap(page: Any, name: str) -> None:
    """A full-page screenshot; nothing may stick out of the phone's width or be cut off in a
    scrolled box (in right-to-left, what overflows a box is hidden off its left edge)."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
        PROBLEMS.append(f"{name}: the page is wider than the phone")
    cut = page.evaluate(
        """[...document.querySelectorAll('.ws-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => (e.closest('[id]') || e).id + ' (' + e.scrollWidth + ' > '
                      + e.clientWidth + ' px)')"""
    )
    PROBLEMS.extend(f"{name}: a table wider than its box, cut off, in #{box}" for box in cut)


def pdf_text(page: Any, base: str, link: str, *, keep_as: str) -> str:
    """The text of the PDF behind one of the page's links, fetched with the page's session;
    kept beside the screenshots for review."""
    href = page.locator(link).get_attribute("href")
    assert href, link
    response = page.request.get(base + href)
    assert response.status == 200, (link, response.status)
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    # Arabic is drawn in its joined (presentation) forms; NFKC gives the letters back
    text = unicodedata.normalize("NFKC", text)
    (SHOTS / f"{keep_as}.txt").write_text(text)
    return text


def digits(text: str) -> str:
    """The digits of a figure as shown, whatever the locale's digits and separators."""
    return "".join(str(int(c)) for c in text if c.isdigit())


def log_in(page: Any, email: str) -> None:
    page.fill("#id_email", email)
    page.fill("#id_password", PASSWORD)
    page.click("#login")
    page.wait_for_url("**/account/")


@pytest.fixture
def world(settings: Any, monkeypatch: Any, tmp_path: Path) -> dict[str, Any]:
    """The cluster the artisan joins, its manager, the markets, shipping and the rates."""
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    settings.MARKETPLACE_COMMISSION_RATE = COMMISSION
    private = FileSystemStorage(location=str(tmp_path / "private"))
    monkeypatch.setattr(VendorDocument._meta.get_field("file"), "storage", private)
    eur = ChannelFactory(slug="international", currency_code="EUR", countries=["FR", "DE"])
    tnd = ChannelFactory(
        slug="tunisia", currency_code="TND", default_country="TN", countries=["TN"]
    )
    cluster = ClusterFactory(slug="constantine", name="Dinanderie de Constantine")
    PayoutAccount.objects.create(vendor=cluster, cluster_fee_rate=CLUSTER_FEE)
    manager = User.objects.create_user("manager@example.com", PASSWORD)
    VendorMembership.objects.create(user=manager, vendor=cluster, role=VendorRole.MANAGER)
    ship_with(cluster, eur, name="Colissimo International", price="15.00")
    ship_with(cluster, tnd, name="Rapid Poste", price="30.000")
    kind = ProductTypeFactory()  # copperware, HS 741810
    category = CategoryFactory(slug="trays", name="Trays")
    SHOTS.mkdir(parents=True, exist_ok=True)
    return {"cluster": cluster, "category": category, "kind": kind, "eur": eur, "tnd": tnd}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_an_artisan_from_sign_up_to_payout_on_a_phone(
    browser: Any, live_server: Any, world: dict[str, Any], tmp_path: Path, language: str
) -> None:
    started = time.monotonic()
    PROBLEMS.clear()
    journey = JOURNEYS[language]
    base = live_server.url
    contexts = []

    def phone() -> Any:
        context = browser.new_context(
            locale=journey["locale"], viewport=PHONE, is_mobile=True, has_touch=True
        )
        contexts.append(context)
        return context.new_page()

    try:
        _journey(phone, base, world, tmp_path, language, journey)
    except Exception:
        for index, context in enumerate(contexts):  # where it stopped, for the report
            for page in context.pages:
                page.screenshot(path=str(SHOTS / f"{language}-failed-{index}.png"), full_page=True)
        raise
    finally:
        for context in contexts:
            context.close()
    print(f"\n{language}: journey in {time.monotonic() - started:.1f} s")
    assert not PROBLEMS, "\n".join(PROBLEMS)


def _journey(phone: Any, base: str, world: dict[str, Any], tmp: Path, lang: str, j: dict) -> None:
    first, last, email = j["artisan"]
    card = png_file(tmp, "artisan-card.png", (800, 500), "#c8a165")
    photo = png_file(tmp, "tray.png", (1600, 1200), "#b87333")

    # 1. The artisan creates an account and logs in (the shop's pages, in the phone's language).
    artisan = phone()
    artisan.goto(f"{base}/")
    assert artisan.url == f"{base}/{lang}/"
    assert artisan.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    artisan.click("#account-link")
    artisan.click(f"a[href='/{lang}/account/register/']")
    artisan.fill("#id_first_name", first)
    artisan.fill("#id_last_name", last)
    artisan.fill("#id_email", email)
    artisan.fill("#id_password", PASSWORD)
    snap(artisan, f"{lang}-01-register")
    artisan.locator("form:has(#id_first_name) button[type=submit]").click()
    artisan.wait_for_url("**/account/login/")
    assert artisan.input_value("#id_email") == email
    log_in(artisan, email)

    # 2. From the account to the workspace, then the application into the cluster.
    artisan.click("#workspace-link")
    artisan.wait_for_url(f"**/{lang}/workspace/")
    artisan.click("#apply-link")
    artisan.wait_for_url("**/workspace/apply/")
    artisan.fill("#id_name", j["workshop"])
    artisan.fill("#id_craft", "Dinanderie")
    artisan.select_option("#id_cluster", str(world["cluster"].pk))
    artisan.fill("#id_town", "Constantine")
    artisan.fill("#id_region", "Constantine")
    artisan.select_option("#id_country", "DZ")
    artisan.fill("#id_contact_phone", "+213 555 12 34 56")
    artisan.fill("#id_artisan_card_number", "25-0042")
    artisan.set_input_files("#id_documents", str(card))
    snap(artisan, f"{lang}-02-apply")
    artisan.click("#apply-submit")
    artisan.wait_for_url("**/onboarding/")
    workshop = Vendor.objects.get(memberships__user__email=email)
    assert workshop.cluster_id == world["cluster"].pk
    status = artisan.locator("[data-testid=vendor-status]")
    assert status.get_attribute("data-status") == "pending"
    assert artisan.locator("[data-step=approval]").get_attribute("data-done") == "false"
    snap(artisan, f"{lang}-03-checklist-pending")

    # 3. The cluster's manager, in another browser, approves the new member.
    manager = phone()
    manager.goto(f"{base}/{lang}/account/login/")
    log_in(manager, "manager@example.com")
    manager.click("#workspace-link")
    manager.click(f"a[href='/{lang}/workspace/cluster/constantine/members/']")
    member = manager.locator(f"[data-testid=member][data-slug='{workshop.slug}']")
    assert member.get_attribute("data-status") == "pending"
    snap(manager, f"{lang}-04-manager-members")
    member.locator("[data-action=approve]").click()
    manager.wait_for_load_state()
    member = manager.locator(f"[data-testid=member][data-slug='{workshop.slug}']")
    assert member.get_attribute("data-status") == "approved"
    snap(manager, f"{lang}-05-manager-approved")

    # 4. The artisan sees the approval and lists a first piece from the checklist.
    artisan.reload()
    assert status.get_attribute("data-status") == "approved"
    assert artisan.locator("[data-step=approval]").get_attribute("data-done") == "true"
    artisan.locator("[data-step=listing] a.btn").click()
    artisan.wait_for_url("**/listings/new/")
    artisan.set_input_files("#id_photos", str(photo))
    assert artisan.locator("#photos li.pending").count() == 1
    artisan.fill("#id_name", j["title"])
    artisan.fill("#id_description", j["description"])
    artisan.select_option("#id_category", str(world["category"].pk))
    artisan.select_option("#id_product_type", str(world["kind"].pk))
    assert artisan.input_value("#id_hs_code") == "741810"  # suggested from the kind of piece
    prices = {"EUR": "international", "TND": "tunisia"}
    artisan.fill(f"#id_price_{prices[j['currency']]}", str(j["price"]))
    other = "TND" if j["currency"] == "EUR" else "EUR"
    artisan.fill(f"#id_price_{prices[other]}", "300.000" if other == "TND" else "90.00")
    artisan.fill("#id_variants-0-stock", "3")
    snap(artisan, f"{lang}-06-listing-new")
    artisan.click("#publish")
    artisan.wait_for_url(re.compile(r".*/listings/\d+/$"))
    assert artisan.locator("#status").get_attribute("data-status") == "published"
    assert artisan.locator("#photos li[data-testid=photo]").count() == 1
    snap(artisan, f"{lang}-07-listing-saved")
    product = Product.objects.get(vendor=workshop)
    assert product.media.count() == 1

    artisan.click("#view-in-shop")
    artisan.wait_for_url(f"**/{lang}/p/{product.slug}/")
    assert artisan.locator("h1").inner_text() == j["title"]
    assert artisan.locator(".gallery img").count() >= 1
    snap(artisan, f"{lang}-08-shop-product")

    # 5. A buyer (a guest, another browser) orders it and pays with the demo gateway.
    buyer = phone()
    buyer.goto(f"{base}/{lang}/p/{product.slug}/")
    assert buyer.locator("h1").inner_text() == j["title"]
    buyer.click("#add-to-basket")
    buyer.wait_for_url("**/basket/")
    snap(buyer, f"{lang}-09-basket")
    buyer.click("#to-checkout")
    fill_details(buyer, email="buyer@example.com", address=j["buyer"])
    buyer.wait_for_url("**/checkout/pay/")
    snap(buyer, f"{lang}-10-pay")
    buyer.fill("#card", PAYING_CARD)
    buyer.click("#pay")
    buyer.wait_for_url("**/order/**")
    order_page = buyer.url
    assert buyer.locator("#thanks").count() == 1
    snap(buyer, f"{lang}-11-order-placed")
    parcel = VendorOrder.objects.select_related("order").get(vendor=workshop)
    currency = parcel.order.currency
    assert currency == j["currency"]
    assert parcel.goods_total == j["price"] and parcel.shipping_price == j["shipping"]

    # 6. The artisan opens the order from the inbox, accepts, packs and prints the papers.
    artisan.goto(f"{base}/{lang}/workspace/")
    artisan.click(f"[data-slug='{workshop.slug}'] a[href$='/orders/']")
    artisan.wait_for_url("**/orders/")
    snap(artisan, f"{lang}-12-inbox")
    artisan.click(f"[data-testid=parcel][data-id='{parcel.pk}'] .parcel-head")
    artisan.wait_for_url(f"**/orders/{parcel.pk}/")
    artisan.click("#accept")
    artisan.wait_for_load_state()
    artisan.click("#pack")
    artisan.wait_for_load_state()
    assert artisan.locator("#stage").get_attribute("data-stage") == "packed"
    snap(artisan, f"{lang}-13-order-packed")
    serials = list(
        Certificate.objects.filter(variant__product=product).values_list("serial", flat=True)
    )
    assert len(serials) == 1, serials  # one piece sold, one certificate
    price = f"{j['price']} {currency}"
    total = f"{j['price'] + j['shipping']} {currency}"
    # one text cell per line: the piece's row reads value, HS code, origin
    customs = pdf_text(artisan, base, "#paper-customs", keep_as=f"{lang}-customs")
    assert parcel.customs_form in ("CN22", "CN23")
    assert parcel.customs_form.replace("CN", "CN ") in customs
    assert f"{price}\n741810\nDZ" in customs, customs
    # a French or an Arabic order's papers are in French (the UPU's languages: French, English)
    assert f"Valeur totale\n{price}" in customs, customs
    invoice = pdf_text(artisan, base, "#paper-invoice", keep_as=f"{lang}-invoice")
    assert f"741810\nDZ\n1\n{price}\n{price}" in invoice, invoice
    assert f"Total\n{total}" in invoice and serials[0] in invoice, invoice
    slip = pdf_text(artisan, base, "#paper-packing-slip", keep_as=f"{lang}-packing-slip")
    assert f"#{parcel.order.number}" in slip and serials[0] in slip, slip
    for paper, text in (("customs declaration", customs), ("packing slip", slip)):
        for name in (j["title"], j["workshop"]):  # the content and the sender, as written
            if name not in text:
                garbled = [line for line in text.splitlines() if "?" in line]
                PROBLEMS.append(f"{paper}: {name!r} is not printed (it reads {garbled})")
    certificates = pdf_text(artisan, base, "#paper-certificates", keep_as=f"{lang}-certificates")
    assert f"Serial\n{serials[0]}" in certificates and "Constantine, Constantine, DZ" in (
        certificates
    ), certificates

    # 7. It ships with a carrier and a tracking number.
    artisan.fill("#id_carrier", j["carrier"])
    artisan.fill("#id_tracking_number", j["tracking"])
    artisan.click("#ship")
    artisan.wait_for_load_state()
    assert artisan.locator("#stage").get_attribute("data-stage") == "shipped"
    assert j["tracking"] in artisan.locator("#shipments").inner_text()
    snap(artisan, f"{lang}-14-shipped")

    # 8. The buyer sees the tracking on their order page.
    buyer.goto(order_page)
    assert j["tracking"] in buyer.locator(".tracking-number").first.inner_text()
    snap(buyer, f"{lang}-15-buyer-tracking")

    # 9. The money page shows the artisan's share, to the smallest unit of the currency.
    base_amount = j["price"] + j["shipping"]
    commission = quantize(base_amount * COMMISSION, currency)
    fee = quantize(base_amount * CLUSTER_FEE, currency)
    share = base_amount - commission - fee
    artisan.goto(f"{base}/{lang}/workspace/")
    artisan.click(f"[data-slug='{workshop.slug}'] a[href$='/money/']")
    artisan.wait_for_url("**/money/")
    row = artisan.locator(f"[data-testid=ledger-row][data-order='{parcel.order.number}']")
    assert row.count() == 1
    assert Decimal(row.locator("td.net").get_attribute("data-net")) == share
    # and in the figures the artisan reads (Arabic-Indic digits read as digits)
    shown = digits(row.locator("td.net").inner_text())
    assert shown == digits(str(share)), (shown, share)
    earned = artisan.locator(f"[data-testid=balance][data-currency={currency}] [data-kind=earned]")
    assert digits(earned.inner_text()) == digits(str(share))
    snap(artisan, f"{lang}-16-money")
