"""Paying by card through Stripe's Payment Element, in a real browser, against localstripe
(which serves the Stripe.js stand-in, see tests/support/localstripe_server.py): a declined
card shows a clear message and places nothing, the basket kept; the next card pays and the
order is placed. The page's Content-Security-Policy lets Stripe in on this step only, and the
browser reports no violation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from marketplace.checkout.models import CheckoutLine
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction

from .shop import DESKTOP, PHONE, add_to_basket, fill_details, snap
from .test_shop_journey import FRANCE, demo  # noqa: F401 - the demo fixture

pytestmark = pytest.mark.django_db(transaction=True)

DECLINED = "4000000000000341"  # localstripe: attaches, then the charge is declined
PAYING = "4242424242424242"


def fill_card(page: Any, number: str) -> None:
    field = "#payment-element input[name=localstripe-{}]"
    page.locator(field.format("number")).fill(number)
    page.locator(field.format("exp_month")).fill("12")
    page.locator(field.format("exp_year")).fill("31")
    page.locator(field.format("cvc")).fill("123")
    page.locator(field.format("postal_code")).fill("75011")


def test_card_paid_with_the_payment_element(browser, live_server, demo, stripe_on):  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    product = page.goto(f"{live_server.url}/fr/p/chased-tray-atelier-souika/")
    assert product is not None
    assert urlsplit(stripe_on).netloc not in product.headers["content-security-policy"]
    add_to_basket(page)
    page.click("#to-checkout")
    fill_details(page, email="claire@example.com", address=FRANCE)
    page.wait_for_url("**/checkout/pay/")
    pay_page = page.reload()
    assert pay_page is not None
    policy = pay_page.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy and stripe_on in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert page.locator("#card").count() == 0  # no card number field of ours
    page.wait_for_selector("#payment-element input[name=localstripe-number]")

    fill_card(page, DECLINED)
    page.click("#pay")
    error = page.locator("#payment-error")
    error.wait_for(state="visible")
    assert "refusée" in error.inner_text() and "rien n'a été débité" in error.inner_text().lower()
    assert Order.objects.count() == 0
    assert CheckoutLine.objects.count() == 1  # the basket is kept
    assert all(t.charged == 0 for t in Transaction.objects.all())
    snap(page, "checkout-stripe-declined-fr-phone")

    fill_card(page, PAYING)
    page.click("#pay")
    page.wait_for_url("**/fr/order/**")
    assert page.locator("#thanks").count() == 1
    order = Order.objects.get()
    paid = Transaction.objects.get(order=order, charged__gt=0)
    assert paid.gateway_id == "marketplace.payments.stripe"
    assert paid.charged == order.total
    assert paid.psp_reference.startswith("pi_")
    assert violations == []
    context.close()


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_the_payment_step_in_every_language_and_width(
    browser,
    live_server,
    demo,  # noqa: F811
    stripe_on,
    language,
):
    """The Stripe step is screenshotted for review in each language at phone and desktop
    widths: right-to-left in Arabic, the Payment Element mounted, our labels translated."""
    from django.utils import translation

    with translation.override(language):
        pay_label = translation.gettext("Pay and place the order")
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(locale=language, viewport=viewport)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/p/chased-tray-atelier-souika/")
        add_to_basket(page)
        page.click("#to-checkout")
        fill_details(page, email="claire@example.com", address=FRANCE)
        page.wait_for_url(f"**/{language}/checkout/pay/")
        page.wait_for_selector("#payment-element input[name=localstripe-number]")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator("#pay").inner_text().strip() == pay_label
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        snap(page, f"checkout-stripe-{language}-{width}")
        context.close()
