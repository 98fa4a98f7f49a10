"""productMediaCreate (a multipart upload), productMediaDelete, productMediaReorder."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.writes import media as media_writes
from marketplace.core.errors import DomainError
from marketplace.graphql.catalog.media import ProductMedia
from marketplace.graphql.catalog.products import Product
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.mutations import decode, decode_many

from .errors import ProductError, answer, errors_field, legacy_errors
from .inputs import ProductMediaCreateInput


def _product(product: Any) -> Any:
    return ChannelContext(node=product, channel_slug=None)


class ProductMediaCreate(graphene.Mutation):
    """Add a photo to one of the caller's products, sent with the GraphQL multipart request
    (JPEG, PNG or WebP, 10 MB and 40 megapixels at most; re-encoded without EXIF)."""

    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            product_id = decode(input["product"], "Product", field="product")
            if input.get("media_url"):
                media_writes.product_for_actor(
                    actor=info.context.user, product_id=product_id, field="product"
                )
                raise DomainError(
                    _("Upload the photo itself: media from other sites are not embedded."),
                    field="mediaUrl",
                    code="UNSUPPORTED_MEDIA_PROVIDER",
                )
            media = media_writes.media_create(
                actor=info.context.user,
                product_id=product_id,
                image=input.get("image"),
                alt=input.get("alt"),
            )
            return {"product": _product(media.product), "media": media}

        return answer(cls, work, legacy="product_errors")


class ProductMediaDelete(graphene.Mutation):
    """Delete a photo of one of the caller's products."""

    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        def work() -> dict[str, Any]:
            product, media = media_writes.media_delete(
                actor=info.context.user, media_id=decode(id, "ProductMedia", field="id")
            )
            return {"product": _product(product), "media": media}

        return answer(cls, work, legacy="product_errors")


class ProductMediaReorder(graphene.Mutation):
    """Put the photos of one of the caller's products in a new order (name every photo)."""

    product = graphene.Field(Product)
    media = graphene.List(graphene.NonNull(ProductMedia))
    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)

    class Arguments:
        media_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)
        product_id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, media_ids: list[str], product_id: str) -> Any:
        def work() -> dict[str, Any]:
            product, media = media_writes.media_reorder(
                actor=info.context.user,
                product_id=decode(product_id, "Product", field="productId"),
                media_ids=decode_many(media_ids, "ProductMedia", field="mediaIds"),
            )
            return {"product": _product(product), "media": media}

        return answer(cls, work, legacy="product_errors")
