from __future__ import annotations

from collections import OrderedDict
from typing import Any

import graphene

from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.graphql.core.connection import CountableConnection
from marketplace.graphql.core.types import ObjectWithMetadata, channel_context_resolver

from .attribute_choices import AttributeChoicesFields
from .attribute_saleor_fields import AttributeSaleorFields, AttributeValueSaleorFields


class AttributeInputTypeEnum(graphene.Enum):
    """Saleor's kinds of attribute; the marketplace's attributes are dropdowns and
    multiselects, the other kinds never occur here."""

    DROPDOWN = "dropdown"
    MULTISELECT = "multiselect"
    FILE = "file"
    REFERENCE = "reference"
    SINGLE_REFERENCE = "single-reference"
    NUMERIC = "numeric"
    RICH_TEXT = "rich-text"
    PLAIN_TEXT = "plain-text"
    SWATCH = "swatch"
    BOOLEAN = "boolean"
    DATE = "date"
    DATE_TIME = "date-time"


class AttributeTypeEnum(graphene.Enum):
    PRODUCT_TYPE = "PRODUCT_TYPE"
    PAGE_TYPE = "PAGE_TYPE"
    CUSTOMER_TYPE = "CUSTOMER_TYPE"


class AttributeValue(AttributeValueSaleorFields):
    name = graphene.String()
    slug = graphene.String()
    value = graphene.String()
    input_type = graphene.Field(AttributeInputTypeEnum)

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_value(root: AttributeValueModel, info: Any) -> str:
        return root.name

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, info: Any) -> str:
        return root.attribute.input_type


class AttributeValueCountableConnection(CountableConnection):
    class Meta:
        node = AttributeValue


class Attribute(AttributeSaleorFields, AttributeChoicesFields):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    input_type = graphene.Field(AttributeInputTypeEnum)
    type = graphene.Field(AttributeTypeEnum, required=True)
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    with_choices = graphene.Boolean(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_type(root: AttributeModel, info: Any) -> str:
        return "PRODUCT_TYPE"

    @staticmethod
    def resolve_with_choices(root: AttributeModel, info: Any) -> bool:
        return True


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True)
    values = graphene.List(graphene.NonNull(AttributeValue), required=True)


def group_selected(values: list[AttributeValueModel]) -> list[SelectedAttribute]:
    """Group assigned values under their attribute, hiding storefront-invisible ones."""
    grouped: OrderedDict[int, SelectedAttribute] = OrderedDict()
    for value in values:
        attribute = value.attribute
        if not attribute.visible_in_storefront:
            continue
        if attribute.pk not in grouped:
            grouped[attribute.pk] = SelectedAttribute(attribute=attribute, values=[])
        grouped[attribute.pk].values.append(value)
    return list(grouped.values())
