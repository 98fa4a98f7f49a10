"""Each product mutation, done by the workshop's owner through GraphQL."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import from_global_id
from PIL import Image

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.inventory.models import Stock
from tests.factories import png_bytes

from . import documents as doc
from .helpers import create_listing, gid, payload, upload

pytestmark = pytest.mark.django_db


def _pk(global_id: str) -> int:
    return int(from_global_id(global_id)[1])


def test_owner_lists_a_piece_end_to_end(world):
    owner = world.client("artisan_a")
    ids = create_listing(owner, world)
    product = Product.objects.get(pk=_pk(ids["product"]))
    assert product.vendor == world.catalog.workshop and product.weight_kg == Decimal("1.250")
    listing = ProductChannelListing.objects.get(product=product)
    assert listing.is_published and listing.discounted_price_amount == Decimal("95.250")
    variant = ProductVariant.objects.get(pk=_pk(ids["variant"]))
    assert Stock.objects.get(product_variant=variant).quantity == 4
    # The storefront shows it, priced in dinars with three decimals.
    seen = world.client("buyer").data(
        'query($id: ID!) { product(id: $id, channel: "tunisia") { name pricing { priceRange { start { gross { amount currency } } } } } }',
        {"id": ids["product"]},
    )
    assert seen["product"]["name"] == "Copper tray"
    assert seen["product"]["pricing"]["priceRange"]["start"]["gross"] == {
        "amount": 95.25,
        "currency": "TND",
    }


def test_owner_updates_and_deletes(world):
    owner = world.client("artisan_a")
    ids = create_listing(owner, world)
    updated = payload(
        owner.execute(
            doc.PRODUCT_UPDATE,
            {
                "id": ids["product"],
                "input": {
                    "name": "Big tray",
                    "seo": {"title": "Tray"},
                    "metadata": [{"key": "bench", "value": "3"}],
                    "description": json.dumps(
                        {
                            "blocks": [
                                {"type": "paragraph", "data": {"text": "Chased <b>by hand</b>"}}
                            ]
                        }
                    ),
                },
            },
        ),
        "productUpdate",
    )
    assert updated["errors"] == [] and updated["product"]["name"] == "Big tray"
    assert updated["product"]["metadata"] == [{"key": "bench", "value": "3"}]
    assert Product.objects.get(pk=_pk(ids["product"])).description_plaintext == "Chased by hand"
    variant = payload(
        owner.execute(doc.VARIANT_UPDATE, {"sku": "COPPER-TRAY-1", "input": {"name": "Large"}}),
        "productVariantUpdate",
    )
    assert variant["errors"] == [] and variant["productVariant"]["name"] == "Large"
    deleted = payload(
        owner.execute(doc.VARIANT_DELETE, {"id": ids["variant"]}), "productVariantDelete"
    )
    assert deleted["errors"] == [] and deleted["productVariant"]["id"] == ids["variant"]
    assert not ProductVariant.objects.filter(pk=_pk(ids["variant"])).exists()
    assert (
        ProductChannelListing.objects.get(product_id=_pk(ids["product"])).discounted_price_amount
        is None
    )
    gone = payload(owner.execute(doc.PRODUCT_DELETE, {"id": ids["product"]}), "productDelete")
    assert gone["errors"] == [] and gone["product"]["id"] == ids["product"]
    assert not Product.objects.filter(pk=_pk(ids["product"])).exists()


def test_bulk_create_with_prices_and_stock(world):
    owner = world.client("artisan_a")
    ids = create_listing(owner, world)
    tnd, wh = gid("Channel", world.catalog.tnd.pk), gid("Warehouse", world.catalog.warehouse.pk)
    rows = [
        {
            "sku": f"S-{n}",
            "name": f"Size {n}",
            "attributes": [],
            "stocks": [{"warehouse": wh, "quantity": n}],
            "channelListings": [{"channelId": tnd, "price": f"{80 + n}.5"}],
        }
        for n in range(3)
    ]
    result = payload(
        owner.execute(doc.VARIANT_BULK_CREATE, {"product": ids["product"], "variants": rows}),
        "productVariantBulkCreate",
    )
    assert result["errors"] == [] and result["count"] == 3
    assert [r["productVariant"]["sku"] for r in result["results"]] == ["S-0", "S-1", "S-2"]
    assert ProductVariantChannelListing.objects.get(variant__sku="S-2").price_amount == Decimal(
        "82.500"
    )
    assert ProductChannelListing.objects.get(
        product_id=_pk(ids["product"])
    ).discounted_price_amount == Decimal("80.500")
    # One bad row: by default nothing is created, and the row is named by its index.
    rows = [{"sku": "S-9", "attributes": []}, {"sku": "S-0", "attributes": []}]
    result = payload(
        owner.execute(doc.VARIANT_BULK_CREATE, {"product": ids["product"], "variants": rows}),
        "productVariantBulkCreate",
    )
    assert result["count"] == 0 and result["errors"] == [
        {"field": "sku", "code": "UNIQUE", "message": result["errors"][0]["message"], "index": 1}
    ]
    assert not ProductVariant.objects.filter(sku="S-9").exists()
    result = payload(
        owner.execute(
            doc.VARIANT_BULK_CREATE,
            {"product": ids["product"], "variants": rows, "policy": "REJECT_FAILED_ROWS"},
        ),
        "productVariantBulkCreate",
    )
    assert result["count"] == 1 and result["results"][1]["errors"][0]["code"] == "UNIQUE"
    assert ProductVariant.objects.filter(sku="S-9").exists()


def test_stocks_translations_and_channel_removal(world):
    owner = world.client("artisan_a")
    ids = create_listing(owner, world)
    stocked = payload(
        owner.execute(
            doc.VARIANT_STOCKS_UPDATE,
            {
                "variantId": ids["variant"],
                "stocks": [
                    {"warehouse": gid("Warehouse", world.catalog.warehouse.pk), "quantity": 11}
                ],
            },
        ),
        "productVariantStocksUpdate",
    )
    assert (
        stocked["errors"] == []
        and Stock.objects.get(product_variant_id=_pk(ids["variant"])).quantity == 11
    )
    translated = payload(
        owner.execute(
            doc.PRODUCT_TRANSLATE,
            {
                "id": ids["product"],
                "languageCode": "AR",
                "input": {"name": "صينية نحاسية", "seoTitle": "صينية"},
            },
        ),
        "productTranslate",
    )
    assert (
        translated["errors"] == []
        and translated["product"]["translation"]["name"] == "صينية نحاسية"
    )
    named = payload(
        owner.execute(
            doc.VARIANT_TRANSLATE,
            {"id": ids["variant"], "languageCode": "FR", "input": {"name": "Grand"}},
        ),
        "productVariantTranslate",
    )
    assert named["errors"] == [] and named["productVariant"]["translation"]["name"] == "Grand"
    removed = payload(
        owner.execute(
            doc.PRODUCT_CHANNEL_LISTING_UPDATE,
            {
                "id": ids["product"],
                "input": {"removeChannels": [gid("Channel", world.catalog.tnd.pk)]},
            },
        ),
        "productChannelListingUpdate",
    )
    assert removed["errors"] == []
    assert not ProductChannelListing.objects.filter(product_id=_pk(ids["product"])).exists()
    assert not ProductVariantChannelListing.objects.filter(variant_id=_pk(ids["variant"])).exists()


def test_media_upload_reorder_delete(world):
    owner = world.client("artisan_a")
    ids = create_listing(owner, world)
    buffer = io.BytesIO()
    photo = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    photo.save(buffer, format="JPEG", exif=exif.tobytes())
    first = payload(
        upload(
            owner,
            doc.MEDIA_CREATE,
            {"product": ids["product"], "alt": "Front"},
            SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), "image/jpeg"),
        ).json(),
        "productMediaCreate",
    )
    assert (
        first["errors"] == []
        and first["media"]["alt"] == "Front"
        and first["media"]["type"] == "IMAGE"
    )
    stored = ProductMedia.objects.get(pk=_pk(first["media"]["id"]))
    assert stored.image.name.startswith("products/souika/") and "IMG_0001" not in stored.image.name
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert not image.getexif()
    second = payload(
        upload(
            owner,
            doc.MEDIA_CREATE,
            {"product": ids["product"]},
            SimpleUploadedFile("b.png", png_bytes("red"), "image/png"),
        ).json(),
        "productMediaCreate",
    )
    order = [second["media"]["id"], first["media"]["id"]]
    reordered = payload(
        owner.execute(doc.MEDIA_REORDER, {"productId": ids["product"], "mediaIds": order}),
        "productMediaReorder",
    )
    assert reordered["errors"] == [] and [m["id"] for m in reordered["product"]["media"]] == order
    deleted = payload(
        owner.execute(doc.MEDIA_DELETE, {"id": first["media"]["id"]}), "productMediaDelete"
    )
    assert deleted["errors"] == [] and [m["id"] for m in deleted["product"]["media"]] == [
        second["media"]["id"]
    ]
    assert not ProductMedia.objects.filter(pk=stored.pk).exists()
