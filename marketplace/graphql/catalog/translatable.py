"""The catalog's ``*TranslatableContent`` types (see core/translatable_content.py)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import CategoryTranslation as CategoryTranslationModel
from marketplace.catalog.models import CollectionTranslation as CollectionTranslationModel
from marketplace.catalog.models import ProductTranslation as ProductTranslationModel
from marketplace.catalog.models import ProductVariantTranslation as VariantTranslationModel
from marketplace.graphql.core.translatable_content import translatable_content
from marketplace.graphql.core.translations import translation_field
from marketplace.graphql.core.types import LanguageCodeEnum

from .attribute_saleor_fields import AttributeTranslation, AttributeValueTranslation


def _seo_and_description() -> dict[str, Any]:
    return {
        "seo_title": graphene.String(),
        "seo_description": graphene.String(),
        "slug": graphene.String(),
        "name": graphene.String(required=True),
        "description": graphene.JSONString(),
        "description_json": graphene.JSONString(deprecation_reason="Use the `description` field."),
    }


def _untranslated(translation_type: Any) -> graphene.Field:
    return graphene.Field(
        translation_type,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=lambda *_a, **_k: None,
        description="Always null: attribute names and values are not translated here.",
    )


ProductTranslatableContent = translatable_content(
    "ProductTranslatableContent",
    owner="marketplace.graphql.catalog.products.Product",
    owner_name="Product",
    back_reference="product",
    translation=translation_field(
        "marketplace.graphql.catalog.products.ProductTranslation",
        ProductTranslationModel,
        "product",
    ),
    fields=_seo_and_description(),
    attribute_values=True,
)

ProductVariantTranslatableContent = translatable_content(
    "ProductVariantTranslatableContent",
    owner="marketplace.graphql.catalog.variants.ProductVariant",
    owner_name="ProductVariant",
    back_reference="product_variant",
    translation=translation_field(
        "marketplace.graphql.catalog.variants.ProductVariantTranslation",
        VariantTranslationModel,
        "product_variant",
    ),
    fields={"name": graphene.String(required=True)},
    attribute_values=True,
)

CategoryTranslatableContent = translatable_content(
    "CategoryTranslatableContent",
    owner="marketplace.graphql.catalog.taxonomy.Category",
    owner_name="Category",
    back_reference="category",
    translation=translation_field(
        "marketplace.graphql.catalog.taxonomy.CategoryTranslation",
        CategoryTranslationModel,
        "category",
    ),
    fields=_seo_and_description(),
)

CollectionTranslatableContent = translatable_content(
    "CollectionTranslatableContent",
    owner="marketplace.graphql.catalog.taxonomy.Collection",
    owner_name="Collection",
    back_reference="collection",
    translation=translation_field(
        "marketplace.graphql.catalog.taxonomy.CollectionTranslation",
        CollectionTranslationModel,
        "collection",
    ),
    fields=_seo_and_description(),
)

AttributeTranslatableContent = translatable_content(
    "AttributeTranslatableContent",
    owner="marketplace.graphql.catalog.attributes.Attribute",
    owner_name="Attribute",
    back_reference="attribute",
    translation=_untranslated(AttributeTranslation),
    fields={"name": graphene.String(required=True)},
)


def _value_attribute(root: Any, info: Any) -> Any:
    from marketplace.graphql.core.types import unwrap

    return unwrap(root).attribute


AttributeValueTranslatableContent = translatable_content(
    "AttributeValueTranslatableContent",
    owner="marketplace.graphql.catalog.attributes.AttributeValue",
    owner_name="AttributeValue",
    back_reference="attribute_value",
    translation=_untranslated(AttributeValueTranslation),
    fields={
        "name": graphene.String(required=True),
        "rich_text": graphene.JSONString(),
        "plain_text": graphene.String(),
    },
    extra={"attribute": graphene.Field(AttributeTranslatableContent, resolver=_value_attribute)},
)
