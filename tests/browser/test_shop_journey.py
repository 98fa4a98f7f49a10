"""A buyer's whole journey in a real browser, in English, French and Arabic: a cluster, a
product with packaging and a gift message, pieces from two workshops, the checkout with the
demo gateway, the confirmation; and a declined card that charges nothing and keeps the
basket. Every page is saved as a screenshot at phone and desktop widths."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.demo.seed import seed_demo
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.models import Transaction

from .shop import (
    DECLINED_CARD,
    DESKTOP,
    PAYING_CARD,
    PHONE,
    add_to_basket,
    fill_details,
    snap,
)

pytestmark = pytest.mark.django_db(transaction=True)

FRANCE = {
    "first_name": "Claire",
    "last_name": "Martin",
    "street_address_1": "12 rue des Arts",
    "postal_code": "75011",
    "city": "Paris",
    "country": "FR",
}
TUNISIA = {
    "first_name": "Leila",
    "last_name": "Ben Salah",
    "street_address_1": "5 rue de la Kasbah",
    "postal_code": "3100",
    "city": "Kairouan",
    "country": "TN",
}
USA = {
    "first_name": "Ann",
    "last_name": "Lee",
    "street_address_1": "350 Fifth Avenue",
    "postal_code": "10118",
    "city": "New York",
    "country": "US",
    "country_area": "NY",
}


@pytest.fixture
def demo(settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    seed_demo()


JOURNEYS = {
    # language, browser locale, viewport, the two pieces (cluster, product), address, currency
    "en": (
        "en-US",
        DESKTOP,
        [
            ("batna-silver", "chaoui-bracelet-atelier-chelia"),
            ("kairouan-copper", "hammam-bowl-dar-aghlabi"),
        ],
        USA,
        "USD",
    ),
    "fr": (
        "fr-FR",
        PHONE,
        [
            ("constantine-dinanderie", "chased-tray-atelier-souika"),
            ("batna-silver", "aures-necklace-fidda-aures"),
        ],
        FRANCE,
        "EUR",
    ),
    "ar": (
        "ar-TN",
        PHONE,
        [
            ("kairouan-copper", "hammam-bowl-atelier-sabra"),
            ("kairouan-copper", "hammam-bowl-nahas-el-medina"),
        ],
        TUNISIA,
        "TND",
    ),
}
STRINGS = {
    "en": ("Add to basket", "Thank you!"),
    "fr": ("Ajouter au panier", "Merci !"),
    "ar": ("أضف إلى السلة", "شكرًا"),
}


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_buyer_buys_from_two_workshops(browser, live_server, demo, language):
    locale, viewport, pieces, address, currency = JOURNEYS[language]
    context = browser.new_context(locale=locale, viewport=viewport)
    page = context.new_page()
    size = "phone" if viewport is PHONE else "desktop"

    # First visit: the language and the market come from the browser.
    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/{language}/"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert currency in page.locator("#channel-select option:checked").inner_text()

    for index, (cluster, product) in enumerate(pieces):
        page.goto(f"{live_server.url}/{language}/c/{cluster}/")
        page.click(f"a.product-card[href='/{language}/p/{product}/']")
        assert page.url.endswith(f"/{language}/p/{product}/")
        assert page.locator("#add-to-basket").inner_text() == STRINGS[language][0]
        assert page.locator("#provenance").count() == 1
        add_to_basket(
            page,
            packaging=1 if index == 0 else None,
            gift="Joyeux anniversaire !" if index == 0 else "",
        )

    assert page.locator(".parcel").count() == 2
    snap(page, f"journey-basket-{language}-{size}")
    page.click("#to-checkout")
    fill_details(page, email="buyer@example.com", address=address)
    page.wait_for_url("**/checkout/pay/")
    total_text = page.locator("#total").inner_text()
    snap(page, f"journey-pay-{language}-{size}")
    page.fill("#card", PAYING_CARD)
    page.click("#pay")
    page.wait_for_url("**/order/**")
    assert STRINGS[language][1] in page.locator("#thanks").inner_text()
    snap(page, f"journey-confirmation-{language}-{size}")

    order = Order.objects.get()
    assert order.currency == currency
    assert order.language_code == language
    assert order.user_email == "buyer@example.com"
    assert order.vendor_orders.count() == 2
    assert page.locator("#order-total").inner_text() == total_text
    gift_line = OrderLine.objects.get(product_name__isnull=False, gift_message__gt="")
    assert gift_line.gift_message == "Joyeux anniversaire !"
    assert order.packaging_total > Decimal(0)
    txn = Transaction.objects.get()
    assert txn.charged == order.total
    assert not Checkout.objects.exists()
    if currency == "TND":
        assert order.total == order.total.quantize(Decimal("0.001"))
        assert total_text.count(",") + total_text.count(".") >= 1
    # The basket is empty again.
    assert page.locator("#basket-link .count").inner_text() == "0"
    context.close()


def test_declined_card_charges_nothing_and_keeps_the_basket(browser, live_server, demo):
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/p/chased-tray-atelier-souika/")
    add_to_basket(page)
    page.click("#to-checkout")
    fill_details(page, email="buyer@example.com", address=FRANCE)
    page.wait_for_url("**/checkout/pay/")
    page.fill("#card", DECLINED_CARD)
    page.click("#pay")
    page.wait_for_url("**/checkout/pay/")
    assert "refusée" in page.locator(".messages").inner_text()
    assert "Rien n'a été débité" in page.locator(".messages").inner_text()
    snap(page, "declined-fr-desktop")

    assert Order.objects.count() == 0
    assert Transaction.objects.get().charged == 0
    assert CheckoutLine.objects.count() == 1
    page.goto(f"{live_server.url}/fr/basket/")
    assert page.locator(".parcel .line").count() == 1
    context.close()


PAGES = [("home", ""), ("catalog", "shop/?sort=price")]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_page_is_saved_at_phone_and_desktop_widths(browser, live_server, demo, language):
    """Screenshots for review: home, cluster, workshop, catalog, product, basket, checkout
    (details and payment) and certificate pages, in this language, at both widths."""
    from marketplace.provenance.models import Certificate

    serial = Certificate.objects.filter(revoked_at__isnull=True).values_list("serial", flat=True)[0]
    locale, _viewport, pieces, address, _currency = JOURNEYS[language]
    cluster, product = pieces[0]
    workshop = "atelier-" + product.split("-atelier-")[1]  # the first pieces' makers
    pages = [
        *PAGES,
        ("cluster", f"c/{cluster}/"),
        ("workshop", f"w/{workshop}/"),
        ("product", f"p/{product}/"),
    ]
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(locale=locale, viewport=viewport)
        page = context.new_page()
        for name, path in pages:
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response.status == 200, name
            assert page.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            )
            # No horizontal scrolling on a phone: the layout fits the screen.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{name} is {width}px wide"
            snap(page, f"{name}-{language}-{size}")
        add_to_basket(page, packaging=1, gift="Pour toi")
        snap(page, f"basket-{language}-{size}")
        page.click("#to-checkout")
        snap(page, f"checkout-details-{language}-{size}")
        fill_details(page, email="buyer@example.com", address=address)
        page.wait_for_url("**/checkout/pay/")
        snap(page, f"checkout-pay-{language}-{size}")
        page.goto(f"{live_server.url}/verify/{serial}/")
        assert page.locator("#status").get_attribute("data-status") == "VALID"
        snap(page, f"certificate-{language}-{size}")
        context.close()


def test_registered_buyer_sees_the_order_and_opens_the_certificate(browser, live_server, demo):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/p/chased-tray-atelier-souika/")
    add_to_basket(page)  # before logging in: the basket follows the buyer
    page.click("#account-link")
    page.click("a[href='/fr/account/register/']")
    page.fill("#id_email", "nadia@example.com")
    page.fill("#id_first_name", "Nadia")
    page.fill("#id_password", "copper-and-silver-2026")
    page.click("#register")
    page.wait_for_url("**/fr/account/login/")  # the same answer whether the address was new
    assert page.locator("#id_email").input_value() == "nadia@example.com"
    page.fill("#id_password", "copper-and-silver-2026")
    page.click("#login")
    page.wait_for_url("**/fr/account/")
    page.click("#basket-link")
    page.click("#to-checkout")
    assert page.locator("#id_email").input_value() == "nadia@example.com"
    fill_details(page, email="nadia@example.com", address=FRANCE)
    page.wait_for_url("**/checkout/pay/")
    page.fill("#card", PAYING_CARD)
    page.click("#pay")
    page.wait_for_url("**/order/**")
    order = Order.objects.get()
    assert order.user is not None and order.user.email == "nadia@example.com"

    page.click("#account-link")
    assert page.locator(".order-row").count() == 1
    assert f"Commande {order.number}" in page.locator(".order-row").inner_text()
    assert "En préparation" in page.locator(".order-row").inner_text()
    snap(page, "account-fr-phone")
    page.click(".order-row h2 a")
    page.click("#certificates a")
    assert page.locator("#status").get_attribute("data-status") == "VALID"
    assert "Plateau" in page.locator("#facts").inner_text() or "tray" in (
        page.locator("#facts").inner_text().lower()
    )
    snap(page, "certificate-of-sale-fr-phone")

    page.click("#account-link")
    page.click("#logout")
    page.goto(f"{live_server.url}/fr/order/{order.pk}/")
    assert page.locator("h1").inner_text() != ""  # answered, but not the order:
    assert page.locator("#thanks").count() == 0
    context.close()
