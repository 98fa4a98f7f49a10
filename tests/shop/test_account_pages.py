"""The buyer's account pages: password reset (a link to our own host only, the same answer
for any address), the address book (each country's rules; someone else's address is a
missing one), cancelling an order before it ships, and each parcel's tracking."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from marketplace.accounts.models import User
from marketplace.orders.models import Order, OrderStatus, VendorOrder
from tests.commerce import Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, data: dict[str, object]):
    """A form post as a browser sends one without files (urlencoded)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def browser() -> Client:
    """A browser on a host name a link may carry (``testserver`` has no dot: not a URL)."""
    return Client(HTTP_HOST="localhost")


def reset(client: Client, email: str, capture) -> object:
    with capture(execute=True):
        return post(client, "/fr/account/password/", {"email": email})


def test_password_reset_answers_the_same_and_links_to_our_own_host(
    catalog, mailoutbox, django_capture_on_commit_callbacks, settings
):
    User.objects.create_user("ann@example.com", "copper-and-silver-2026")
    known = reset(browser(), "ann@example.com", django_capture_on_commit_callbacks)
    unknown = reset(browser(), "nobody@example.com", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/fr/account/login/"
    assert [m.to for m in mailoutbox] == [["ann@example.com"]]
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "http",
        "localhost",
        "/fr/account/password/new/",
    )
    # A forged Host header never reaches the mail: Django refuses the request first.
    forged = Client(HTTP_HOST="evil.example")
    assert post(forged, "/fr/account/password/", {"email": "ann@example.com"}).status_code == 400
    settings.PUBLIC_URL = "https://shop.example.com"
    reset(browser(), "ann@example.com", django_capture_on_commit_callbacks)
    assert "https://shop.example.com/fr/account/password/new/?" in mailoutbox[-1].body
    assert len(mailoutbox) == 2

    # Following the link: its token leaves the address bar at once.
    client = browser()
    query = parse_qs(parts.query)
    opened = client.get(f"{parts.path}?{parts.query}")
    assert opened["Location"] == "/fr/account/password/new/"
    differ = post(
        client,
        "/fr/account/password/new/",
        {"password": "x-new-pass-2026", "password_again": "other"},
    )
    assert differ.status_code == 200 and 'role="alert"' in differ.content.decode()
    assert User.objects.get(email="ann@example.com").check_password("copper-and-silver-2026")
    done = post(
        client,
        "/fr/account/password/new/",
        {"password": "brass-lantern-2026", "password_again": "brass-lantern-2026"},
    )
    assert done["Location"] == "/fr/account/"
    assert User.objects.get(email="ann@example.com").check_password("brass-lantern-2026")
    assert "_auth_user_id" in client.session
    # The same link again: used up.
    again = browser()
    again.get(f"{parts.path}?{urlencode({'email': query['email'][0], 'token': query['token'][0]})}")
    html = post(
        again,
        "/fr/account/password/new/",
        {"password": "another-pass-2027", "password_again": "another-pass-2027"},
    ).content.decode()
    assert 'role="alert"' in html
    assert User.objects.get(email="ann@example.com").check_password("brass-lantern-2026")


def test_password_reset_is_throttled_per_address(catalog, settings):
    settings.PASSWORD_RESETS_PER_ACCOUNT = 1
    client = browser()
    post(client, "/en/account/password/", {"email": "ann@example.com"})
    html = post(client, "/en/account/password/", {"email": "ann@example.com"}).content.decode()
    assert "A link was sent a moment ago" in html


FRANCE = {
    "first_name": "Claire",
    "last_name": "Martin",
    "street_address_1": "12 rue des Arts",
    "city": "Paris",
    "postal_code": "75011",
    "country": "FR",
}


def test_address_book_adds_edits_and_deletes_with_each_countrys_rules(client, catalog):
    assert client.get("/en/account/addresses/")["Location"] == "/en/account/login/"
    claire = User.objects.create_user("claire@example.com", "copper-and-silver-2026")
    client.force_login(claire)
    bad = post(client, "/en/account/addresses/new/", {**FRANCE, "postal_code": "ABC"})
    assert bad.status_code == 200
    assert "This value is not valid for an address in this country." in bad.content.decode()
    assert claire.addresses.count() == 0
    missing = post(client, "/en/account/addresses/new/", {**FRANCE, "city": ""})
    assert "This field is required." in missing.content.decode()
    saved = post(client, "/en/account/addresses/new/", {**FRANCE, "default": "on"})
    assert saved["Location"] == "/en/account/addresses/"
    address = claire.addresses.get()
    assert address.city == "PARIS"  # the post's own form of the address
    claire.refresh_from_db()
    assert claire.default_shipping_address_id == address.pk
    berlin = {**FRANCE, "country": "DE", "postal_code": "1011", "city": "Berlin"}
    refused = post(client, f"/en/account/addresses/{address.pk}/", berlin)  # 5 digits there
    assert refused.status_code == 200 and claire.addresses.get().country == "FR"
    edited = post(
        client, f"/en/account/addresses/{address.pk}/", {**berlin, "postal_code": "10115"}
    )
    assert edited.status_code == 302
    assert (claire.addresses.get().country, claire.addresses.get().postal_code) == ("DE", "10115")
    html = client.get("/en/account/addresses/").content.decode()
    assert "10115" in html and "Default delivery address" in html

    # Someone else's address: the same answer as a missing one, and nothing changes.
    stranger = Client()
    stranger.force_login(User.objects.create_user("eve@example.com", "copper-and-silver-2026"))
    for url in (f"/en/account/addresses/{address.pk}/", "/en/account/addresses/999999/"):
        assert stranger.get(url).status_code == 404
        assert post(stranger, url, FRANCE).status_code == 404
    for url in (
        f"/en/account/addresses/{address.pk}/delete/",
        "/en/account/addresses/999999/delete/",
    ):
        assert post(stranger, url, {}).status_code == 404
    assert claire.addresses.get().country == "DE"
    assert post(client, f"/en/account/addresses/{address.pk}/delete/", {})["Location"] == (
        "/en/account/addresses/"
    )
    assert claire.addresses.count() == 0


def _order_of(buyer, catalog) -> Order:
    shop = Shop(catalog)
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    assert pay(buyer, checkout_id)["errors"] == []
    complete(buyer, checkout_id)
    return Order.objects.get()


def test_buyer_cancels_an_order_before_it_ships(catalog):
    buyer = login("claire@example.com")
    order = _order_of(buyer, catalog)
    page = buyer.client.get(f"/fr/order/{order.pk}/").content.decode()
    assert 'id="cancel-order"' in page
    # Someone else, or the buyer without ticking the box: nothing happens.
    stranger = login("eve@example.com")
    assert (
        post(stranger.client, f"/fr/order/{order.pk}/cancel/", {"confirm": "1"}).status_code == 404
    )
    post(buyer.client, f"/fr/order/{order.pk}/cancel/", {})
    assert Order.objects.get().status != OrderStatus.CANCELED
    answer = post(buyer.client, f"/fr/order/{order.pk}/cancel/", {"confirm": "1"})
    assert answer["Location"] == f"/fr/order/{order.pk}/"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    assert all(t.refunded == t.charged for t in order.transactions.all())
    page = buyer.client.get(f"/fr/order/{order.pk}/").content.decode()
    assert 'id="canceled"' in page and 'id="cancel-order"' not in page


def test_shipped_order_shows_tracking_and_cannot_be_cancelled(catalog):
    from marketplace.orders.services import vendor_order_fulfil

    buyer = login("claire@example.com")
    order = _order_of(buyer, catalog)
    staff = User.objects.create_user("ops@example.com", "pw-123456789", is_staff=True)
    vendor_order_fulfil(
        actor=staff,
        vendor_order_id=VendorOrder.objects.get().pk,
        tracking_number="CP123456789FR",
        carrier="Colissimo",
    )
    page = buyer.client.get(f"/en/order/{order.pk}/").content.decode()
    assert 'data-status="FULFILLED"' in page and ">Shipped<" in page
    assert "https://www.laposte.fr/outils/suivre-vos-envois?code=CP123456789FR" in page
    assert 'id="cancel-order"' not in page
    refused = post(buyer.client, f"/en/order/{order.pk}/cancel/", {"confirm": "1"})
    assert refused.status_code == 302
    assert Order.objects.get().status != OrderStatus.CANCELED
    assert "no longer be cancelled" in buyer.client.get(refused["Location"]).content.decode()
