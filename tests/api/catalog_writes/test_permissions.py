"""The permission matrix, from outside: for every product mutation and every actor who is not
workshop A's (anonymous, a buyer, artisan B, the manager of A's cluster, the manager of
another cluster), the answer about A's object is the answer about a missing one, and nothing
changes. A's owner and marketplace staff may write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
    ProductVariantTranslation,
)
from marketplace.inventory.models import Stock
from tests.factories import png_bytes

from . import documents as doc
from .conftest import STRANGERS
from .helpers import gid, upload

pytestmark = pytest.mark.django_db
MISSING = 10**7


def snapshot() -> Any:
    """Everything the mutations could change, as comparable values."""
    return (
        list(Product.objects.order_by("pk").values_list("pk", "name", "slug", "updated_at")),
        list(ProductVariant.objects.order_by("pk").values_list("pk", "sku", "name", "sort_order")),
        list(ProductChannelListing.objects.order_by("pk").values_list("pk", "is_published")),
        list(ProductVariantChannelListing.objects.order_by("pk").values_list("pk", "price_amount")),
        list(Stock.objects.order_by("pk").values_list("pk", "quantity")),
        list(ProductMedia.objects.order_by("pk").values_list("pk", "sort_order", "image")),
        list(ProductTranslation.objects.values_list("pk", "name")),
        list(ProductVariantTranslation.objects.values_list("pk", "name")),
    )


def _cases(world: Any, ids: dict[str, int]) -> list[tuple[str, str, dict[str, Any]]]:
    catalog = world.catalog
    tnd, wh = gid("Channel", catalog.tnd.pk), gid("Warehouse", catalog.warehouse.pk)
    p, v, m = (
        gid("Product", ids["product"]),
        gid("ProductVariant", ids["variant"]),
        gid("ProductMedia", ids["media"]),
    )
    return [
        ("productUpdate", doc.PRODUCT_UPDATE, {"id": p, "input": {"name": "Taken"}}),
        ("productDelete", doc.PRODUCT_DELETE, {"id": p}),
        (
            "productChannelListingUpdate",
            doc.PRODUCT_CHANNEL_LISTING_UPDATE,
            {"id": p, "input": {"updateChannels": [{"channelId": tnd, "isPublished": False}]}},
        ),
        (
            "productTranslate",
            doc.PRODUCT_TRANSLATE,
            {"id": p, "languageCode": "FR", "input": {"name": "x"}},
        ),
        (
            "productVariantCreate",
            doc.VARIANT_CREATE,
            {"input": {"product": p, "sku": "INTRUDER", "attributes": []}},
        ),
        ("productVariantUpdate", doc.VARIANT_UPDATE, {"id": v, "input": {"name": "Taken"}}),
        ("productVariantDelete", doc.VARIANT_DELETE, {"id": v}),
        (
            "productVariantBulkCreate",
            doc.VARIANT_BULK_CREATE,
            {"product": p, "variants": [{"sku": "INTRUDER-2", "attributes": []}]},
        ),
        (
            "productVariantChannelListingUpdate",
            doc.VARIANT_CHANNEL_LISTING_UPDATE,
            {"id": v, "input": [{"channelId": tnd, "price": "1.000"}]},
        ),
        (
            "productVariantStocksUpdate",
            doc.VARIANT_STOCKS_UPDATE,
            {"variantId": v, "stocks": [{"warehouse": wh, "quantity": 0}]},
        ),
        (
            "productVariantTranslate",
            doc.VARIANT_TRANSLATE,
            {"id": v, "languageCode": "FR", "input": {"name": "x"}},
        ),
        ("productMediaDelete", doc.MEDIA_DELETE, {"id": m}),
        ("productMediaReorder", doc.MEDIA_REORDER, {"productId": p, "mediaIds": [m]}),
    ]


@pytest.fixture
def target(world):
    product = world.catalog.product("Tray", media=1)
    ProductTranslation.objects.create(product=product, language_code="fr", name="Plateau")
    return {
        "product": product.pk,
        "variant": product.variants.get().pk,
        "media": product.media.get().pk,
    }


MISSING_IDS = {"product": MISSING, "variant": MISSING, "media": MISSING}


def _answer(body: dict[str, Any], name: str) -> Any:
    assert "errors" not in body, body  # never a top-level error
    return body["data"][name]


@pytest.mark.parametrize("who", STRANGERS)
def test_a_stranger_gets_the_missing_answer_and_nothing_changes(world, target, who):
    client = world.client(who)
    before = snapshot()
    for (name, query, real), (_n, _q, missing) in zip(
        _cases(world, target), _cases(world, MISSING_IDS), strict=True
    ):
        seen = _answer(client.execute(query, real), name)
        expected = _answer(client.execute(query, missing), name)
        assert seen == expected, name
        assert seen["errors"] and seen["errors"][0]["code"] == "NOT_FOUND", (name, seen)
    assert snapshot() == before


@pytest.mark.parametrize("who", ["buyer", "artisan_b", "manager_a", "manager_other"])
def test_a_stranger_cannot_add_photos(world, target, who):
    client = world.client(who)
    before = snapshot()
    answers = [
        upload(
            client,
            doc.MEDIA_CREATE,
            {"product": gid("Product", pk)},
            SimpleUploadedFile("a.png", png_bytes()),
        ).json()
        for pk in (target["product"], MISSING)
    ]
    assert answers[0] == answers[1]
    assert answers[0]["data"]["productMediaCreate"]["errors"][0]["code"] == "NOT_FOUND"
    assert snapshot() == before


def test_anonymous_uploads_are_refused_before_reading(world, target):
    response = upload(
        world.client("anonymous"),
        doc.MEDIA_CREATE,
        {"product": gid("Product", target["product"])},
        SimpleUploadedFile("a.png", png_bytes()),
    )
    assert response.status_code == 403
    assert not ProductMedia.objects.exclude(pk=target["media"]).exists()


@pytest.mark.parametrize("who", ["anonymous", "buyer", "manager_a", "manager_other"])
def test_only_a_workshop_creates_products(world, who):
    client = world.client(who)
    variables = {
        "input": {"name": "Mine", "productType": gid("ProductType", world.catalog.product_type.pk)}
    }
    result = _answer(client.execute(doc.PRODUCT_CREATE, variables), "productCreate")
    assert result["product"] is None and result["errors"][0]["code"] == "NOT_FOUND"
    assert not Product.objects.filter(name="Mine").exists()


def test_each_artisan_lists_in_their_own_workshop(world):
    variables = {
        "input": {"name": "Ring", "productType": gid("ProductType", world.catalog.product_type.pk)}
    }
    result = _answer(
        world.client("artisan_b").execute(doc.PRODUCT_CREATE, variables), "productCreate"
    )
    assert result["errors"] == []
    assert Product.objects.get(name="Ring").vendor == world.workshop_b


def test_an_artisan_cannot_list_in_another_workshop(world):
    client = world.client("artisan_a")
    base = {"name": "Mine", "productType": gid("ProductType", world.catalog.product_type.pk)}
    foreign = _answer(
        client.execute(
            doc.PRODUCT_CREATE, {"input": {**base, "vendor": gid("Vendor", world.workshop_b.pk)}}
        ),
        "productCreate",
    )
    missing = _answer(
        client.execute(doc.PRODUCT_CREATE, {"input": {**base, "vendor": gid("Vendor", MISSING)}}),
        "productCreate",
    )
    assert foreign == missing and foreign["errors"][0]["field"] == "vendor"
    assert not Product.objects.filter(name="Mine").exists()


@pytest.mark.parametrize("who", ["artisan_a", "staff"])
def test_the_owner_and_staff_may_write(world, target, who):
    client = world.client(who)
    for name, query, variables in _cases(world, target):
        if name in ("productDelete", "productVariantDelete", "productMediaDelete"):
            continue
        result = _answer(client.execute(query, variables), name)
        assert result["errors"] == [], (name, result)
    assert Product.objects.get(pk=target["product"]).name == "Taken"
    assert ProductVariant.objects.filter(sku="INTRUDER").exists()
    assert json.dumps(snapshot(), default=str)  # the world is still readable
