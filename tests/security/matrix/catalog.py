"""Entries for the product mutations (marketplace/catalog/writes): workshop A's owner and
marketplace staff write A's listings; the manager of A's cluster moderates them but does not
edit them, and everybody else is answered as for a missing object. The target is A's ewer
(catalog_world.py); the documents are the Saleor-shaped ones of tests/api/catalog_writes."""

from __future__ import annotations

from typing import Any

from tests.api.catalog_writes import documents as doc

from .core import Entry, payload_ok
from .vendors import WORKSHOP_A, _entry
from .world import World, missing_gid

MISSING_PRODUCT = missing_gid("Product")
MISSING_VARIANT = missing_gid("ProductVariant")
MISSING_MEDIA = missing_gid("ProductMedia")
MISSING_VENDOR = missing_gid("Vendor")


def _ewer(world: World) -> str:
    return str(world.ids["ewer"])


def _variant(world: World) -> str:
    return str(world.ids["ewer_variant"])


def _create(world: World, vendor: str | None = None) -> dict[str, Any]:
    """A new listing in A's workshop (or, for the missing case, in a workshop that is not)."""
    product_type = world.ids["product_type"]
    vendor = vendor or world.ids["workshop_a"]
    return {"input": {"name": "Matrix ewer", "productType": product_type, "vendor": vendor}}


def _listing(world: World) -> dict[str, Any]:
    channel = {"channelId": world.ids["channel_tnd"], "isPublished": False}
    return {"id": _ewer(world), "input": {"updateChannels": [channel]}}


def _variant_create(world: World) -> dict[str, Any]:
    return {"input": {"product": _ewer(world), "sku": "MATRIX-EWER-2", "attributes": []}}


def _bulk(world: World) -> dict[str, Any]:
    variants = [{"sku": "MATRIX-EWER-3", "attributes": []}]
    return {"product": _ewer(world), "variants": variants}


def _price(world: World) -> dict[str, Any]:
    return {"id": _variant(world), "input": [{"channelId": world.ids["channel_tnd"], "price": "9"}]}


def _stocks(world: World) -> dict[str, Any]:
    stocks = [{"warehouse": world.ids["warehouse_a"], "quantity": 0}]
    return {"variantId": _variant(world), "stocks": stocks}


def _reorder(world: World) -> dict[str, Any]:
    media = [world.ids["ewer_media_2"], world.ids["ewer_media"]]
    return {"productId": _ewer(world), "mediaIds": media}


ENTRIES = [
    Entry(
        "mutation.productCreate",
        doc.PRODUCT_CREATE,
        _create,
        allowed=WORKSHOP_A,
        ok=payload_ok("productCreate", "product"),
        missing=lambda w: _create(w, MISSING_VENDOR),
    ),
    _entry(
        "productUpdate",
        doc.PRODUCT_UPDATE,
        lambda w: {"id": _ewer(w), "input": {"name": "Hammered ewer"}},
        WORKSHOP_A,
        "product",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productDelete",
        doc.PRODUCT_DELETE,
        lambda w: {"id": _ewer(w)},
        WORKSHOP_A,
        "product",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productChannelListingUpdate",
        doc.PRODUCT_CHANNEL_LISTING_UPDATE,
        _listing,
        WORKSHOP_A,
        "product",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productTranslate",
        doc.PRODUCT_TRANSLATE,
        lambda w: {"id": _ewer(w), "languageCode": "FR", "input": {"name": "Aiguière martelée"}},
        WORKSHOP_A,
        "product",
        id=MISSING_PRODUCT,
    ),
    _entry(
        "productVariantCreate",
        doc.VARIANT_CREATE,
        _variant_create,
        WORKSHOP_A,
        "productVariant",
        input={"product": MISSING_PRODUCT, "sku": "MATRIX-EWER-2", "attributes": []},
    ),
    _entry(
        "productVariantBulkCreate",
        doc.VARIANT_BULK_CREATE,
        _bulk,
        WORKSHOP_A,
        "productVariants",
        product=MISSING_PRODUCT,
    ),
    _entry(
        "productVariantUpdate",
        doc.VARIANT_UPDATE,
        lambda w: {"id": _variant(w), "input": {"name": "Large"}},
        WORKSHOP_A,
        "productVariant",
        id=MISSING_VARIANT,
    ),
    _entry(
        "productVariantUpdate",
        doc.VARIANT_UPDATE,
        lambda w: {"sku": w.ids["ewer_variant_sku"], "input": {"name": "Large"}},
        WORKSHOP_A,
        "productVariant",
        label="sku",
        sku="NO-SUCH-SKU",
    ),
    _entry(
        "productVariantDelete",
        doc.VARIANT_DELETE,
        lambda w: {"id": _variant(w)},
        WORKSHOP_A,
        "productVariant",
        id=MISSING_VARIANT,
    ),
    _entry(
        "productVariantDelete",
        doc.VARIANT_DELETE,
        lambda w: {"sku": w.ids["ewer_variant_sku"]},
        WORKSHOP_A,
        "productVariant",
        label="sku",
        sku="NO-SUCH-SKU",
    ),
    _entry(
        "productVariantChannelListingUpdate",
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        _price,
        WORKSHOP_A,
        "variant",
        id=MISSING_VARIANT,
    ),
    _entry(
        "productVariantStocksUpdate",
        doc.VARIANT_STOCKS_UPDATE,
        _stocks,
        WORKSHOP_A,
        "productVariant",
        variantId=MISSING_VARIANT,
    ),
    _entry(
        "productVariantTranslate",
        doc.VARIANT_TRANSLATE,
        lambda w: {"id": _variant(w), "languageCode": "FR", "input": {"name": "Grande"}},
        WORKSHOP_A,
        "productVariant",
        id=MISSING_VARIANT,
    ),
    _entry(
        "productMediaCreate",
        doc.MEDIA_CREATE,
        lambda w: {"product": _ewer(w), "alt": "Side view"},
        WORKSHOP_A,
        "media",
        uploads=("image",),
        product=MISSING_PRODUCT,
    ),
    _entry(
        "productMediaDelete",
        doc.MEDIA_DELETE,
        lambda w: {"id": w.ids["ewer_media"]},
        WORKSHOP_A,
        "media",
        id=MISSING_MEDIA,
    ),
    _entry(
        "productMediaReorder",
        doc.MEDIA_REORDER,
        _reorder,
        WORKSHOP_A,
        "media",
        productId=MISSING_PRODUCT,
    ),
]
