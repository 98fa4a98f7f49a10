"""Attribute and attribute value fields of Saleor 3.23 for the kinds of attribute Saleor has
and we do not. Attributes here are dropdowns and multiselects of named values, untranslated
and without units, references, files, rich text, booleans or dates: those fields answer null,
which is what Saleor answers for a dropdown value."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.translatable_content import source_resolver
from marketplace.graphql.core.types import LanguageCodeEnum

MEASUREMENT_UNITS = [
    "MM",
    "CM",
    "DM",
    "M",
    "KM",
    "FT",
    "YD",
    "INCH",
    "SQ_MM",
    "SQ_CM",
    "SQ_DM",
    "SQ_M",
    "SQ_KM",
    "SQ_FT",
    "SQ_YD",
    "SQ_INCH",
    "CUBIC_MILLIMETER",
    "CUBIC_CENTIMETER",
    "CUBIC_DECIMETER",
    "CUBIC_METER",
    "LITER",
    "CUBIC_FOOT",
    "CUBIC_INCH",
    "CUBIC_YARD",
    "QT",
    "PINT",
    "FL_OZ",
    "ACRE_IN",
    "ACRE_FT",
    "G",
    "LB",
    "OZ",
    "KG",
    "TONNE",
]
MeasurementUnitsEnum = graphene.Enum("MeasurementUnitsEnum", [(u, u) for u in MEASUREMENT_UNITS])
AttributeEntityTypeEnum = graphene.Enum(
    "AttributeEntityTypeEnum",
    [(t, t) for t in ("PAGE", "PRODUCT", "PRODUCT_VARIANT", "CATEGORY", "COLLECTION")],
)


class File(graphene.ObjectType):
    url = graphene.String(required=True)
    content_type = graphene.String()


class AttributeValueTranslation(graphene.ObjectType):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.AttributeValueTranslatableContent",
        resolver=source_resolver("attribute_value", in_channel=False),
    )
    language = graphene.Field("marketplace.graphql.core.types.LanguageDisplay", required=True)
    name = graphene.String(required=True)
    rich_text = graphene.JSONString()
    plain_text = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)


class AttributeTranslation(graphene.ObjectType):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.AttributeTranslatableContent",
        resolver=source_resolver("attribute", in_channel=False),
    )
    language = graphene.Field("marketplace.graphql.core.types.LanguageDisplay", required=True)
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)


def _none(*_args: Any, **_kwargs: Any) -> None:
    return None


class AttributeValueSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    translation = graphene.Field(
        AttributeValueTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=_none,
        description="Always null: attribute values are not translated here.",
    )
    reference = graphene.ID(resolver=_none)
    file = graphene.Field(File, resolver=_none)
    rich_text = graphene.JSONString(resolver=_none)
    plain_text = graphene.String(resolver=_none)
    boolean = graphene.Boolean(resolver=_none)
    date = graphene.Date(resolver=_none)
    date_time = graphene.DateTime(resolver=_none)
    external_reference = graphene.String(resolver=_none)


class AttributeSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    entity_type = graphene.Field(AttributeEntityTypeEnum, resolver=_none)
    unit = graphene.Field(MeasurementUnitsEnum, resolver=_none)
    filterable_in_storefront = graphene.Boolean(
        required=True, deprecation_reason="Saleor no longer uses it."
    )
    translation = graphene.Field(
        AttributeTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        resolver=_none,
        description="Always null: attribute names are not translated here.",
    )
    external_reference = graphene.String(resolver=_none)

    @staticmethod
    def resolve_filterable_in_storefront(root: Any, info: Any) -> bool:
        return bool(getattr(getattr(root, "node", root), "visible_in_storefront", True))
