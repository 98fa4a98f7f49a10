"""Product media and thumbnails: stored renditions when they exist, else the maker URL."""

from __future__ import annotations

from functools import cache
from typing import Any

import graphene
from django.conf import settings
from django.urls import reverse
from graphql import GraphQLError

from marketplace.catalog.models import ProductMedia as ProductMediaModel
from marketplace.catalog.thumbnails import snap_thumbnail_size
from marketplace.core.errors import DomainError
from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.types import (
    ImageValue,
    ObjectWithMetadata,
    ThumbnailFormatEnum,
    channel_context_resolver,
)

from .dataloaders import ThumbnailLoader


class ProductMediaType(graphene.Enum):
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"


def absolute_url(info: Any, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if settings.PUBLIC_URL:
        return f"{settings.PUBLIC_URL}{url}"
    request = info.context
    base = getattr(request, "_absolute_base", None)
    if base is None:  # scheme and validated host, worked out once per request
        base = request._absolute_base = request.build_absolute_uri("/").rstrip("/")
    return f"{base}{url}"


@cache
def _thumbnail_prefix() -> str:
    """``/thumbnail/`` as routed; reversing once spares a URL resolution per image."""
    return reverse(
        "thumbnail", kwargs={"media_id": 0, "size": 0, "image_format": "x"}
    ).removesuffix("0/0/x/")


def _format_value(image_format: Any) -> str:
    return str(getattr(image_format, "value", image_format) or "original")


def media_url(info: Any, media: ProductMediaModel, size: int | None, image_format: Any) -> str:
    fmt = _format_value(image_format)
    if not size and fmt == "original":
        return absolute_url(info, media.image.url)
    try:
        snapped = snap_thumbnail_size(size or 4096)
    except DomainError as exc:
        raise GraphQLError(exc.message) from None
    thumbnail = load_for(info.context, media, ThumbnailLoader, key=lambda m: (m.pk, snapped, fmt))
    if thumbnail is not None:
        return absolute_url(info, thumbnail.image.url)
    return absolute_url(info, f"{_thumbnail_prefix()}{media.pk}/{snapped}/{fmt}/")


def image_of(
    info: Any, media: ProductMediaModel | None, size: int | None, fmt: Any
) -> ImageValue | None:
    if media is None:
        return None
    return ImageValue(url=media_url(info, media, size, fmt), alt=media.alt)


class ProductMedia(graphene.ObjectType):
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaType, required=True)
    oembed_data = graphene.JSONString(required=True)
    url = graphene.String(
        required=True,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
    )
    product_id = graphene.ID()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_type(root: ProductMediaModel, info: Any) -> str:
        return root.type

    @staticmethod
    def resolve_oembed_data(root: ProductMediaModel, info: Any) -> dict[str, Any]:
        return {}

    @staticmethod
    def resolve_url(
        root: ProductMediaModel, info: Any, size: int | None = None, format: Any = None
    ) -> str:
        return media_url(info, root, size, format)

    @staticmethod
    def resolve_product_id(root: ProductMediaModel, info: Any) -> str:
        return graphene.relay.Node.to_global_id("Product", root.product_id)


class ProductImage(graphene.ObjectType):
    """Saleor's deprecated image type: a product's picture (its media of type IMAGE)."""

    id = graphene.ID(required=True)
    alt = graphene.String()
    sort_order = graphene.Int()
    url = graphene.String(
        required=True,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
    )

    @staticmethod
    def resolve_id(root: ProductMediaModel, info: Any) -> str:
        return graphene.relay.Node.to_global_id("ProductImage", root.pk)

    @staticmethod
    def resolve_url(
        root: ProductMediaModel, info: Any, size: int | None = None, format: Any = None
    ) -> str:
        return media_url(info, root, size, format)


MediaChoicesSortField = graphene.Enum("MediaChoicesSortField", [("ID", "ID")])


class MediaSortingInput(graphene.InputObjectType):
    direction = graphene.Field("marketplace.graphql.core.types.OrderDirection", required=True)
    field = graphene.Field(MediaChoicesSortField, required=True)


def sorted_media(media: list[ProductMediaModel], sort_by: Any) -> list[ProductMediaModel]:
    """``media(sortBy: {field: ID, direction})``; without it, the workshop's own order."""
    if not sort_by:
        return media
    direction = str(getattr(sort_by["direction"], "value", sort_by["direction"])).lower()
    return sorted(media, key=lambda m: m.pk, reverse=direction == "desc")
