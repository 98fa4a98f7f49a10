"""Saleor 3.23's ``AssignedAttribute`` interface and its implementations, and
``ObjectWithAttributes`` (``assignedAttribute(slug)``, ``assignedAttributes(limit)``) on
products, variants, pages and users.

Attributes here are dropdowns (one value: ``AssignedSingleChoiceAttribute``) and multiselects
(``AssignedMultiChoiceAttribute``); the other implementations exist so that Saleor clients'
fragments on them validate, and are never returned. Pages and users carry no attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from graphql import GraphQLError

from marketplace.graphql.core.scalars import JSON
from marketplace.graphql.core.types import LanguageCodeEnum

from .attribute_saleor_fields import File
from .attributes import Attribute, SelectedAttribute

MAX_LIMIT = 100


class PositiveInt(graphene.Int):
    """An Int of at least 1."""

    @staticmethod
    def parse_value(value: Any) -> int:
        number = graphene.Int.parse_value(value)
        if number is None or number < 1:
            raise GraphQLError(f"PositiveInt cannot represent {value!r}: give 1 or more.")
        return int(number)

    @classmethod
    def parse_literal(cls, node: Any, _variables: Any = None) -> int:
        number = graphene.Int.parse_literal(node)
        if number is None or number < 1:
            raise GraphQLError("PositiveInt cannot represent a value below 1.")
        return int(number)


@dataclass(frozen=True)
class Assigned:
    """An attribute with the values a product or variant has for it."""

    attribute: Any
    values: list[Any]
    multiple: bool


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(Attribute, required=True)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return AssignedMultiChoiceAttribute if instance.multiple else AssignedSingleChoiceAttribute


def _untranslated(*_args: Any, **_kwargs: Any) -> None:
    return None


def _language() -> graphene.Argument:
    return graphene.Argument(LanguageCodeEnum, required=True)


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    translation = graphene.String(language_code=_language(), resolver=_untranslated)


class AssignedSwatchAttributeValue(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()
    hex_color = graphene.String()
    file = graphene.Field(File)
    translation = graphene.String(language_code=_language(), resolver=_untranslated)


def _implementation(name: str, **fields: Any) -> type[graphene.ObjectType]:
    meta = type("Meta", (), {"interfaces": (AssignedAttribute,)})
    return type(name, (graphene.ObjectType,), {"Meta": meta, **fields})


class AssignedSingleChoiceAttribute(graphene.ObjectType):
    value = graphene.Field(AssignedChoiceAttributeValue)

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: Any) -> Any:
        return root.values[0] if root.values else None


def _cap(limit: int | None) -> int:
    """``limit``, at most MAX_LIMIT; an explicit null means the default, as in Saleor."""
    return MAX_LIMIT if limit is None else min(limit, MAX_LIMIT)


class AssignedMultiChoiceAttribute(graphene.ObjectType):
    value = graphene.List(
        graphene.NonNull(AssignedChoiceAttributeValue),
        required=True,
        limit=PositiveInt(default_value=MAX_LIMIT),
    )

    class Meta:
        interfaces = (AssignedAttribute,)

    @staticmethod
    def resolve_value(root: Assigned, info: Any, limit: int | None = MAX_LIMIT) -> list[Any]:
        return root.values[: _cap(limit)]


def _references(node_type: str) -> dict[str, Any]:
    return {
        "value": graphene.List(
            graphene.NonNull(node_type), required=True, limit=PositiveInt(default_value=MAX_LIMIT)
        )
    }


NEVER_RETURNED = [
    _implementation("AssignedNumericAttribute", value=graphene.Float()),
    _implementation(
        "AssignedTextAttribute",
        value=graphene.Field(JSON),
        translation=graphene.Field(JSON, language_code=_language()),
    ),
    _implementation(
        "AssignedPlainTextAttribute",
        value=graphene.String(),
        translation=graphene.String(language_code=_language()),
    ),
    _implementation("AssignedFileAttribute", value=graphene.Field(File)),
    _implementation("AssignedSwatchAttribute", value=graphene.Field(AssignedSwatchAttributeValue)),
    _implementation("AssignedBooleanAttribute", value=graphene.Boolean()),
    _implementation("AssignedDateAttribute", value=graphene.Date()),
    _implementation("AssignedDateTimeAttribute", value=graphene.DateTime()),
    _implementation(
        "AssignedSinglePageReferenceAttribute",
        value=graphene.Field("marketplace.graphql.content.types.Page"),
    ),
    _implementation(
        "AssignedSingleProductReferenceAttribute",
        value=graphene.Field("marketplace.graphql.catalog.products.Product"),
    ),
    _implementation(
        "AssignedSingleProductVariantReferenceAttribute",
        value=graphene.Field("marketplace.graphql.catalog.variants.ProductVariant"),
    ),
    _implementation(
        "AssignedSingleCategoryReferenceAttribute",
        value=graphene.Field("marketplace.graphql.catalog.taxonomy.Category"),
    ),
    _implementation(
        "AssignedSingleCollectionReferenceAttribute",
        value=graphene.Field("marketplace.graphql.catalog.taxonomy.Collection"),
    ),
    _implementation(
        "AssignedMultiPageReferenceAttribute",
        **_references("marketplace.graphql.content.types.Page"),
    ),
    _implementation(
        "AssignedMultiProductReferenceAttribute",
        **_references("marketplace.graphql.catalog.products.Product"),
    ),
    _implementation(
        "AssignedMultiProductVariantReferenceAttribute",
        **_references("marketplace.graphql.catalog.variants.ProductVariant"),
    ),
    _implementation(
        "AssignedMultiCategoryReferenceAttribute",
        **_references("marketplace.graphql.catalog.taxonomy.Category"),
    ),
    _implementation(
        "AssignedMultiCollectionReferenceAttribute",
        **_references("marketplace.graphql.catalog.taxonomy.Collection"),
    ),
]
ASSIGNED_ATTRIBUTE_TYPES = [
    AssignedSingleChoiceAttribute,
    AssignedMultiChoiceAttribute,
    *NEVER_RETURNED,
]


class ObjectWithAttributes(graphene.Interface):
    assigned_attribute = graphene.Field(AssignedAttribute, slug=graphene.String(required=True))
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute),
        required=True,
        limit=PositiveInt(default_value=MAX_LIMIT),
    )


def assigned(selected: list[SelectedAttribute]) -> list[Assigned]:
    return [
        Assigned(
            attribute=s.attribute,
            values=list(s.values),
            multiple=s.attribute.input_type == "multiselect",
        )
        for s in selected
    ]


class WithAttributes:
    """Resolvers for ``ObjectWithAttributes`` on a type whose ``resolve_attributes`` answers
    the storefront-visible SelectedAttributes (batched by its loader)."""

    @classmethod
    def resolve_assigned_attributes(
        cls, root: Any, info: Any, limit: int | None = MAX_LIMIT
    ) -> list[Any]:
        selected = cls.resolve_attributes(root, info)  # type: ignore[attr-defined]
        return assigned(selected)[: _cap(limit)]

    @classmethod
    def resolve_assigned_attribute(cls, root: Any, info: Any, slug: str) -> Any:
        selected = cls.resolve_attributes(root, info)  # type: ignore[attr-defined]
        return next((a for a in assigned(selected) if a.attribute.slug == slug), None)


class WithoutAttributes:
    """``ObjectWithAttributes`` for types that carry no attributes here (pages, users)."""

    @staticmethod
    def resolve_assigned_attributes(
        root: Any, info: Any, limit: int | None = MAX_LIMIT
    ) -> list[Any]:
        return []

    @staticmethod
    def resolve_assigned_attribute(root: Any, info: Any, slug: str) -> None:
        return None
