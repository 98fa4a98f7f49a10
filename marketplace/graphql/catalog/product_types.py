from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.graphql.core.types import ObjectWithMetadata, Weight, channel_context_resolver

from .product_type_attributes import ProductTypeAttributeFields


class ProductTypeKindEnum(graphene.Enum):
    NORMAL = "normal"
    GIFT_CARD = "gift_card"


class ProductType(ProductTypeAttributeFields):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    is_digital = graphene.Boolean(required=True)
    weight = graphene.Field(Weight)
    kind = graphene.Field(ProductTypeKindEnum, required=True)
    hs_code = graphene.String(
        description="Marketplace extension: default Harmonized System code for customs."
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_is_digital(root: ProductTypeModel, info: Any) -> bool:
        return not root.is_shipping_required

    @staticmethod
    def resolve_weight(root: ProductTypeModel, info: Any) -> Weight | None:
        return Weight.from_kg(root.weight_kg)

    @staticmethod
    def resolve_kind(root: ProductTypeModel, info: Any) -> str:
        return "normal"
