"""Saleor's ``ReferenceType`` union (what a reference attribute may point at). Attributes here
reference nothing, so it is never answered; it exists for ``Attribute.referenceTypes``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.content.types import PageType

from .product_types import ProductType


class ReferenceType(graphene.Union):
    class Meta:
        types = (ProductType, PageType)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return ProductType if type(instance).__name__ == "ProductType" else PageType
