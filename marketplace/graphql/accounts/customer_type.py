"""Saleor's ``CustomerType`` (staff-defined groups of customers with their own attributes).
The marketplace has no customer types: ``User.customerType`` is always null. The type is
here in Saleor's shape so that a client asking for it validates and gets that null."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.catalog.attribute_saleor_fields import (
    AttributeEntityTypeEnum,
    MeasurementUnitsEnum,
)
from marketplace.graphql.catalog.attributes import (
    Attribute,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
)
from marketplace.graphql.catalog.filters import MetadataFilter, StringFilterInput
from marketplace.graphql.core.connection import CountableConnection, connection_args, paginate_list
from marketplace.graphql.core.types import ObjectWithMetadata


def _enum_filter(name: str, enum: Any) -> type[graphene.InputObjectType]:
    return type(
        name,
        (graphene.InputObjectType,),
        {"eq": graphene.Field(enum), "one_of": graphene.List(graphene.NonNull(enum))},
    )


AttributeInputTypeEnumFilterInput = _enum_filter(
    "AttributeInputTypeEnumFilterInput", AttributeInputTypeEnum
)
AttributeEntityTypeEnumFilterInput = _enum_filter(
    "AttributeEntityTypeEnumFilterInput", AttributeEntityTypeEnum
)
AttributeTypeEnumFilterInput = _enum_filter("AttributeTypeEnumFilterInput", AttributeTypeEnum)
MeasurementUnitsEnumFilterInput = _enum_filter(
    "MeasurementUnitsEnumFilterInput", MeasurementUnitsEnum
)


class AttributeWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    with_choices = graphene.Boolean()
    input_type = graphene.Field(AttributeInputTypeEnumFilterInput)
    entity_type = graphene.Field(AttributeEntityTypeEnumFilterInput)
    type = graphene.Field(AttributeTypeEnumFilterInput)
    unit = graphene.Field(MeasurementUnitsEnumFilterInput)
    in_collection = graphene.ID()
    in_category = graphene.ID()
    value_required = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    filterable_in_dashboard = graphene.Boolean(
        deprecation_reason="No longer supported by Saleor either."
    )
    AND = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="OR")


class AttributeCountableConnection(CountableConnection):
    class Meta:
        node = Attribute


class CustomerType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    is_default = graphene.Boolean(required=True)
    attributes = graphene.List(graphene.NonNull(Attribute))
    available_attributes = graphene.Field(
        AttributeCountableConnection,
        where=AttributeWhereInput(),
        search=graphene.String(),
        **connection_args(),
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_attributes(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_available_attributes(root: Any, info: Any, **args: Any) -> Any:
        args.pop("where", None)
        args.pop("search", None)
        return paginate_list(
            [],
            args,
            connection_type=AttributeCountableConnection,
            info=info,
            connection_name="availableAttributes",
        )
