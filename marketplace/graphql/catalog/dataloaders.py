"""Batch loaders for catalog relations; each costs one query per batch of siblings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django.db.models import F

from marketplace.catalog.models import (
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Thumbnail,
)
from marketplace.graphql.core.dataloader import DataLoader
from marketplace.inventory.services import stock_available


def _by_pk(model: Any, keys: Sequence[int]) -> dict[int, Any]:
    return {obj.pk: obj for obj in model.objects.filter(pk__in=keys)}


class CategoryByIdLoader(DataLoader[int, Category]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Category]:
        return _by_pk(Category, keys)


class ProductTypeByIdLoader(DataLoader[int, ProductType]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, ProductType]:
        return _by_pk(ProductType, keys)


class ProductByIdLoader(DataLoader[int, Product]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Product]:
        return _by_pk(Product, keys)


class VariantsByProductIdLoader(DataLoader[int, list[ProductVariant]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductVariant]]:
        grouped: dict[int, list[ProductVariant]] = defaultdict(list)
        for variant in ProductVariant.objects.filter(product_id__in=keys):
            grouped[variant.product_id].append(variant)
        return grouped


class MediaByProductIdLoader(DataLoader[int, list[ProductMedia]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductMedia]]:
        grouped: dict[int, list[ProductMedia]] = defaultdict(list)
        for media in ProductMedia.objects.filter(product_id__in=keys):
            grouped[media.product_id].append(media)
        return grouped


class ThumbnailLoader(DataLoader[tuple[int, int, str], Thumbnail]):
    """Key: (media id, snapped size, format)."""

    def batch_load(self, keys: Sequence[tuple[int, int, str]]) -> Mapping[Any, Thumbnail]:
        media_ids = {k[0] for k in keys}
        sizes = {k[1] for k in keys}
        formats = {k[2] for k in keys}
        rows = Thumbnail.objects.filter(media_id__in=media_ids, size__in=sizes, format__in=formats)
        return {(t.media_id, t.size, t.format): t for t in rows}


class ProductListingLoader(DataLoader[tuple[int, int], ProductChannelListing]):
    """Key: (product id, channel id)."""

    def batch_load(self, keys: Sequence[tuple[int, int]]) -> Mapping[Any, ProductChannelListing]:
        rows = ProductChannelListing.objects.filter(
            product_id__in={k[0] for k in keys}, channel_id__in={k[1] for k in keys}
        )
        return {(r.product_id, r.channel_id): r for r in rows}


class ProductListingsByProductIdLoader(DataLoader[int, list[ProductChannelListing]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductChannelListing]]:
        grouped: dict[int, list[ProductChannelListing]] = defaultdict(list)
        for row in ProductChannelListing.objects.filter(product_id__in=keys).select_related(
            "channel"
        ):
            grouped[row.product_id].append(row)
        return grouped


class VariantListingLoader(DataLoader[tuple[int, int], ProductVariantChannelListing]):
    """Key: (variant id, channel id)."""

    def batch_load(
        self, keys: Sequence[tuple[int, int]]
    ) -> Mapping[Any, ProductVariantChannelListing]:
        rows = ProductVariantChannelListing.objects.filter(
            variant_id__in={k[0] for k in keys}, channel_id__in={k[1] for k in keys}
        )
        return {(r.variant_id, r.channel_id): r for r in rows}


class VariantListingsByProductLoader(
    DataLoader[tuple[int, int], list[ProductVariantChannelListing]]
):
    """Key: (product id, channel id) → every variant price of the product in the channel."""

    default: ClassVar[list[Any]] = []
    registers_results = False

    def batch_load(self, keys: Sequence[tuple[int, int]]) -> Mapping[Any, list[Any]]:
        rows = ProductVariantChannelListing.objects.filter(
            variant__product_id__in={k[0] for k in keys}, channel_id__in={k[1] for k in keys}
        ).annotate(product_id=F("variant__product_id"))
        grouped: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for row in rows:
            grouped[(row.product_id, row.channel_id)].append(row)
        return grouped


class VariantListingsByVariantIdLoader(DataLoader[int, list[ProductVariantChannelListing]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[ProductVariantChannelListing]]:
        grouped: dict[int, list[ProductVariantChannelListing]] = defaultdict(list)
        for row in ProductVariantChannelListing.objects.filter(variant_id__in=keys).select_related(
            "channel"
        ):
            grouped[row.variant_id].append(row)
        return grouped


class QuantityAvailableLoader(DataLoader[int, int]):
    default = 0
    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, int]:
        # What a buyer can still put in a basket: stock less allocations less other baskets'
        # live reservations.
        return stock_available(variant_ids=keys)


class AttributeValuesByProductIdLoader(DataLoader[int, list[AttributeValue]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[AttributeValue]]:
        through = Product.attribute_values.through.objects.filter(product_id__in=keys)
        rows = through.select_related("attributevalue__attribute").order_by(
            "attributevalue__attribute__slug", "attributevalue__sort_order"
        )
        grouped: dict[int, list[AttributeValue]] = defaultdict(list)
        for row in rows:
            grouped[row.product_id].append(row.attributevalue)
        return grouped


class AttributeValuesByVariantIdLoader(DataLoader[int, list[AttributeValue]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[AttributeValue]]:
        through = ProductVariant.attribute_values.through.objects.filter(productvariant_id__in=keys)
        rows = through.select_related("attributevalue__attribute").order_by(
            "attributevalue__attribute__slug", "attributevalue__sort_order"
        )
        grouped: dict[int, list[AttributeValue]] = defaultdict(list)
        for row in rows:
            grouped[row.productvariant_id].append(row.attributevalue)
        return grouped


class CollectionsByProductIdLoader(DataLoader[int, list[Collection]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[Collection]]:
        rows = Collection.products.through.objects.filter(product_id__in=keys).select_related(
            "collection"
        )
        grouped: dict[int, list[Collection]] = defaultdict(list)
        for row in rows:
            grouped[row.product_id].append(row.collection)
        return grouped


class ChildrenByCategoryIdLoader(DataLoader[int, list[Category]]):
    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[Category]]:
        grouped: dict[int, list[Category]] = defaultdict(list)
        for category in Category.objects.filter(parent_id__in=keys):
            assert category.parent_id is not None
            grouped[category.parent_id].append(category)
        return grouped
