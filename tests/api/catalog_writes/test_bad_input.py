"""Bad input is answered in the payload's ``errors`` naming the field, never a top-level
error or INTERNAL_ERROR, and nothing is written."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.catalog.models import Product, ProductMedia, ProductVariantChannelListing
from marketplace.inventory.models import Stock

from . import documents as doc
from .helpers import create_listing, gid, payload, upload
from .test_permissions import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(world):
    return world.client("artisan_a")


@pytest.fixture
def ids(owner, world):
    return create_listing(owner, world)


def _errors(body, name):
    result = payload(body, name)
    return [(e["field"], e["code"]) for e in result["errors"]]


def test_price_errors_name_the_price(owner, world, ids):
    tnd, eur = gid("Channel", world.catalog.tnd.pk), gid("Channel", world.catalog.eur.pk)
    before = snapshot()
    too_exact = owner.execute(
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        {"id": ids["variant"], "input": [{"channelId": tnd, "price": "1.0001"}]},
    )
    assert _errors(too_exact, "productVariantChannelListingUpdate") == [("price", "INVALID_PRICE")]
    zero = owner.execute(
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        {"id": ids["variant"], "input": [{"channelId": tnd, "price": "0"}]},
    )
    assert _errors(zero, "productVariantChannelListingUpdate") == [("price", "INVALID_PRICE")]
    unlisted = owner.execute(
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        {"id": ids["variant"], "input": [{"channelId": eur, "price": "10"}]},
    )
    assert _errors(unlisted, "productVariantChannelListingUpdate") == [
        ("channelId", "PRODUCT_NOT_ASSIGNED_TO_CHANNEL")
    ]
    assert payload(unlisted, "productVariantChannelListingUpdate")["errors"][0]["channels"] == [eur]
    assert snapshot() == before


def test_a_negative_price_is_refused_by_saleors_scalar_naming_the_price(owner, world, ids):
    """PositiveDecimal refuses a negative number while reading the variables, as in Saleor:
    the message names the input path; nothing is written."""
    before = snapshot()
    body = owner.execute(
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        {
            "id": ids["variant"],
            "input": [{"channelId": gid("Channel", world.catalog.tnd.pk), "price": "-5"}],
        },
    )
    assert "price" in body["errors"][0]["message"] and "positive" in body["errors"][0]["message"]
    assert "INTERNAL_ERROR" not in str(body)
    assert snapshot() == before


def test_unknown_channel_warehouse_and_ids(owner, world, ids):
    before = snapshot()
    body = owner.execute(
        doc.PRODUCT_CHANNEL_LISTING_UPDATE,
        {
            "id": ids["product"],
            "input": {
                "updateChannels": [{"channelId": gid("Channel", 10**7), "isPublished": True}]
            },
        },
    )
    assert _errors(body, "productChannelListingUpdate") == [("channelId", "NOT_FOUND")]
    body = owner.execute(
        doc.PRODUCT_CHANNEL_LISTING_UPDATE,
        {"id": ids["product"], "input": {"updateChannels": [{"channelId": "not-an-id"}]}},
    )
    assert _errors(body, "productChannelListingUpdate") == [("channelId", "GRAPHQL_ERROR")]
    body = owner.execute(
        doc.VARIANT_STOCKS_UPDATE,
        {
            "variantId": ids["variant"],
            "stocks": [{"warehouse": gid("Warehouse", world.warehouse_b.pk), "quantity": 3}],
        },
    )
    assert payload(body, "productVariantStocksUpdate")["errors"] == [
        {
            "field": "warehouse",
            "code": "NOT_FOUND",
            "message": "No warehouse of this workshop with this id.",
            "index": 0,
        }
    ]
    body = owner.execute(
        doc.VARIANT_STOCKS_UPDATE,
        {
            "variantId": ids["variant"],
            "stocks": [{"warehouse": gid("Warehouse", world.catalog.warehouse.pk), "quantity": -1}],
        },
    )
    assert _errors(body, "productVariantStocksUpdate") == [("quantity", "INVALID")]
    assert snapshot() == before


def test_names_too_long_or_missing(owner, world, ids):
    before = snapshot()
    product_type = gid("ProductType", world.catalog.product_type.pk)
    body = owner.execute(
        doc.PRODUCT_CREATE, {"input": {"name": "x" * 251, "productType": product_type}}
    )
    assert _errors(body, "productCreate") == [("name", "INVALID")]
    assert "250" in payload(body, "productCreate")["errors"][0]["message"]
    body = owner.execute(doc.PRODUCT_CREATE, {"input": {"name": "  ", "productType": product_type}})
    assert _errors(body, "productCreate") == [("name", "REQUIRED")]
    body = owner.execute(
        doc.PRODUCT_UPDATE, {"id": ids["product"], "input": {"seo": {"title": "t" * 71}}}
    )
    assert _errors(body, "productUpdate") == [("seo", "INVALID")]
    body = owner.execute(
        doc.VARIANT_CREATE,
        {"input": {"product": ids["product"], "sku": "S" * 256, "attributes": []}},
    )
    assert _errors(body, "productVariantCreate") == [("sku", "INVALID")]
    body = owner.execute(
        doc.PRODUCT_TRANSLATE,
        {"id": ids["product"], "languageCode": "AR", "input": {"name": "ن" * 251}},
    )
    assert _errors(body, "productTranslate") == [("name", "INVALID")]
    body = owner.execute(
        doc.PRODUCT_TRANSLATE,
        {"id": ids["product"], "languageCode": "DE", "input": {"name": "Tablett"}},
    )
    assert _errors(body, "productTranslate") == [("languageCode", "INVALID")]
    body = owner.execute(
        doc.PRODUCT_UPDATE, {"id": ids["product"], "input": {"description": '"just text"'}}
    )
    assert _errors(body, "productUpdate") == [("description", "INVALID")]
    body = owner.execute(doc.PRODUCT_UPDATE, {"id": ids["product"], "input": {"weight": "heavy"}})
    assert _errors(body, "productUpdate") == [("weight", "INVALID")]
    assert snapshot() == before


def _photo_upload(owner, ids, data, name="p.png", content_type="image/png"):
    return upload(
        owner,
        doc.MEDIA_CREATE,
        {"product": ids["product"]},
        SimpleUploadedFile(name, data, content_type),
    ).json()


def test_wrong_file_types_are_refused_on_image(owner, ids):
    before = snapshot()
    for data, name in [
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "x.svg"),
        (b"%PDF-1.4 not a photo", "doc.png"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "broken.png"),
        (b"GIF89a....", "anim.gif"),
    ]:
        errors = _errors(_photo_upload(owner, ids, data, name), "productMediaCreate")
        assert errors == [("image", "INVALID_FILE_TYPE")], name
    assert snapshot() == before


def test_oversize_images_are_refused(owner, ids):
    before = snapshot()
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024)
    assert _errors(_photo_upload(owner, ids, big), "productMediaCreate") == [
        ("image", "FILE_SIZE_LIMIT_EXCEEDED")
    ]
    buffer = io.BytesIO()
    Image.new("L", (8000, 5001)).save(buffer, format="PNG")  # 40.008 megapixels, a few KB
    body = _photo_upload(owner, ids, buffer.getvalue())
    assert _errors(body, "productMediaCreate") == [("image", "INVALID")]
    assert "40 megapixels" in payload(body, "productMediaCreate")["errors"][0]["message"]
    assert snapshot() == before
    assert ProductMedia.objects.count() == 0


def test_media_reorder_must_name_every_photo_once(owner, ids):
    from tests.factories import png_bytes

    first = payload(_photo_upload(owner, ids, png_bytes()), "productMediaCreate")["media"]["id"]
    payload(_photo_upload(owner, ids, png_bytes("red")), "productMediaCreate")
    before = snapshot()
    body = owner.execute(doc.MEDIA_REORDER, {"productId": ids["product"], "mediaIds": [first]})
    assert _errors(body, "productMediaReorder") == [("mediaIds", "INVALID")]
    body = owner.execute(
        doc.MEDIA_REORDER, {"productId": ids["product"], "mediaIds": [first, first]}
    )
    assert _errors(body, "productMediaReorder") == [("mediaIds", "DUPLICATED_INPUT_ITEM")]
    assert snapshot() == before


def test_nothing_half_written_when_a_variant_stock_line_is_bad(owner, world, ids):
    before = (
        Product.objects.count(),
        Stock.objects.count(),
        ProductVariantChannelListing.objects.count(),
    )
    body = owner.execute(
        doc.VARIANT_CREATE,
        {
            "input": {
                "product": ids["product"],
                "sku": "HALF",
                "attributes": [],
                "stocks": [
                    {"warehouse": gid("Warehouse", world.catalog.warehouse.pk), "quantity": 2},
                    {"warehouse": gid("Warehouse", world.warehouse_b.pk), "quantity": 2},
                ],
            }
        },
    )
    assert _errors(body, "productVariantCreate") == [("warehouse", "NOT_FOUND")]
    assert not Stock.objects.filter(product_variant__sku="HALF").exists()
    assert (
        Product.objects.count(),
        Stock.objects.count(),
        ProductVariantChannelListing.objects.count(),
    ) == before
