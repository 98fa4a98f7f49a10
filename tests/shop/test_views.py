"""The shop's pages through Django's test client: status, language, channel, money, basket
rules, and SQL query counts that do not grow with the catalog."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductTranslation, ProductVariant
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.vendors.models import VendorTranslation
from tests.commerce import Shop
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_language_the_browser_asks_for(client, catalog):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar-DZ,ar;q=0.9")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/en/"


def test_arabic_pages_are_rtl_translated_and_link_their_alternates(client, catalog):
    catalog.product("Sniwa tray")
    html = client.get("/ar/shop/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "كل القطع" in html  # "All pieces"
    assert "All pieces" not in html
    for code in ("en", "fr", "ar"):
        assert f'hreflang="{code}" href="http://testserver/{code}/shop/"' in html


def test_french_page_in_french(client, catalog):
    html = client.get("/fr/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Fait main au Maghreb, vendu par les artisans" in html


def test_market_follows_the_country_and_is_remembered(client, catalog):
    catalog.product("Sniwa tray", prices={"international": "100.00", "tunisia": "330.5"})
    tunisian = client.get("/fr/shop/", HTTP_ACCEPT_LANGUAGE="fr-TN").content.decode()
    assert "330,500\xa0TND" in tunisian  # three decimals, French grouping
    response = client.post("/fr/market/", {"channel": "international", "next": "/fr/shop/"})
    assert response.status_code == 302 and response["Location"] == "/fr/shop/"
    assert response.cookies["shop_channel"].value == "international"
    assert response.cookies["shop_channel"]["httponly"]
    european = client.get("/fr/shop/", HTTP_ACCEPT_LANGUAGE="fr-TN").content.decode()
    assert "100,00\xa0€" in european


def test_market_switch_ignores_unknown_channels_and_foreign_redirects(client, catalog):
    response = client.post("/en/market/", {"channel": "nope", "next": "//evil.example.com/"})
    assert response["Location"] == "/en/"
    assert "shop_channel" not in response.cookies


def test_catalog_uses_translations_with_a_fallback(client, catalog):
    tray = catalog.product("Sniwa tray")
    catalog.product("Ewer")
    ProductTranslation.objects.create(product=tray, language_code="ar", name="صينية سنيوة")
    html = client.get("/ar/shop/").content.decode()
    assert "صينية سنيوة" in html
    assert "Ewer" in html  # no Arabic name: the piece's own name, not a blank


def test_catalog_search_filters_sort_and_page_with_stable_urls(client, catalog):
    for index in range(30):
        catalog.product(f"Tray {index:02d}", prices={"international": f"{10 + index}.00"})
    page_two = client.get("/en/shop/?sort=-price&page=2").content.decode()
    assert "Page 2 of 2" in page_two
    assert "Tray 05" in page_two and "Tray 29" not in page_two
    cheap = client.get("/en/shop/?price_max=12").content.decode()
    assert "3 pieces" in cheap
    assert client.get("/en/shop/?price_max=abc").status_code == 200  # bad input: no filter


def test_unknown_pages_are_404(client, catalog):
    assert client.get("/en/p/nothing/").status_code == 404
    assert client.get("/en/c/nothing/").status_code == 404
    assert client.get("/en/w/souika/").status_code == 200
    assert client.get("/en/c/souika/").status_code == 404  # a workshop is not a cluster


def test_basket_add_needs_csrf(catalog):
    from django.test import Client

    tray = catalog.product("Sniwa tray")
    variant = ProductVariant.objects.get(product=tray)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/en/basket/add/", {"variant": variant.pk, "quantity": 1})
    assert response.status_code == 403
    assert Checkout.objects.count() == 0


def test_basket_groups_lines_by_workshop_and_keeps_packaging_and_gift(client, catalog):
    shop = Shop(catalog)
    tray = ProductVariant.objects.get(product=shop.tray)
    bracelet = ProductVariant.objects.get(product=shop.bracelet)
    client.post(
        "/en/basket/add/",
        {"variant": tray.pk, "quantity": 2, "packaging": shop.gift_box.pk, "gift_message": "Hi"},
        HTTP_ACCEPT_LANGUAGE="fr-FR",
    )
    client.post("/en/basket/add/", {"variant": bracelet.pk, "quantity": 1})
    line = CheckoutLine.objects.get(variant=tray)
    assert (line.quantity, line.packaging_option_id, line.gift_message) == (
        2,
        shop.gift_box.pk,
        "Hi",
    )
    html = client.get("/en/basket/").content.decode()
    assert html.count('class="parcel"') == 2
    assert "Parcel from Atelier Souika" in html and "Parcel from Atelier Fidda" in html
    # 2 x 100.00 + 2 x 6.00 packaging + 60.00 = 272.00
    assert '<td id="total">€272.00</td>' in html


def test_basket_refuses_bad_input_and_changes_nothing(client, catalog):
    shop = Shop(catalog)
    ewer = ProductVariant.objects.get(product=shop.ewer)  # one in stock
    response = client.post("/en/basket/add/", {"variant": ewer.pk, "quantity": 3}, follow=True)
    assert "not enough pieces left in stock" in response.content.decode()
    assert CheckoutLine.objects.count() == 0
    response = client.post("/en/basket/add/", {"variant": "x", "quantity": 1}, follow=True)
    assert response.status_code == 200
    assert CheckoutLine.objects.count() == 0


def test_promo_code_errors_are_clear(client, catalog):
    shop = Shop(catalog)
    tray = ProductVariant.objects.get(product=shop.tray)
    client.post("/fr/basket/add/", {"variant": tray.pk, "quantity": 1})
    html = client.post("/fr/basket/promo/", {"code": "NOPE"}, follow=True).content.decode()
    assert "Ce code promo n&#x27;est pas valable." in html
    assert Checkout.objects.get().voucher_code == ""


def test_checkout_address_is_checked_for_its_country(client, catalog):
    shop = Shop(catalog)
    tray = ProductVariant.objects.get(product=shop.tray)
    client.post("/en/basket/add/", {"variant": tray.pk, "quantity": 1})
    details = {
        "email": "claire@example.com",
        "first_name": "Claire",
        "last_name": "Martin",
        "street_address_1": "12 rue des Arts",
        "city": "Paris",
        "postal_code": "ABC",
        "country": "FR",
    }
    html = client.post("/en/checkout/", details).content.decode()
    assert "This value is not valid for an address in this country." in html
    assert Checkout.objects.get().shipping_address_id is None
    response = client.post("/en/checkout/", {**details, "postal_code": "75011"})
    assert response["Location"] == "/en/checkout/pay/"
    checkout = Checkout.objects.get()
    assert checkout.shipping_address.postal_code == "75011"
    assert checkout.deliveries.count() == 1  # the cheapest method, chosen for the buyer
    html = client.get("/en/checkout/pay/").content.decode()
    assert "Colissimo International" in html
    assert '<td id="total">€115.00</td>' in html


def test_order_page_is_only_for_the_browser_that_placed_it(client, catalog):
    import uuid

    assert client.get(f"/en/order/{uuid.uuid4()}/").status_code == 404


def _catalog_of(catalog, count: int) -> None:
    workshops = [WorkshopFactory(cluster=catalog.cluster) for _ in range(3)]
    for index in range(count):
        product = catalog.product(f"Piece {index}", vendor=workshops[index % 3], media=2)
        ProductTranslation.objects.create(product=product, language_code="fr", name=f"P {index}")
    for workshop in workshops:
        VendorTranslation.objects.create(vendor=workshop, language_code="fr", name="Atelier")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/fr/", "/fr/shop/", "/fr/shop/?sort=price&q=piece", "/fr/c/constantine/"]
)
def test_pages_cost_the_same_sql_for_10_or_100_products(client, catalog, url):
    _catalog_of(catalog, 10)
    client.get(url)  # warm the session and caches alike
    small = _queries(client, url)
    _catalog_of(catalog, 90)
    assert _queries(client, url) == small


def test_product_page_sql_does_not_grow_with_variants(client, catalog):
    few = catalog.product("Few", variants=1, media=1)
    many = catalog.product("Many", variants=6, media=4)
    assert _queries(client, f"/en/p/{few.slug}/") == _queries(client, f"/en/p/{many.slug}/")


def test_money_is_formatted_for_the_locale():
    from django.utils import translation

    from storefront.templatetags.shop import money

    with translation.override("fr"):
        assert money(Decimal("1234.5"), "EUR") == "1\u202f234,50\xa0€"
        assert money(Decimal("330.5"), "TND") == "330,500\xa0TND"
    with translation.override("en"):
        assert money(Decimal("14537"), "DZD") == "DZD14,537.00"
    with translation.override("ar"):
        assert "330.500" in money(Decimal("330.5"), "TND")


def test_vendor_theme_accepts_only_plain_colours(catalog):
    from storefront.templatetags.shop import theme

    catalog.workshop.primary_color = "#123456"
    catalog.workshop.secondary_color = "red;}"
    assert theme(catalog.workshop) == "--brand:#123456"


def test_product_page_describes_the_piece_for_search_engines(client, catalog):
    import json
    import re

    tray = catalog.product("Sniwa tray", prices={"international": "100.00"})
    tray.name = "Sniwa <tray>"  # a name that tries to close the script element
    tray.save(update_fields=["name"])
    html = client.get(f"/en/p/{tray.slug}/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found is not None
    assert "<tray>" not in found.group(1)  # cannot close the script element
    data = json.loads(found.group(1))
    assert data["@type"] == "Product"
    assert data["name"] == "Sniwa <tray>"
    assert data["brand"] == {"@type": "Brand", "name": "Atelier Souika"}
    assert data["countryOfOrigin"] == "DZ"
    assert data["offers"][0]["price"] == "100.000"
    assert data["offers"][0]["priceCurrency"] == "EUR"


def test_robots_and_sitemap_list_the_public_pages_in_every_language(client, catalog):
    tray = catalog.product("Sniwa tray")
    hidden = catalog.product("Hidden", published=False)
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /ar/checkout/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    for code in ("en", "fr", "ar"):
        assert f"<loc>http://testserver/{code}/p/{tray.slug}/</loc>" in sitemap
        assert f"<loc>http://testserver/{code}/c/constantine/</loc>" in sitemap
    assert hidden.slug not in sitemap


def test_sitemap_sql_does_not_grow_with_the_catalog(client, catalog):
    _catalog_of(catalog, 10)
    small = _queries(client, "/sitemap.xml")
    _catalog_of(catalog, 40)
    assert _queries(client, "/sitemap.xml") == small


def test_login_refuses_a_wrong_password_in_the_buyers_language(client, catalog):
    from marketplace.accounts.models import User

    User.objects.create_user("ann@example.com", "copper-and-silver-2026")
    html = client.post(
        "/fr/account/login/", {"email": "ann@example.com", "password": "wrong-one"}
    ).content.decode()
    assert "L&#x27;e-mail ou le mot de passe est incorrect." in html
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/fr/account/login/", {"email": "ann@example.com", "password": "copper-and-silver-2026"}
    )
    assert response["Location"] == "/fr/account/"
    assert client.get("/fr/account/").status_code == 200


def test_account_pages_need_a_login_and_show_only_your_orders(client, catalog):
    import uuid

    from marketplace.accounts.models import User

    assert client.get("/en/account/")["Location"] == "/en/account/login/"
    assert client.get("/en/account/logout/").status_code == 405  # logging out is a POST
    stranger = User.objects.create_user("stranger@example.com", "copper-and-silver-2026")
    client.force_login(stranger)
    html = client.get("/en/account/").content.decode()
    assert "No order yet." in html
    assert client.get(f"/en/order/{uuid.uuid4()}/").status_code == 404


def test_register_answers_the_same_for_a_known_address(
    client, catalog, mailoutbox, django_capture_on_commit_callbacks
):
    """A known address and a new one: same status, redirect, message, session and cookies;
    the known address's owner is mailed instead, and nobody is logged in by the form."""
    from django.test import Client

    from marketplace.accounts.models import User

    User.objects.create_user("ann@example.com", "copper-and-silver-2026")

    def register(email: str) -> tuple[object, ...]:
        browser = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = browser.post(
                "/en/account/register/", {"email": email, "password": "another-pass-2026"}
            )
        following = browser.get(response["Location"]).content.decode().replace(email, "EMAIL")
        following = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", following)
        return (
            response.status_code,
            response["Location"],
            sorted(response.cookies),
            sorted(set(browser.session.keys()) - {"_messages"}),
            following,
        )

    known, new = register("ann@example.com"), register("new@example.com")
    assert known == new
    assert known[1] == "/en/account/login/"
    assert "_auth_user_id" not in known[3]
    assert "Log in with this e-mail and your password" in known[4]
    assert 'value="EMAIL"' in known[4]  # the login form keeps the address typed
    assert User.objects.count() == 2
    assert User.objects.get(email="new@example.com").language_code == "en"
    assert [m.to for m in mailoutbox] == [["ann@example.com"]]
    assert "already has one" in mailoutbox[0].body


def test_guest_finds_an_order_by_number_and_email_only(client, gql, catalog, settings):
    from tests.commerce import checkout_ready, complete, pay

    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    assert pay(gql, checkout_id)["errors"] == []
    number = complete(gql, checkout_id)["order"]["number"]
    html = client.post(
        "/fr/order/find/", {"number": number, "email": "someone@example.com"}
    ).content.decode()
    assert "Aucune commande n&#x27;a ce numéro et cet e-mail." in html
    response = client.post("/fr/order/find/", {"number": number, "email": "CLAIRE@example.com"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f"La commande {number} est passée." in page


def test_order_lookups_are_throttled(client, catalog):
    from marketplace.orders.selectors import ORDER_LOOKUPS_PER_IP

    for _ in range(ORDER_LOOKUPS_PER_IP):
        client.post("/en/order/find/", {"number": 1, "email": "a@example.com"})
    html = client.post("/en/order/find/", {"number": 1, "email": "a@example.com"}).content
    assert b"Too many attempts." in html
