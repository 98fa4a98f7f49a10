"""Saleor 3.23's ShippingMethod fields beyond the quote itself: the method's metadata, its
weight limit, and the deprecated limits and type Saleor still answers.

A method here is priced by a table of weight brackets (or by a plugin), so it is Saleor's
WEIGHT type; its heaviest bracket is the heaviest parcel it takes. Methods have no order-value
limits: those fields answer null. ``translation(languageCode)`` is the name the workshop or
cluster gave the method in that language (null when it gave none), as in Saleor; ``name``
stays the method's own."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.translations import TranslationBase, translation_loader
from marketplace.graphql.core.types import (
    LanguageCodeEnum,
    Money,
    Weight,
    language_code_to_django,
)
from marketplace.shipping.models import ShippingMethodTranslation as TranslationModel
from marketplace.shipping.quotes import ShippingQuote

ShippingMethodTypeEnum = graphene.Enum(
    "ShippingMethodTypeEnum", [(s, s) for s in ("PRICE", "WEIGHT")]
)
_LIMIT = "Use the delivery options' prices; limits are checked when the parcel is quoted."


class ShippingMethodTranslatableContent(graphene.ObjectType):
    shipping_method_id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.JSONString()
    translation = graphene.Field(
        lambda: ShippingMethodTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=lambda *_a, **_k: None,
    )

    class Meta:
        interfaces = (graphene.relay.Node,)


class ShippingMethodTranslation(TranslationBase):
    name = graphene.String()
    description = graphene.JSONString(description="Always null: methods carry no description.")
    translatable_content = graphene.Field(
        ShippingMethodTranslatableContent,
        description="Always null: read the method itself for its own name.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: TranslationModel, info: Any) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_description(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_translatable_content(root: Any, info: Any) -> None:
        return None


class ShippingMethodSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    type = graphene.Field(ShippingMethodTypeEnum, deprecation_reason=_LIMIT)
    maximum_order_weight = graphene.Field(Weight, deprecation_reason=_LIMIT)
    minimum_order_weight = graphene.Field(Weight, deprecation_reason=_LIMIT)
    maximum_order_price = graphene.Field(Money, deprecation_reason=_LIMIT)
    minimum_order_price = graphene.Field(Money, deprecation_reason=_LIMIT)
    translation = graphene.Field(
        ShippingMethodTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description="The name the workshop or cluster gave the method in that language.",
    )

    @staticmethod
    def resolve_type(root: ShippingQuote, info: Any) -> str:
        return "WEIGHT"

    @staticmethod
    def resolve_maximum_order_weight(root: ShippingQuote, info: Any) -> Weight | None:
        return Weight.from_kg(root.max_weight_kg) if root.max_weight_kg is not None else None

    @staticmethod
    def resolve_minimum_order_weight(root: ShippingQuote, info: Any) -> None:
        return None

    @staticmethod
    def resolve_maximum_order_price(root: ShippingQuote, info: Any) -> None:
        return None

    @staticmethod
    def resolve_minimum_order_price(root: ShippingQuote, info: Any) -> None:
        return None

    @staticmethod
    def resolve_translation(root: ShippingQuote, info: Any, language_code: Any) -> Any:
        code = language_code_to_django(language_code)
        loader = translation_loader(TranslationModel, "method")
        return load_for(info.context, root, loader, key=lambda quote: (quote.method_id, code))
