"""productCreate, productUpdate, productDelete, productChannelListingUpdate, productTranslate."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.writes import listings, products, translations
from marketplace.core.errors import DomainError
from marketplace.graphql.catalog.products import Product
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.mutations import decode, decode_many
from marketplace.graphql.core.types import LanguageCodeEnum, language_code_to_django

from .convert import given, product_data
from .errors import (
    TRANSLATION_ERROR_CODES,
    ProductChannelListingError,
    ProductError,
    TranslationError,
    answer,
    errors_field,
    legacy_errors,
    object_id,
)
from .inputs import (
    ProductChannelListingUpdateInput,
    ProductCreateInput,
    ProductInput,
    TranslationInput,
)


def _product(product: Any) -> dict[str, Any]:
    return {"product": ChannelContext(node=product, channel_slug=None)}


class ProductCreate(graphene.Mutation):
    """List a new piece (a draft until a channel listing publishes it), in the caller's
    workshop."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        input = ProductCreateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            vendor = input.get("vendor")
            return _product(
                products.product_create(
                    actor=info.context.user,
                    product_type_id=decode(
                        input["product_type"], "ProductType", field="productType"
                    ),
                    vendor_id=decode(vendor, "Vendor", field="vendor") if vendor else None,
                    data=product_data(input),
                )
            )

        return answer(cls, work, legacy="product_errors")


class ProductUpdate(graphene.Mutation):
    """Change the given fields of one of the caller's products."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        input = ProductInput(required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        input: dict[str, Any],
        id: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            return _product(
                products.product_update(
                    actor=info.context.user,
                    product_id=object_id(id, "Product", external_reference=external_reference),
                    data=product_data(input),
                )
            )

        return answer(cls, work, legacy="product_errors")


class ProductDelete(graphene.Mutation):
    """Delete one of the caller's products with its variants, listings and photos."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product = graphene.Field(Product)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str | None = None, external_reference: str | None = None
    ) -> Any:
        def work() -> dict[str, Any]:
            return _product(
                products.product_delete(
                    actor=info.context.user,
                    product_id=object_id(id, "Product", external_reference=external_reference),
                )
            )

        return answer(cls, work, legacy="product_errors")


def _publication(entry: dict[str, Any]) -> listings.ChannelPublication:
    return listings.ChannelPublication(
        channel_id=decode(entry["channel_id"], "Channel", field="channelId"),
        is_published=entry.get("is_published"),
        published_at=entry.get("published_at"),
        visible_in_listings=entry.get("visible_in_listings"),
        is_available_for_purchase=entry.get("is_available_for_purchase"),
        available_for_purchase_at=entry.get("available_for_purchase_at"),
        add_variant_ids=decode_many(
            entry.get("add_variants"), "ProductVariant", field="addVariants"
        ),
        remove_variant_ids=decode_many(
            entry.get("remove_variants"), "ProductVariant", field="removeVariants"
        ),
    )


class ProductChannelListingUpdate(graphene.Mutation):
    """List one of the caller's products in channels (published or not), or delist it."""

    product = graphene.Field(Product)
    product_channel_listing_errors = legacy_errors(ProductChannelListingError)
    errors = errors_field(ProductChannelListingError)

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            return _product(
                listings.product_channel_listing_update(
                    actor=info.context.user,
                    product_id=decode(id, "Product", field="id"),
                    update_channels=[_publication(e) for e in input.get("update_channels") or []],
                    remove_channel_ids=decode_many(
                        input.get("remove_channels"), "Channel", field="removeChannels"
                    ),
                )
            )

        return answer(cls, work, legacy="product_channel_listing_errors")


class ProductTranslate(graphene.Mutation):
    """Name and describe one of the caller's products in another language."""

    translation_errors = legacy_errors(TranslationError)
    errors = errors_field(TranslationError)
    product = graphene.Field(Product)

    class Arguments:
        id = graphene.ID(required=True)
        input = TranslationInput(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, input: dict[str, Any], language_code: Any
    ) -> Any:
        def work() -> dict[str, Any]:
            if input.get("slug"):
                raise DomainError(
                    _("A piece keeps one slug in every language."), field="slug", code="INVALID"
                )
            return _product(
                translations.product_translate(
                    actor=info.context.user,
                    product_id=decode(id, "Product", field="id"),
                    language_code=language_code_to_django(language_code),
                    name=given(input, "name"),
                    description=given(input, "description"),
                    seo_title=given(input, "seo_title"),
                    seo_description=given(input, "seo_description"),
                )
            )

        return answer(cls, work, legacy="translation_errors", codes=TRANSLATION_ERROR_CODES)
