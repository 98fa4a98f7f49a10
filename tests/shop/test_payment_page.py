"""The payment step with Stripe's Payment Element, and the shop's Content-Security-Policy:
scripts from our origin or with the response's nonce, Stripe's hosts only on this step."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from marketplace.catalog.models import ProductVariant
from marketplace.checkout.models import Checkout
from marketplace.payments.models import Transaction
from tests.commerce import Shop

pytestmark = pytest.mark.django_db

DETAILS = {
    "email": "claire@example.com",
    "first_name": "Claire",
    "last_name": "Martin",
    "street_address_1": "12 rue des Arts",
    "city": "Paris",
    "postal_code": "75011",
    "country": "FR",
}


def post(client: Client, url: str, data: dict[str, object]):
    """A form post as a browser sends one without files (urlencoded, not multipart)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


def ready_for_payment(client: Client, catalog) -> Shop:
    shop = Shop(catalog)
    tray = ProductVariant.objects.get(product=shop.tray)
    post(client, "/en/basket/add/", {"variant": tray.pk, "quantity": 1})
    assert post(client, "/en/checkout/", DETAILS)["Location"] == "/en/checkout/pay/"
    return shop


def test_shop_pages_have_a_strict_policy_without_stripe(client, catalog):
    catalog.product("Sniwa tray")
    for url in ("/en/", "/fr/shop/", "/ar/basket/", "/en/account/login/"):
        response = client.get(url)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-")
        assert len(policy["script-src"]) == 2  # nothing inline without the nonce, no Stripe
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert "stripe" not in response["Content-Security-Policy"]
    first, second = (directives(client.get("/en/"))["script-src"][1] for _ in range(2))
    assert first != second  # a fresh nonce for every response
    assert "Content-Security-Policy" not in client.get("/graphql/", HTTP_ACCEPT="text/html")
    qr_address = client.get("/verify/AAAAA-BBBBB-CCCCC-DDDDD/", follow=True)
    assert directives(qr_address)["default-src"] == ["'self'"]


def test_demo_gateway_pay_page_has_our_card_field_and_no_stripe(client, catalog):
    ready_for_payment(client, catalog)
    response = client.get("/en/checkout/pay/")
    assert 'id="card"' in response.content.decode()
    assert "stripe" not in response["Content-Security-Policy"]


def test_stripe_pay_page_allows_exactly_stripe(client, catalog, settings, stripe_on):
    ready_for_payment(client, catalog)
    settings.STRIPE_API_BASE = ""  # as in production: Stripe.js from js.stripe.com
    response = client.get("/en/checkout/pay/")
    html = response.content.decode()
    policy = directives(response)
    assert policy["script-src"][2:] == ["https://js.stripe.com"]
    assert policy["frame-src"] == ["https://js.stripe.com", "https://hooks.stripe.com"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert 'id="card"' not in html  # no card field of ours: the Payment Element's frames
    assert 'data-key="pk_test_marketplace"' in html and 'data-currency="eur"' in html
    assert re.search(r'data-amount="\d+"', html)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html)
    assert scripts == []  # no inline script at all


def test_stripe_intent_is_created_for_the_basket_and_reused(client, catalog, stripe_on):
    ready_for_payment(client, catalog)
    pay_page = client.get("/en/checkout/pay/").content.decode()
    attempt = re.search(r'name="attempt" value="(\w+)"', pay_page).group(1)
    first = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "1"})
    assert first.status_code == 200, first.content
    again = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "1"})
    assert first.json()["client_secret"] == again.json()["client_secret"]
    assert first.json()["client_secret"].startswith("pi_")
    txn = Transaction.objects.get()
    assert txn.gateway_id == "marketplace.payments.stripe" and txn.charged == 0
    assert first.json()["return_url"].endswith(
        f"/en/checkout/pay/stripe/done/?transaction={txn.token}"
    )
    # Not paid yet: the return URL places nothing and keeps the basket.
    done = client.get(f"/en/checkout/pay/stripe/done/?transaction={txn.token}")
    assert done["Location"] == "/en/checkout/pay/"
    assert Checkout.objects.count() == 1


def test_stripe_steps_refuse_strangers_and_bad_input(client, catalog, stripe_on):
    ready_for_payment(client, catalog)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    assert post(strict, "/en/checkout/pay/stripe/", {"attempt": "a"}).status_code == 403
    assert client.get("/en/checkout/pay/stripe/").status_code == 405
    bad = post(client, "/en/checkout/pay/stripe/", {"attempt": "a", "method-1": "x"})
    assert bad.status_code == 400 and bad.json()["error"]
    stranger = Client()
    assert post(stranger, "/en/checkout/pay/stripe/", {"attempt": "a"}).status_code == 409
    post(client, "/en/checkout/pay/stripe/", {"attempt": "a", "try": "1"})
    txn = Transaction.objects.get()
    # Someone else's payment, or a made-up one: the same answer as an empty basket.
    for browser, token in ((stranger, txn.token), (client, "not-a-token")):
        answer = browser.get(f"/en/checkout/pay/stripe/done/?transaction={token}")
        assert answer["Location"] == "/en/basket/"
    assert Checkout.objects.count() == 1 and Transaction.objects.count() == 1
