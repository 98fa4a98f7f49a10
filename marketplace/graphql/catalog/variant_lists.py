"""``Product.productVariants(filter, where, sortBy)`` as Saleor 3.23 has them.

A product's variants are already loaded for the whole page of products, so the filters are
applied to that list in Python: no query per product, whatever the arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from graphql import GraphQLError

from marketplace.graphql.content.page_where import AssignedAttributeWhereInput
from marketplace.graphql.core.ids import decode_ids
from marketplace.graphql.core.types import OrderDirection, unwrap

from .filters import DateTimeRangeInput, MetadataFilter, StringFilterInput

MAX_NESTING = 5

ProductVariantSortField = graphene.Enum(
    "ProductVariantSortField", [("LAST_MODIFIED_AT", "LAST_MODIFIED_AT")]
)


class ProductVariantSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(ProductVariantSortField, required=True)


class ProductVariantWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    sku = graphene.Field(StringFilterInput)
    updated_at = graphene.Field(DateTimeRangeInput)
    attributes = graphene.List(graphene.NonNull(AssignedAttributeWhereInput))
    AND = graphene.List(graphene.NonNull(lambda: ProductVariantWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductVariantWhereInput), name="OR")


Predicate = Callable[[Any], bool]
_TYPED = ("numeric", "date", "date_time", "boolean", "reference")


def _metadata(items: list[dict[str, Any]]) -> Predicate:
    def test(variant: Any) -> bool:
        for item in items:
            if item["key"] not in variant.metadata:
                return False
            if (
                item.get("value") is not None
                and str(variant.metadata[item["key"]]) != item["value"]
            ):
                return False
        return True

    return test


def _in_range(value: Any, bounds: dict[str, Any]) -> bool:
    if bounds.get("gte") is not None and (value is None or value < bounds["gte"]):
        return False
    return not (bounds.get("lte") is not None and (value is None or value > bounds["lte"]))


def _string(value: str, wanted: dict[str, Any]) -> bool:
    if wanted.get("eq") is not None:
        return value == wanted["eq"]
    if wanted.get("one_of") is not None:
        return value in wanted["one_of"]
    return True


def filter_predicate(filter_input: dict[str, Any]) -> Predicate:
    """Saleor's ``ProductVariantFilterInput``: search, sku, metadata, isPreorder, updatedAt."""
    tests: list[Predicate] = []
    if filter_input.get("search"):
        needle = filter_input["search"].casefold()
        tests.append(
            lambda v: needle in (v.sku or "").casefold() or needle in (v.name or "").casefold()
        )
    if filter_input.get("sku") is not None:
        skus = set(filter_input["sku"])
        tests.append(lambda v: v.sku in skus)
    if filter_input.get("metadata"):
        tests.append(_metadata(filter_input["metadata"]))
    if filter_input.get("is_preorder"):
        tests.append(lambda v: False)  # nothing is sold before it exists here
    if filter_input.get("updated_at"):
        bounds = filter_input["updated_at"]
        tests.append(lambda v: _in_range(v.updated_at, bounds))
    return lambda variant: all(test(variant) for test in tests)


def _attribute_test(info: Any, wanted: dict[str, Any]) -> Callable[[Any], bool]:
    from .variants import ProductVariant

    def test(root: Any) -> bool:
        for selected in ProductVariant.resolve_attributes(root, info):
            if wanted.get("slug") and selected.attribute.slug != wanted["slug"]:
                continue
            value = wanted.get("value") or {}
            for item in selected.values:
                item = unwrap(item)
                if _string(item.slug, value.get("slug") or {}) and _string(
                    item.name, value.get("name") or {}
                ):
                    # attribute values here are named choices: typed conditions match none
                    return not any(value.get(k) is not None for k in _TYPED)
        return False

    return test


def where_predicate(info: Any, where: dict[str, Any], depth: int = 0) -> Callable[[Any], bool]:
    """Saleor's ``ProductVariantWhereInput`` over wrapped variants (AND/OR nest)."""
    if depth > MAX_NESTING:
        raise GraphQLError(f"`where` nests deeper than {MAX_NESTING} levels.")
    tests: list[Callable[[Any], bool]] = []
    if where.get("ids") is not None:
        ids = set(decode_ids(where["ids"], "ProductVariant"))
        tests.append(lambda r: unwrap(r).pk in ids)
    if where.get("sku") is not None:
        wanted = where["sku"]
        tests.append(lambda r: _string(unwrap(r).sku or "", wanted))
    if where.get("metadata"):
        by_metadata = _metadata(where["metadata"])
        tests.append(lambda r: by_metadata(unwrap(r)))
    if where.get("updated_at"):
        bounds = where["updated_at"]
        tests.append(lambda r: _in_range(unwrap(r).updated_at, bounds))
    for wanted in where.get("attributes") or []:
        tests.append(_attribute_test(info, wanted))
    if where.get("AND"):
        parts = [where_predicate(info, part, depth + 1) for part in where["AND"]]
        tests.append(lambda r: all(p(r) for p in parts))
    if where.get("OR"):
        parts = [where_predicate(info, part, depth + 1) for part in where["OR"]]
        tests.append(lambda r: any(p(r) for p in parts))
    return lambda root: all(test(root) for test in tests)


def select_variants(info: Any, variants: list[Any], args: dict[str, Any]) -> list[Any]:
    """The product's (wrapped) variants that ``filter``/``where`` keep, in ``sortBy`` order."""
    if args.get("filter") and args.get("where"):
        raise GraphQLError("Use either `filter` or `where`, not both.")
    chosen = list(variants)
    if args.get("filter"):
        keep = filter_predicate(args["filter"])
        chosen = [v for v in chosen if keep(unwrap(v))]
    if args.get("where"):
        keep_root = where_predicate(info, args["where"])
        chosen = [v for v in chosen if keep_root(v)]
    sort_by = args.get("sort_by")
    if sort_by:
        descending = str(getattr(sort_by["direction"], "value", sort_by["direction"])).upper()
        chosen.sort(
            key=lambda v: (unwrap(v).updated_at, unwrap(v).pk),
            reverse=descending in ("DESC", "DESCENDING"),
        )
    return chosen
