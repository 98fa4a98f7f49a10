"""The buyer's account in a real browser: the address book (a French address checked by the
post's rules), an order whose parcel has shipped with its tracking link, the order cancel
offer on another, in English, French and Arabic at phone and desktop widths (screenshots)."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from marketplace.orders.models import Order, VendorOrder
from marketplace.orders.services import vendor_order_fulfil

from .shop import PAYING_CARD, add_to_basket, fill_details, snap
from .test_shop_journey import FRANCE, demo  # noqa: F401 - the demo fixture

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def test_address_book_tracking_and_cancel_in_three_languages(browser, live_server, demo):  # noqa: F811
    User.objects.create_user("nadia@example.com", "copper-and-silver-2026")
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/account/login/")
    page.fill("#id_email", "nadia@example.com")
    page.fill("#id_password", "copper-and-silver-2026")
    page.click("#login")
    page.wait_for_url("**/fr/account/")

    page.goto(f"{live_server.url}/fr/account/addresses/new/")
    assert page.locator("#id_country").input_value() == "FR"  # the market's country first
    for field, value in FRANCE.items():
        if field != "country":
            page.fill(f"#id_{field}", value if field != "postal_code" else "ABC")
    page.click("#save-address")
    assert page.locator(".field .error").count() >= 1  # the post's rules, named on the field
    page.fill("#id_postal_code", "75011")
    page.check("#id_default")
    page.click("#save-address")
    page.wait_for_url("**/fr/account/addresses/")
    assert "PARIS" in page.locator(".address").inner_text()

    for _ in range(2):  # two orders: one will ship, one stays cancelable
        page.goto(f"{live_server.url}/fr/p/chased-tray-atelier-souika/")
        add_to_basket(page)
        page.click("#to-checkout")
        fill_details(page, email="nadia@example.com", address=FRANCE)
        page.wait_for_url("**/checkout/pay/")
        page.fill("#card", PAYING_CARD)
        page.click("#pay")
        page.wait_for_url("**/order/**")
    shipped, waiting = Order.objects.order_by("number")
    staff = User.objects.create_user("ops@example.com", "pw-123456789", is_staff=True)
    vendor_order_fulfil(
        actor=staff,
        vendor_order_id=VendorOrder.objects.filter(order=shipped).get().pk,
        tracking_number="CP123456789FR",
        carrier="Colissimo",
    )
    context.close()

    for language in ("en", "fr", "ar"):
        for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(locale=language, viewport=viewport)
            view = context.new_page()
            view.goto(f"{live_server.url}/{language}/account/login/")
            view.fill("#id_email", "nadia@example.com")
            view.fill("#id_password", "copper-and-silver-2026")
            view.click("#login")
            view.wait_for_url(f"**/{language}/account/")
            assert view.locator("html").get_attribute("dir") == (
                "rtl" if language == "ar" else "ltr"
            )
            snap(view, f"account-orders-{language}-{size}")
            view.goto(f"{live_server.url}/{language}/account/addresses/")
            snap(view, f"account-addresses-{language}-{size}")
            view.goto(f"{live_server.url}/{language}/order/{shipped.pk}/")
            link = view.locator("a.tracking-number")
            assert link.inner_text() == "CP123456789FR"
            assert link.get_attribute("href").startswith("https://www.laposte.fr/")
            assert view.locator("#cancel-order").count() == 0
            snap(view, f"order-tracking-{language}-{size}")
            view.goto(f"{live_server.url}/{language}/order/{waiting.pk}/")
            view.click("#cancel summary")
            assert view.locator("#cancel-order").is_visible()
            snap(view, f"order-cancel-{language}-{size}")
            view.goto(f"{live_server.url}/{language}/account/password/")
            snap(view, f"password-reset-{language}-{size}")
            context.close()

    # The buyer cancels the order that has not shipped.
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    view = context.new_page()
    view.goto(f"{live_server.url}/fr/account/login/")
    view.fill("#id_email", "nadia@example.com")
    view.fill("#id_password", "copper-and-silver-2026")
    view.click("#login")
    view.goto(f"{live_server.url}/fr/order/{waiting.pk}/")
    view.click("#cancel summary")
    view.check("#cancel input[name=confirm]")
    view.click("#cancel-order")
    view.wait_for_selector("#canceled")
    waiting.refresh_from_db()
    assert waiting.status == "CANCELED"
    snap(view, "order-canceled-fr-phone")
    context.close()
