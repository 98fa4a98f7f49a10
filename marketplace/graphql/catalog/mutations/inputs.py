"""Saleor 3.23's input types of the product mutations, field for field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene

from marketplace.graphql.checkout.extras import MetadataInput
from marketplace.graphql.core.scalars import PositiveDecimal
from marketplace.graphql.core.uploads import Upload

UNUSED = "Not used: preorders are not sold here."
GRAMS_PER = {
    "G": Decimal(1),
    "KG": Decimal(1000),
    "LB": Decimal("453.59237"),
    "OZ": Decimal("28.349523125"),
    "TONNE": Decimal(1_000_000),
}


class WeightScalar(graphene.Scalar):
    """A weight: a number of kilograms, or ``{value, unit}`` (G, KG, LB, OZ, TONNE).

    What cannot be read is passed on as it came, so the service names the field in
    ``errors`` instead of the request failing as a whole."""

    @staticmethod
    def serialize(value: Any) -> float:
        return float(value)

    @staticmethod
    def parse_value(value: Any) -> Any:
        if isinstance(value, dict):
            try:
                grams = (
                    Decimal(str(value["value"])) * GRAMS_PER[str(value.get("unit", "KG")).upper()]
                )
            except (KeyError, InvalidOperation, ValueError):
                return value
            return grams / 1000
        return value

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> Any:
        if hasattr(node, "fields"):
            return cls.parse_value(
                {f.name.value: getattr(f.value, "value", None) for f in node.fields}
            )
        return cls.parse_value(getattr(node, "value", None))


class SeoInput(graphene.InputObjectType):
    title = graphene.String()
    description = graphene.String()


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID()
    external_reference = graphene.String()
    value = graphene.String()


def _attribute_fields() -> dict[str, Any]:
    return {
        "id": graphene.ID(),
        "external_reference": graphene.String(),
        "values": graphene.List(
            graphene.NonNull(graphene.String), deprecation_reason="Use `dropdown` or `multiselect`."
        ),
        "dropdown": graphene.InputField(AttributeValueSelectableTypeInput),
        "swatch": graphene.InputField(AttributeValueSelectableTypeInput),
        "multiselect": graphene.List(graphene.NonNull(AttributeValueSelectableTypeInput)),
        "numeric": graphene.String(),
        "file": graphene.String(),
        "content_type": graphene.String(),
        "reference": graphene.ID(),
        "references": graphene.List(graphene.NonNull(graphene.ID)),
        "rich_text": graphene.JSONString(),
        "plain_text": graphene.String(),
        "boolean": graphene.Boolean(),
        "date": graphene.Date(),
        "date_time": graphene.DateTime(),
    }


AttributeValueInput = type("AttributeValueInput", (graphene.InputObjectType,), _attribute_fields())
BulkAttributeValueInput = type(
    "BulkAttributeValueInput", (graphene.InputObjectType,), _attribute_fields()
)


class PreorderSettingsInput(graphene.InputObjectType):
    global_threshold = graphene.Int(deprecation_reason=UNUSED)
    end_date = graphene.DateTime(deprecation_reason=UNUSED)


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ProductInput(graphene.InputObjectType):
    attributes = graphene.List(graphene.NonNull(AttributeValueInput))
    category = graphene.ID()
    charge_taxes = graphene.Boolean(deprecation_reason="Use `taxClass` field instead.")
    collections = graphene.List(graphene.NonNull(graphene.ID))
    description = graphene.JSONString()
    name = graphene.String()
    slug = graphene.String()
    tax_class = graphene.ID()
    tax_code = graphene.String(deprecation_reason="Use `taxClass` field instead.")
    seo = graphene.InputField(SeoInput)
    weight = WeightScalar()
    rating = graphene.Float()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    external_reference = graphene.String()


class ProductCreateInput(ProductInput):
    product_type = graphene.ID(required=True)
    # Ours: the workshop the piece is listed by, when the caller runs several (or is staff).
    vendor = graphene.ID()


class _VariantFields(graphene.InputObjectType):
    sku = graphene.String()
    name = graphene.String()
    track_inventory = graphene.Boolean()
    weight = WeightScalar()
    preorder = graphene.InputField(PreorderSettingsInput, deprecation_reason=UNUSED)
    quantity_limit_per_customer = graphene.Int()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    external_reference = graphene.String()


class ProductVariantInput(_VariantFields):
    attributes = graphene.List(graphene.NonNull(AttributeValueInput))


class ProductVariantCreateInput(_VariantFields):
    attributes = graphene.List(graphene.NonNull(AttributeValueInput), required=True)
    product = graphene.ID(required=True)
    stocks = graphene.List(graphene.NonNull(StockInput))


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = PositiveDecimal(required=True)
    cost_price = PositiveDecimal()
    prior_price = PositiveDecimal()
    preorder_threshold = graphene.Int(deprecation_reason=UNUSED)


class ProductVariantBulkCreateInput(_VariantFields):
    attributes = graphene.List(graphene.NonNull(BulkAttributeValueInput), required=True)
    stocks = graphene.List(graphene.NonNull(StockInput))
    channel_listings = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput))


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    publication_date = graphene.Date(deprecation_reason="Use `publishedAt` field instead.")
    published_at = graphene.DateTime()
    visible_in_listings = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_date = graphene.Date(
        deprecation_reason="Use `availableForPurchaseAt` field instead."
    )
    available_for_purchase_at = graphene.DateTime()
    add_variants = graphene.List(graphene.NonNull(graphene.ID))
    remove_variants = graphene.List(graphene.NonNull(graphene.ID))


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ProductChannelListingAddInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String()
    image = Upload()
    product = graphene.ID(required=True)
    media_url = graphene.String()


class TranslationInput(graphene.InputObjectType):
    slug = graphene.String()
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()


class NameTranslationInput(graphene.InputObjectType):
    name = graphene.String()
