"""ProductVariant fields of Saleor 3.23 that the variant type does not carry itself: the
external reference (kept in the variant's metadata, as for products) and the deprecated
``images`` and ``preorder``. Pictures belong to products here and nothing is sold before it
is made, so those answer empty and null."""

from __future__ import annotations

from typing import Any

import graphene

_PREORDER = "Nothing is sold before it is made here: always null."


class PreorderThreshold(graphene.ObjectType):
    quantity = graphene.Int(deprecation_reason=_PREORDER)
    sold_units = graphene.Int(required=True, deprecation_reason=_PREORDER)


class PreorderData(graphene.ObjectType):
    global_threshold = graphene.Int(deprecation_reason=_PREORDER)
    global_sold_units = graphene.Int(required=True, deprecation_reason=_PREORDER)
    end_date = graphene.DateTime(deprecation_reason=_PREORDER)


class VariantSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    external_reference = graphene.String()
    images = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.media.ProductImage"),
        deprecation_reason="Use the product's `media`: pictures belong to products here.",
    )
    preorder = graphene.Field(PreorderData, deprecation_reason=_PREORDER)

    @staticmethod
    def resolve_external_reference(root: Any, info: Any) -> str | None:
        value = getattr(root, "node", root).metadata.get("external_reference")
        return None if value is None else str(value)

    @staticmethod
    def resolve_images(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_preorder(root: Any, info: Any) -> None:
        return None
