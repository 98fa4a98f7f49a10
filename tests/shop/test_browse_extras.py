"""Catalog filters by technique and region, the collections pages, OpenGraph images."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.provenance.models import Provenance, Technique, TechniqueTranslation
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def names(html: str, *candidates: str) -> set[str]:
    return {name for name in candidates if name in html}


@pytest.fixture
def made(catalog):
    chased = Technique.objects.create(slug="chasing", name="Chasing")
    TechniqueTranslation.objects.create(technique=chased, language_code="fr", name="Ciselure")
    filigree = Technique.objects.create(slug="filigree", name="Filigree")
    tray = catalog.product("Chased tray")
    Provenance.objects.create(product=tray).techniques.add(chased)
    batna = WorkshopFactory(slug="fidda", name="Fidda", region="Batna", town="Batna")
    bracelet = catalog.product("Filigree bracelet", vendor=batna)
    Provenance.objects.create(product=bracelet).techniques.add(filigree)
    kairouan = WorkshopFactory(slug="sabra", name="Sabra", region="Kairouan", country="TN")
    bowl = catalog.product("Plain bowl", vendor=kairouan)
    Provenance.objects.create(product=bowl, region="Batna")  # made in Batna, sold from Kairouan
    return tray, bracelet, bowl


def test_catalog_filters_by_technique_and_region(client, made):
    every = ("Chased tray", "Filigree bracelet", "Plain bowl")
    html = client.get("/fr/shop/").content.decode()
    assert '<option value="chasing">Ciselure</option>' in html  # the vocabulary, translated
    assert '<option value="Batna">Batna</option>' in html
    by_technique = client.get("/en/shop/?technique=filigree").content.decode()
    assert names(by_technique, *every) == {"Filigree bracelet"}
    by_region = client.get("/en/shop/?region=batna").content.decode()
    assert names(by_region, *every) == {"Filigree bracelet", "Plain bowl"}
    both = client.get("/en/shop/?region=Constantine&technique=chasing").content.decode()
    assert names(both, *every) == {"Chased tray"}
    none = client.get("/en/shop/?technique=no-such-thing").content.decode()
    assert names(none, *every) == set()
    too_long = client.get("/en/shop/?region=" + "x" * 300)
    assert too_long.status_code == 200  # an invalid filter is ignored, not an error


def test_technique_filter_costs_the_same_sql_for_more_products(client, catalog, made):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/shop/?technique=chasing").status_code == 200
        return len(queries)

    before = count()
    chased = Technique.objects.get(slug="chasing")
    for index in range(6):
        product = catalog.product(f"More tray {index}")
        Provenance.objects.create(product=product).techniques.add(chased)
    assert count() == before


def test_collections_list_and_page(client, catalog):
    tray = catalog.product("Chased tray")
    ewer = catalog.product("Ewer")
    catalog.collection("for-the-table", [tray])
    catalog.collection("hidden", [ewer], published=False)
    listing = client.get("/fr/collections/").content.decode()
    assert 'href="/fr/collections/for-the-table/"' in listing
    assert "/collections/hidden/" not in listing
    page = client.get("/fr/collections/for-the-table/").content.decode()
    assert "Chased tray" in page and "Ewer" not in page
    assert client.get("/fr/collections/hidden/").status_code == 404
    assert client.get("/fr/collections/nope/").status_code == 404
    assert 'href="/fr/collections/"' in client.get("/fr/").content.decode()  # in the menu


def test_product_page_has_an_opengraph_image(client, catalog):
    tray = catalog.product("Chased tray")
    html = client.get(f"/en/p/{tray.slug}/").content.decode()
    picture = tray.media.order_by("sort_order").first()
    assert f'<meta property="og:image" content="http://testserver{picture.image.url}">' in html
    assert '<meta property="og:type" content="product">' in html
    home = client.get("/en/").content.decode()
    assert (
        'property="og:image"' not in home and '<meta property="og:type" content="website">' in home
    )
