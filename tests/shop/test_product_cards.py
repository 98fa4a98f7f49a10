"""The shop's product cards (catalog.cards.product_cards): what a card shows from the few
columns it loads, and pages of cards whose SQL does not grow with the catalog."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from marketplace.catalog.models import ProductMedia, ProductTranslation
from marketplace.vendors.models import VendorTranslation
from storefront.templatetags.shop import _thumb, product_url
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def _card(html: str, slug: str) -> str:
    found = re.search(rf'<a class="card product-card" href="/\w\w/p/{slug}/">.*?</a>', html, re.S)
    assert found, f"no card for {slug}"
    return found.group(0)


def test_a_card_shows_the_translated_name_first_picture_price_and_one_of_a_kind(client, catalog):
    tray = catalog.product("Sniwa tray", media=2, prices={"international": "1234.50"})
    tray.metadata = {"one_of_a_kind": "true"}
    tray.save()
    ProductTranslation.objects.create(product=tray, language_code="fr", name="Plateau sniwa")
    first = ProductMedia.objects.filter(product=tray).order_by("sort_order", "pk").first()
    assert first is not None
    ProductMedia.objects.filter(pk=first.pk).update(sort_order=5)  # now the second comes first
    shown = ProductMedia.objects.filter(product=tray).exclude(pk=first.pk).get()
    plain = catalog.product("Plain bowl", media=0)
    ProductTranslation.objects.create(product=plain, language_code="fr", name="")  # no name
    html = client.get("/fr/shop/").content.decode()
    card = _card(html, tray.slug)
    assert '<span class="name">Plateau sniwa</span>' in card
    assert f'srcset="/thumbnail/{shown.pk}/256/webp/ 256w, ' in card
    assert f'src="/thumbnail/{shown.pk}/512/original/" alt="Plateau sniwa"' in card
    assert '<span class="tag">' in card
    assert "1\u202f234,50\xa0€" in card
    assert '<span class="by">Atelier Souika · ' in card
    other = _card(html, plain.slug)
    assert '<span class="name">Plain bowl</span>' in other  # an empty translation falls back
    assert '<div class="ph " aria-hidden="true"></div>' in other  # no picture
    assert '<span class="tag">' not in other


def test_card_links_are_those_reverse_gives(catalog):
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            assert product_url("sniwa-tray-1") == reverse("shop:product", args=["sniwa-tray-1"])
            for size, fmt in ((256, "webp"), (512, "original")):
                expected = reverse(
                    "thumbnail", kwargs={"media_id": 42, "size": size, "image_format": fmt}
                )
                assert _thumb(42, size, fmt) == expected


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
    "url",
    [
        "/en/c/constantine/",
        "/ar/c/constantine/?sort=-price",
        "/fr/w/souika/",
        "/en/shop/?unique=on",
        "/en/collections/pieces/",
    ],
)
def test_card_pages_cost_the_same_sql_for_10_or_30_products(client, catalog, url):
    """Cards load their columns in the page's one query: nothing per card (a field the
    card reads but the query leaves out would cost one query per card here)."""
    _catalog_of(catalog, 10)
    for index in range(10):  # the workshop page's own pieces
        catalog.product(f"Own {index}", media=1)
    collection = catalog.collection("pieces", [])
    collection.products.set(catalog.workshop.products.all())
    client.get(url)  # warm the session and caches alike
    small = _queries(client, url)
    _catalog_of(catalog, 20)
    for index in range(20):
        catalog.product(f"More {index}", media=2)
    collection.products.set(catalog.workshop.products.all())
    assert _queries(client, url) == small
