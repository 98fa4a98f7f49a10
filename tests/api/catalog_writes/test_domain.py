"""The write services themselves: scoped to the actor's workshop, exact money, no half-writes."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.writes.listings import (
    ChannelPublication,
    PriceInput,
    product_channel_listing_update,
    variant_channel_listing_update,
)
from marketplace.catalog.writes.media import media_create, media_reorder
from marketplace.catalog.writes.products import ProductData, product_create, product_update
from marketplace.catalog.writes.stocks import StockLine, variant_stocks_update
from marketplace.catalog.writes.translations import product_translate
from marketplace.catalog.writes.variants import VariantData, variant_bulk_create, variant_create
from marketplace.core.errors import DomainError, NotFound
from marketplace.inventory.models import Stock

from .conftest import STRANGERS

pytestmark = pytest.mark.django_db


def _listing(world, name="Tray") -> Product:
    actor = world.users["artisan_a"]
    product = product_create(
        actor=actor,
        product_type_id=world.catalog.product_type.pk,
        data=ProductData(
            name=name,
            description={"blocks": [{"type": "paragraph", "data": {"text": "Chased copper"}}]},
        ),
    )
    product_channel_listing_update(
        actor=actor,
        product_id=product.pk,
        update_channels=[ChannelPublication(channel_id=world.catalog.tnd.pk, is_published=True)],
    )
    variant_create(
        actor=actor,
        product_id=product.pk,
        data=VariantData(
            sku="TRAY-1",
            stocks=[StockLine(warehouse_id=world.catalog.warehouse.pk, quantity=3)],
            prices=[PriceInput(channel_id=world.catalog.tnd.pk, price=Decimal("120.125"))],
        ),
    )
    return product


def test_an_artisan_lists_a_piece_priced_in_millimes(world):
    product = _listing(world)
    assert product.vendor == world.catalog.workshop
    assert product.slug == "tray" and product.description_plaintext == "Chased copper"
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.is_published and listing.published_at is not None
    assert listing.discounted_price_amount == Decimal("120.125")
    assert Stock.objects.get(product_variant__sku="TRAY-1").quantity == 3
    assert Product.objects.filter(pk=product.pk, search_vector__isnull=False).exists()


def test_a_price_more_exact_than_the_currency_is_refused(world):
    product = _listing(world)
    variant = product.variants.get()
    product_channel_listing_update(
        actor=world.users["artisan_a"],
        product_id=product.pk,
        update_channels=[ChannelPublication(channel_id=world.catalog.eur.pk)],
    )
    with pytest.raises(DomainError) as caught:
        variant_channel_listing_update(
            actor=world.users["artisan_a"],
            variant_id=variant.pk,
            prices=[PriceInput(channel_id=world.catalog.eur.pk, price=Decimal("10.005"))],
        )
    assert (caught.value.field, caught.value.code) == ("price", "INVALID_PRICE")
    assert "2 decimals" in caught.value.message
    with pytest.raises(DomainError) as caught:
        variant_channel_listing_update(
            actor=world.users["artisan_a"],
            variant_id=variant.pk,
            prices=[PriceInput(channel_id=world.catalog.eur.pk, price=Decimal("-1"))],
        )
    assert (caught.value.field, caught.value.code) == ("price", "INVALID_PRICE")
    assert not ProductVariantChannelListing.objects.filter(channel=world.catalog.eur).exists()


@pytest.mark.parametrize("who", STRANGERS)
def test_a_stranger_is_told_the_product_does_not_exist(world, who):
    product = _listing(world)
    before = (Product.objects.get(pk=product.pk).name, Stock.objects.get().quantity)
    actor = world.users[who]
    with pytest.raises(NotFound):
        product_update(actor=actor, product_id=product.pk, data=ProductData(name="Mine"))
    with pytest.raises(NotFound):
        variant_stocks_update(
            actor=actor,
            sku="TRAY-1",
            lines=[StockLine(warehouse_id=world.catalog.warehouse.pk, quantity=0)],
        )
    assert (Product.objects.get(pk=product.pk).name, Stock.objects.get().quantity) == before


def test_stock_goes_only_into_the_workshops_own_warehouse(world):
    _listing(world)
    with pytest.raises(DomainError) as caught:
        variant_stocks_update(
            actor=world.users["artisan_a"],
            sku="TRAY-1",
            lines=[StockLine(warehouse_id=world.warehouse_b.pk, quantity=9)],
        )
    assert (caught.value.field, caught.value.code) == ("warehouse", "NOT_FOUND")
    assert not Stock.objects.filter(warehouse=world.warehouse_b).exists()


def test_bulk_create_rejects_everything_by_default_and_keeps_good_rows_if_asked(world):
    product = _listing(world)
    rows = [VariantData(sku="A"), VariantData(sku="TRAY-1"), VariantData(sku="B")]
    results = variant_bulk_create(
        actor=world.users["artisan_a"], product_id=product.pk, variants=rows
    )
    assert [bool(r.errors) for r in results] == [False, True, False]
    assert product.variants.count() == 1
    rows = [VariantData(sku="A"), VariantData(sku="TRAY-1"), VariantData(sku="B")]
    results = variant_bulk_create(
        actor=world.users["artisan_a"],
        product_id=product.pk,
        variants=rows,
        reject_everything=False,
    )
    assert sorted(product.variants.values_list("sku", flat=True)) == ["A", "B", "TRAY-1"]


def test_translation_feeds_search(world):
    product = _listing(world)
    product_translate(
        actor=world.users["artisan_a"], product_id=product.pk, language_code="ar", name="صينية"
    )
    assert product.translations.get(language_code="ar").name == "صينية"
    with pytest.raises(DomainError) as caught:
        product_translate(
            actor=world.users["artisan_a"], product_id=product.pk, language_code="de", name="x"
        )
    assert caught.value.field == "languageCode"


def test_media_is_reencoded_in_the_workshops_prefix_and_reordered(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    product = _listing(world)
    actor = world.users["artisan_a"]
    first = media_create(
        actor=actor, product_id=product.pk, image=SimpleUploadedFile("a.png", png_bytes())
    )
    second = media_create(
        actor=actor, product_id=product.pk, image=SimpleUploadedFile("b.png", png_bytes("red"))
    )
    assert re.fullmatch(r"products/souika/[0-9a-f]{32}\.png", first.image.name)
    media_reorder(actor=actor, product_id=product.pk, media_ids=[second.pk, first.pk])
    assert list(product.media.values_list("pk", flat=True)) == [second.pk, first.pk]
    with pytest.raises(DomainError) as caught:
        media_create(
            actor=actor,
            product_id=product.pk,
            image=SimpleUploadedFile("x.png", b"<svg onload=alert(1)>"),
        )
    assert (caught.value.field, caught.value.code) == ("image", "INVALID_FILE_TYPE")
    assert ProductMedia.objects.filter(product=product).count() == 2


def test_variant_sku_unique(world):
    product = _listing(world)
    with pytest.raises(DomainError) as caught:
        variant_create(
            actor=world.users["artisan_a"], product_id=product.pk, data=VariantData(sku="TRAY-1")
        )
    assert (caught.value.field, caught.value.code) == ("sku", "UNIQUE")
    assert ProductVariant.objects.count() == 1
