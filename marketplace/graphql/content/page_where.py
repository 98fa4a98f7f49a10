"""``pages(where: PageWhereInput)`` as Saleor 3.23 has it: ids, slug, page type, metadata and
assigned attributes, combined with AND/OR. Pages here carry no attributes, so a filter on
attributes matches no page (the answer Saleor gives for pages without that attribute)."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLError

from marketplace.graphql.catalog.filters import (
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    StringFilterInput,
)
from marketplace.graphql.core.ids import decode_ids

MAX_NESTING = 5


class MetadataValueFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class MetadataFilterInput(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.Field(MetadataValueFilterInput)


class ContainsFilterInput(graphene.InputObjectType):
    contains_any = graphene.List(graphene.NonNull(graphene.String))
    contains_all = graphene.List(graphene.NonNull(graphene.String))


class DateRangeInput(graphene.InputObjectType):
    gte = graphene.Date()
    lte = graphene.Date()


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    referenced_ids = graphene.Field(ContainsFilterInput)
    page_slugs = graphene.Field(ContainsFilterInput)
    product_slugs = graphene.Field(ContainsFilterInput)
    product_variant_skus = graphene.Field(ContainsFilterInput)
    category_slugs = graphene.Field(ContainsFilterInput)
    collection_slugs = graphene.Field(ContainsFilterInput)


class AssignedAttributeValueInput(graphene.InputObjectType):
    slug = graphene.Field(StringFilterInput)
    name = graphene.Field(StringFilterInput)
    numeric = graphene.Field(DecimalFilterInput)
    date = graphene.Field(DateRangeInput)
    date_time = graphene.Field(DateTimeRangeInput)
    boolean = graphene.Boolean()
    reference = graphene.Field(AssignedAttributeReferenceInput)


class AssignedAttributeWhereInput(graphene.InputObjectType):
    slug = graphene.String()
    value = graphene.Field(AssignedAttributeValueInput)


class PageWhereInput(graphene.InputObjectType):
    metadata = graphene.Field(MetadataFilterInput)
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slug = graphene.Field(StringFilterInput)
    page_type = graphene.Field(GlobalIDFilterInput)
    attributes = graphene.List(graphene.NonNull(AssignedAttributeWhereInput))
    AND = graphene.List(graphene.NonNull(lambda: PageWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: PageWhereInput), name="OR")


def _string(field: str, value: dict[str, Any]) -> Q:
    if value.get("eq") is not None:
        return Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        return Q(**{f"{field}__in": value["one_of"]})
    return Q()


def page_where_q(data: dict[str, Any], depth: int = 0) -> Q:
    """The pages ``data`` asks for; within one input every given condition must hold."""
    if depth > MAX_NESTING:
        raise GraphQLError(f"`where` nests AND/OR more than {MAX_NESTING} levels deep.")
    if data.get("AND") and data.get("OR"):
        raise GraphQLError("Use `AND` or `OR` at one level of `where`, not both.")
    q = Q()
    if data.get("ids") is not None:
        q &= Q(pk__in=decode_ids(data["ids"], "Page"))
    if data.get("slug"):
        q &= _string("slug", data["slug"])
    if data.get("page_type"):
        page_type = data["page_type"]
        ids = [page_type["eq"]] if page_type.get("eq") else page_type.get("one_of") or []
        q &= Q(page_type_id__in=decode_ids(ids, "PageType"))
    if data.get("metadata"):
        metadata = data["metadata"]
        value = metadata.get("value") or {}
        if value.get("eq") is not None:
            q &= Q(metadata__contains={metadata["key"]: value["eq"]})
        elif value.get("one_of") is not None:
            q &= Q(**{f"metadata__{metadata['key']}__in": value["one_of"]})
        else:
            q &= Q(metadata__has_key=metadata["key"])
    if data.get("attributes"):
        q &= Q(pk__in=[])  # no page carries attributes here
    for part in data.get("AND") or []:
        q &= page_where_q(part, depth + 1)
    if data.get("OR"):
        either = Q(pk__in=[])
        for part in data["OR"]:
            either |= page_where_q(part, depth + 1)
        q &= either
    return q
