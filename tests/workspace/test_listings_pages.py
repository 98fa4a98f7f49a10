"""The listing pages as an artisan uses them: list, create with a photo, publish, edit,
translations marked missing, suggested prices in each market's precision."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.catalog.models import Product, ProductChannelListing, ProductMedia
from marketplace.provenance.models import Provenance

from .listings_world import build_world, editor_post, jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(catalog):
    return build_world(catalog)


def test_the_list_shows_each_listing_with_status_and_stock(world) -> None:
    body = world.client("owner_a").get("/fr/workspace/w/souika/listings/").content.decode()
    assert f'data-id="{world.product.pk}"' in body
    assert 'data-status="published"' in body
    assert "4 en stock" in body or "4 in stock" in body


def test_an_artisan_lists_a_piece_with_a_photo_as_a_draft(world) -> None:
    client = world.client("owner_a")
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/fr/workspace/w/souika/listings/new/", {**editor_post(world), "photos": photo}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    product = Product.objects.get(name="Plateau ciselé aux étoiles")
    assert response["Location"] == f"/fr/workspace/w/souika/listings/{product.pk}/"
    assert product.vendor == world.workshop
    assert product.metadata["language"] == "fr"
    assert ProductMedia.objects.filter(product=product).count() == 1
    listings = {
        entry.channel.slug: entry for entry in ProductChannelListing.objects.filter(product=product)
    }
    assert set(listings) == {"international", "tunisia"}
    assert not any(entry.is_published for entry in listings.values())
    variant = product.variants.get()
    prices = {p.channel.slug: p.price_amount for p in variant.channel_listings.all()}
    assert prices == {"international": Decimal("68.00"), "tunisia": Decimal("230.935")}
    assert sum(s.quantity for s in variant.stocks.all()) == 3
    record = Provenance.objects.get(product=product, variant=None)
    assert record.hs_code == "741810" and record.hours_of_work == 16
    assert [t.slug for t in record.techniques.all()] == ["chasing"]


def test_publishing_puts_the_piece_in_the_shop(world) -> None:
    client = world.client("owner_a")
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/ar/workspace/w/souika/listings/new/",
        {**editor_post(world, action="publish"), "photos": photo},
    )
    assert response.status_code == 302
    product = Product.objects.get(name="Plateau ciselé aux étoiles")
    assert all(entry.is_published for entry in product.channel_listings.all())
    shop = client.get(f"/fr/p/{product.slug}/")
    assert shop.status_code == 200
    assert "Plateau ciselé aux étoiles" in shop.content.decode()


def test_the_editor_marks_missing_translations_and_suggests_prices(world) -> None:
    body = (
        world.client("owner_a")
        .get(f"/fr/workspace/w/souika/listings/{world.product.pk}/")
        .content.decode()
    )
    assert 'class="pill missing" data-lang="ar"' in body
    assert 'accept="image/*" capture="environment"' in body


def _list_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/workspace/w/souika/listings/").status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_3_or_25_listings(world) -> None:
    client = world.client("owner_a")
    for _ in range(2):
        world.catalog.product(variants=2)
    few = _list_queries(client)
    for _ in range(22):
        world.catalog.product(variants=2)
    assert _list_queries(client) == few


def test_an_upload_sent_by_the_pages_script_is_answered_with_where_to_go(world) -> None:
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = world.client("owner_a").post(
        f"/fr/workspace/w/souika/listings/{world.product.pk}/",
        {**editor_post(world, name="Chased tray"), "photos": photo},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json() == {"redirect": f"/fr/workspace/w/souika/listings/{world.product.pk}/"}
    assert world.product.media.count() == 2


def test_a_translation_typed_in_the_editor_is_saved_and_no_longer_missing(world) -> None:
    client = world.client("owner_a")
    url = f"/fr/workspace/w/souika/listings/{world.product.pk}/"
    data = editor_post(world, name="Plateau ciselé", tr_ar_name="صينية منقوشة")
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response)
    assert world.product.translations.get(language_code="ar").name == "صينية منقوشة"
    body = client.get(url).content.decode()
    assert 'class="pill done" data-lang="ar"' in body
    assert 'class="pill missing" data-lang="en"' in body


def _errors(response) -> list[str]:
    import re

    return re.findall(r'role="alert"[^>]*>([^<]+)<', response.content.decode())


def test_in_a_moderating_cluster_publishing_sends_the_piece_for_review(world) -> None:
    from marketplace.vendors.models import ListingReview

    world.catalog.cluster.moderates_listings = True
    world.catalog.cluster.save(update_fields=["moderates_listings"])
    client = world.client("owner_a")
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/fr/workspace/w/souika/listings/new/",
        {**editor_post(world, action="publish"), "photos": photo},
    )
    assert response.status_code == 302, _errors(response)
    product = Product.objects.get(name="Plateau ciselé aux étoiles")
    assert ListingReview.objects.get(product=product).status == "pending"
    body = client.get(response["Location"]).content.decode()
    assert 'data-status="review"' in body
    assert client.get(f"/fr/p/{product.slug}/").status_code == 404  # not until approved


def test_a_second_variant_is_priced_by_its_difference_and_can_be_removed(world) -> None:
    client = world.client("owner_a")
    url = f"/fr/workspace/w/souika/listings/{world.product.pk}/"
    first = world.product.variants.get()
    rows = {
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "1",
        "variants-0-variant_id": str(first.pk),
        "variants-0-name": "Small",
        "variants-0-sku": first.sku,
        "variants-0-stock": "4",
        "variants-1-name": "Large",
        "variants-1-sku": "TRAY-LARGE",
        "variants-1-stock": "1",
        "variants-1-price_delta": "12",
    }
    response = client.post(url, editor_post(world, name="Chased tray", **rows))
    assert response.status_code == 302, _errors(response)
    large = world.product.variants.get(sku="TRAY-LARGE")
    prices = {p.channel.slug: p.price_amount for p in large.channel_listings.all()}
    assert prices == {"international": Decimal("80.00"), "tunisia": Decimal("242.935")}
    rows.update(
        {
            "variants-INITIAL_FORMS": "2",
            "variants-1-variant_id": str(large.pk),
            "variants-1-DELETE": "on",
        }
    )
    response = client.post(url, editor_post(world, name="Chased tray", **rows))
    assert response.status_code == 302, _errors(response)
    assert list(world.product.variants.values_list("sku", flat=True)) == [first.sku]


def test_a_packaging_option_for_chosen_pieces_is_offered_with_this_one(world) -> None:
    from marketplace.packaging.models import PackagingOption

    other = world.catalog.product("Lantern")
    gift = PackagingOption.objects.create(
        vendor=world.workshop,
        name="Gift box",
        kind="gift",
        length_cm=30,
        width_cm=30,
        height_cm=8,
    )
    gift.products.set([other])
    client = world.client("owner_a")
    url = f"/fr/workspace/w/souika/listings/{world.product.pk}/"
    assert f'value="{gift.pk}"' in client.get(url).content.decode()
    variant = world.product.variants.get()
    same = {"name": "Chased tray", "variants-0-variant_id": str(variant.pk)}
    response = client.post(url, editor_post(world, packaging=[str(gift.pk)], **same))
    assert response.status_code == 302, _errors(response)
    assert set(gift.products.values_list("pk", flat=True)) == {other.pk, world.product.pk}
    response = client.post(url, editor_post(world, **same))
    assert response.status_code == 302, _errors(response)
    assert list(gift.products.values_list("pk", flat=True)) == [other.pk]


def test_the_editor_costs_the_same_queries_for_1_or_8_variants(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("owner_a")

    def queries(product) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/fr/workspace/w/souika/listings/{product.pk}/")
            assert response.status_code == 200
        return len(captured)

    assert queries(world.catalog.product(variants=1, media=1)) == queries(
        world.catalog.product(variants=8, media=4)
    )
