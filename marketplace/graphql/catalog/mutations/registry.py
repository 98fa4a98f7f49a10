"""The product mutations as root fields, so api.py registers them with one base class."""

from __future__ import annotations

import graphene

from .media import ProductMediaCreate, ProductMediaDelete, ProductMediaReorder
from .products import (
    ProductChannelListingUpdate,
    ProductCreate,
    ProductDelete,
    ProductTranslate,
    ProductUpdate,
)
from .variants import (
    ProductVariantBulkCreate,
    ProductVariantChannelListingUpdate,
    ProductVariantCreate,
    ProductVariantDelete,
    ProductVariantStocksUpdate,
    ProductVariantTranslate,
    ProductVariantUpdate,
)


class CatalogWriteMutations(graphene.ObjectType):
    """productCreate … productVariantTranslate, mixed into the root Mutation."""

    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_translate = ProductTranslate.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_variant_bulk_create = ProductVariantBulkCreate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_variant_translate = ProductVariantTranslate.Field()
    product_media_create = ProductMediaCreate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
