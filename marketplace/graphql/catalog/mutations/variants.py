"""productVariantCreate/Update/Delete/BulkCreate, productVariantChannelListingUpdate,
productVariantStocksUpdate, productVariantTranslate."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.writes import listings, translations
from marketplace.catalog.writes import stocks as stocks_module
from marketplace.catalog.writes import variants as variants_module
from marketplace.core.errors import DomainError
from marketplace.graphql.catalog.variants import ProductVariant
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.mutations import decode
from marketplace.graphql.core.types import LanguageCodeEnum, language_code_to_django

from .convert import given, prices, stock_lines, variant_data
from .errors import (
    BULK_VARIANT_ERROR_CODES,
    PRODUCT_ERROR_CODES,
    TRANSLATION_ERROR_CODES,
    BulkProductError,
    BulkStockError,
    ErrorPolicyEnum,
    ProductChannelListingError,
    ProductError,
    ProductVariantBulkError,
    TranslationError,
    answer,
    errors_field,
    legacy_errors,
    problem,
)
from .inputs import (
    NameTranslationInput,
    ProductVariantBulkCreateInput,
    ProductVariantChannelListingAddInput,
    ProductVariantCreateInput,
    ProductVariantInput,
    StockInput,
)


def _variant(variant: Any) -> dict[str, Any]:
    return {"product_variant": ChannelContext(node=variant, channel_slug=None)}


def _variant_id(id: str | None, sku: str | None, external_reference: str | None) -> int | None:
    if id:
        return decode(id, "ProductVariant", field="id")
    if not sku and external_reference:
        from marketplace.core.errors import NotFound

        raise NotFound(
            "No product variant with this external reference.", field="externalReference"
        )
    return None


class ProductVariantCreate(graphene.Mutation):
    """Add a variant (size, finish) to one of the caller's products, with its stock."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        input = ProductVariantCreateInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, input: dict[str, Any]) -> Any:
        def work() -> dict[str, Any]:
            return _variant(
                variants_module.variant_create(
                    actor=info.context.user,
                    product_id=decode(input["product"], "Product", field="product"),
                    data=variant_data(input),
                )
            )

        return answer(cls, work, legacy="product_errors")


class ProductVariantUpdate(graphene.Mutation):
    """Change one of the caller's variants, found by id or SKU."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        input = ProductVariantInput(required=True)
        sku = graphene.String()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        input: dict[str, Any],
        id: str | None = None,
        sku: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            return _variant(
                variants_module.variant_update(
                    actor=info.context.user,
                    variant_id=_variant_id(id, sku, external_reference),
                    sku=sku,
                    data=variant_data(input),
                )
            )

        return answer(cls, work, legacy="product_errors")


class ProductVariantDelete(graphene.Mutation):
    """Delete one of the caller's variants."""

    product_errors = legacy_errors(ProductError)
    errors = errors_field(ProductError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        external_reference = graphene.String()
        id = graphene.ID()
        sku = graphene.String()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        id: str | None = None,
        sku: str | None = None,
        external_reference: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            return _variant(
                variants_module.variant_delete(
                    actor=info.context.user,
                    variant_id=_variant_id(id, sku, external_reference),
                    sku=sku,
                )
            )

        return answer(cls, work, legacy="product_errors")


class ProductVariantBulkResult(graphene.ObjectType):
    product_variant = graphene.Field(ProductVariant)
    errors = graphene.List(graphene.NonNull(ProductVariantBulkError))


class ProductVariantBulkCreate(graphene.Mutation):
    """Add many variants to one of the caller's products. REJECT_EVERYTHING (the default)
    creates none when one row is bad; REJECT_FAILED_ROWS and IGNORE_FAILED keep the good
    rows. Each row's errors are in ``results``; ``errors`` lists them all with their index."""

    count = graphene.Int(required=True)
    product_variants = graphene.List(graphene.NonNull(ProductVariant), required=True)
    results = graphene.List(graphene.NonNull(ProductVariantBulkResult), required=True)
    bulk_product_errors = legacy_errors(BulkProductError)
    errors = errors_field(BulkProductError)

    class Arguments:
        error_policy = graphene.Argument(ErrorPolicyEnum)
        product = graphene.ID(required=True)
        variants = graphene.List(graphene.NonNull(ProductVariantBulkCreateInput), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        product: str,
        variants: list[dict[str, Any]],
        error_policy: Any = None,
    ) -> Any:
        policy = getattr(error_policy, "value", error_policy) or "reject_everything"
        try:
            product_id = decode(product, "Product", field="product")
            rows = []
            for index, row in enumerate(variants):
                try:
                    rows.append(variant_data(row, with_listings=True))
                except DomainError as error:
                    error.index = index  # type: ignore[attr-defined]
                    raise
            results = variants_module.variant_bulk_create(
                actor=info.context.user,
                product_id=product_id,
                variants=rows,
                reject_everything=policy == "reject_everything",
            )
        except DomainError as error:
            errors = [problem(error, PRODUCT_ERROR_CODES)]
            return cls(
                count=0, product_variants=[], results=[], errors=errors, bulk_product_errors=errors
            )
        created = [ChannelContext(node=r.variant, channel_slug=None) for r in results if r.variant]
        errors = [
            problem(error, PRODUCT_ERROR_CODES, index=index)
            for index, result in enumerate(results)
            for error in result.errors
        ]
        answered = [
            ProductVariantBulkResult(
                product_variant=ChannelContext(node=r.variant, channel_slug=None)
                if r.variant
                else None,
                errors=[problem(e, BULK_VARIANT_ERROR_CODES) for e in r.errors],
            )
            for r in results
        ]
        return cls(
            count=len(created),
            product_variants=created,
            results=answered,
            errors=errors,
            bulk_product_errors=errors,
        )


class ProductVariantChannelListingUpdate(graphene.Mutation):
    """Price one of the caller's variants per channel, in each channel's currency."""

    variant = graphene.Field(ProductVariant)
    product_channel_listing_errors = legacy_errors(ProductChannelListingError)
    errors = errors_field(ProductChannelListingError)

    class Arguments:
        id = graphene.ID()
        input = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput), required=True)
        sku = graphene.String()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        input: list[dict[str, Any]],
        id: str | None = None,
        sku: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            variant = listings.variant_channel_listing_update(
                actor=info.context.user,
                variant_id=decode(id, "ProductVariant", field="id") if id else None,
                sku=sku,
                prices=prices(input),
            )
            return {"variant": ChannelContext(node=variant, channel_slug=None)}

        return answer(cls, work, legacy="product_channel_listing_errors")


class ProductVariantStocksUpdate(graphene.Mutation):
    """Set one of the caller's variants' stock in the workshop's own warehouses."""

    product_variant = graphene.Field(ProductVariant)
    bulk_stock_errors = legacy_errors(BulkStockError)
    errors = errors_field(BulkStockError)

    class Arguments:
        sku = graphene.String()
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)
        variant_id = graphene.ID()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        stocks: list[dict[str, Any]],
        sku: str | None = None,
        variant_id: str | None = None,
    ) -> Any:
        def work() -> dict[str, Any]:
            return _variant(
                stocks_module.variant_stocks_update(
                    actor=info.context.user,
                    variant_id=decode(variant_id, "ProductVariant", field="variantId")
                    if variant_id
                    else None,
                    sku=sku,
                    lines=stock_lines(stocks),
                )
            )

        return answer(cls, work, legacy="bulk_stock_errors")


class ProductVariantTranslate(graphene.Mutation):
    """Name one of the caller's variants in another language."""

    translation_errors = legacy_errors(TranslationError)
    errors = errors_field(TranslationError)
    product_variant = graphene.Field(ProductVariant)

    class Arguments:
        id = graphene.ID(required=True)
        input = NameTranslationInput(required=True)
        language_code = graphene.Argument(LanguageCodeEnum, required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, id: str, input: dict[str, Any], language_code: Any
    ) -> Any:
        def work() -> dict[str, Any]:
            return _variant(
                translations.variant_translate(
                    actor=info.context.user,
                    variant_id=decode(id, "ProductVariant", field="id"),
                    language_code=language_code_to_django(language_code),
                    name=given(input, "name"),
                )
            )

        return answer(cls, work, legacy="translation_errors", codes=TRANSLATION_ERROR_CODES)
