"""The order confirmation is written in the language the buyer checked out in: its words,
its amounts and the destination country in that locale (French and Arabic here)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from babel.numbers import format_currency
from django.test import Client

from marketplace.catalog.models import ProductVariant
from marketplace.orders.models import Order
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
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def buy_in(language: str, catalog, capture) -> Order:
    shop = Shop(catalog)
    client = Client()
    tray = ProductVariant.objects.get(product=shop.tray)
    post(
        client,
        f"/{language}/basket/add/",
        {"variant": tray.pk, "quantity": 1, "gift_message": "Pour Lina"},
    )
    assert post(client, f"/{language}/checkout/", DETAILS).status_code == 302
    with capture(execute=True):
        placed = post(client, f"/{language}/checkout/pay/", {"card": "4242424242424242"})
    assert "/order/" in placed["Location"], placed
    return Order.objects.get()


@pytest.mark.parametrize(
    ("language", "locale", "thanks", "parcel", "total", "country"),
    [
        ("fr", "fr_FR", "Merci ! La commande", "Colis de", "Total", "France"),
        ("ar", "ar", "شكرًا لك! تم تسجيل الطلب", "طرد من", "المجموع", "فرنسا"),
    ],
)
def test_confirmation_is_in_the_buyers_language(
    catalog,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    locale,
    thanks,
    parcel,
    total,
    country,
):
    order = buy_in(language, catalog, django_capture_on_commit_callbacks)
    assert order.language_code == language
    [mail] = [m for m in mailoutbox if m.to == ["claire@example.com"]]
    body = mail.body
    assert f"{thanks} {order.number}" in body
    assert f"{parcel} Atelier Souika" in body
    assert f"{total}: {format_currency(order.total, 'EUR', locale=locale)}" in body
    assert country in body  # the destination named in the buyer's language
    assert "Pour Lina" in body
    assert "Thank you" not in body and "Parcel from" not in body
    assert f"/{language}/order/find/" in body


def test_confirmation_falls_back_to_english_for_an_unknown_language(
    catalog, mailoutbox, django_capture_on_commit_callbacks
):
    from marketplace.orders.confirmation import confirmation_mail

    order = buy_in("en", catalog, django_capture_on_commit_callbacks)
    order.language_code = "xx"
    subject, body = confirmation_mail(order)
    assert subject == f"Your order #{order.number}"
    assert f"Thank you! Order {order.number} is placed." in body
