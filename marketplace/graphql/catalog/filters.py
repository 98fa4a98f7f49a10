"""Saleor's product filter, where and sort inputs, turned into selector arguments."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import graphene
from graphql import GraphQLError

from marketplace.catalog.selectors import ProductFilters, attribute_value_slugs
from marketplace.graphql.core.ids import decode_ids
from marketplace.graphql.core.types import OrderDirection


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String()
    one_of = graphene.List(graphene.NonNull(graphene.String))


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID()
    one_of = graphene.List(graphene.NonNull(graphene.ID))


class DecimalRangeInput(graphene.InputObjectType):
    gte = graphene.Decimal()
    lte = graphene.Decimal()


class DecimalFilterInput(graphene.InputObjectType):
    eq = graphene.Decimal()
    one_of = graphene.List(graphene.NonNull(graphene.Decimal))
    range = graphene.Field(DecimalRangeInput)


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float()
    lte = graphene.Float()


class DateTimeRangeInput(graphene.InputObjectType):
    gte = graphene.DateTime()
    lte = graphene.DateTime()


class DateTimeFilterInput(graphene.InputObjectType):
    eq = graphene.DateTime()
    one_of = graphene.List(graphene.NonNull(graphene.DateTime))
    range = graphene.Field(DateTimeRangeInput)


class StockAvailability(graphene.Enum):
    IN_STOCK = "IN_STOCK"
    OUT_OF_STOCK = "OUT_OF_STOCK"


class MetadataFilter(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String()


class IntRangeInput(graphene.InputObjectType):
    gte = graphene.Int()
    lte = graphene.Int()


_TYPED = "Attribute values here are named choices: a typed condition matches nothing."


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String()
    value = graphene.Field("marketplace.graphql.content.page_where.AssignedAttributeValueInput")
    values = graphene.List(graphene.NonNull(graphene.String))
    values_range = graphene.Field(IntRangeInput, deprecation_reason=_TYPED)
    date_time = graphene.Field(DateTimeRangeInput, deprecation_reason=_TYPED)
    date = graphene.Field(
        "marketplace.graphql.content.page_where.DateRangeInput", deprecation_reason=_TYPED
    )
    boolean = graphene.Boolean(deprecation_reason=_TYPED)


class ProductStockFilterInput(graphene.InputObjectType):
    warehouse_ids = graphene.List(graphene.NonNull(graphene.ID))
    quantity = graphene.Field(IntRangeInput)


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    categories = graphene.List(graphene.NonNull(graphene.ID))
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = graphene.Field(StockAvailability)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_available = graphene.Boolean()
    price = graphene.Field(PriceRangeInput)
    minimal_price = graphene.Field(PriceRangeInput)
    updated_at = graphene.Field(DateTimeRangeInput)
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    vendors = graphene.List(
        graphene.NonNull(graphene.ID), description="Marketplace extension: workshop ids."
    )
    clusters = graphene.List(
        graphene.NonNull(graphene.ID), description="Marketplace extension: cluster ids."
    )
    stocks = graphene.Field(ProductStockFilterInput)
    published_from = graphene.DateTime()
    available_from = graphene.DateTime()
    is_visible_in_listing = graphene.Boolean()
    gift_card = graphene.Boolean(description="No gift cards here: true matches nothing.")
    has_preordered_variants = graphene.Boolean(
        deprecation_reason="Nothing is sold before it is made here: true matches nothing."
    )
    channel = graphene.String(deprecation_reason="Use the root-level `channel` argument.")


class ProductWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.Field(StringFilterInput)
    slug = graphene.Field(StringFilterInput)
    product_type = graphene.Field(GlobalIDFilterInput)
    category = graphene.Field(GlobalIDFilterInput)
    collection = graphene.Field(GlobalIDFilterInput)
    is_available = graphene.Boolean()
    is_published = graphene.Boolean()
    is_visible_in_listing = graphene.Boolean()
    published_from = graphene.DateTime()
    available_from = graphene.DateTime()
    has_category = graphene.Boolean()
    price = graphene.Field(DecimalFilterInput)
    minimal_price = graphene.Field(DecimalFilterInput)
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = graphene.Field(StockAvailability)
    stocks = graphene.Field(ProductStockFilterInput)
    gift_card = graphene.Boolean(description="No gift cards here: true matches nothing.")
    has_preordered_variants = graphene.Boolean(
        deprecation_reason="No preorders here: true matches nothing.",
    )
    updated_at = graphene.Field(DateTimeFilterInput)
    AND = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: ProductWhereInput), name="OR")


class ProductOrderField(graphene.Enum):
    NAME = "NAME"
    RANK = "RANK"
    PRICE = "PRICE"
    MINIMAL_PRICE = "MINIMAL_PRICE"
    LAST_MODIFIED = "LAST_MODIFIED"
    DATE = "DATE"
    TYPE = "TYPE"
    PUBLISHED = "PUBLISHED"
    PUBLICATION_DATE = "PUBLICATION_DATE"
    PUBLISHED_AT = "PUBLISHED_AT"
    LAST_MODIFIED_AT = "LAST_MODIFIED_AT"
    COLLECTION = "COLLECTION"
    RATING = "RATING"
    CREATED_AT = "CREATED_AT"


class ProductOrder(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    channel = graphene.String(deprecation_reason="Use the top-level `channel` argument.")
    attribute_id = graphene.ID()
    field = graphene.Field(ProductOrderField)


def _one_of(value: Any) -> list[Any] | None:
    if value is None:
        return None
    if value.get("eq") is not None:
        return [value["eq"]]
    if value.get("one_of") is not None:
        return list(value["one_of"])
    return None


def _bounds(value: Any, field: str) -> tuple[Any, Any]:
    """``{eq}`` or ``{range: {gte, lte}}`` of a Decimal or DateTime filter, as (gte, lte)."""
    if value is None:
        return None, None
    if value.get("eq") is not None:
        return value["eq"], value["eq"]
    if value.get("one_of") is not None and field != "updatedAt":
        raise GraphQLError(f"`oneOf` is not supported on `{field}`: use `eq` or `range`.")
    rng = value.get("range") or {}
    return rng.get("gte"), rng.get("lte")


def _float_range(value: Any) -> tuple[Decimal | None, Decimal | None]:
    if value is None:
        return None, None
    # Decimal(str(x)) keeps the client's 12.5 as 12.5 rather than its binary expansion.
    gte, lte = value.get("gte"), value.get("lte")
    return (
        None if gte is None else Decimal(str(gte)),
        None if lte is None else Decimal(str(lte)),
    )


def _metadata(items: Any) -> dict[str, str | None]:
    return {item["key"]: item.get("value") for item in items or []}


def filters_from_filter_input(data: dict[str, Any]) -> ProductFilters:
    price = data.get("price") or data.get("minimal_price")
    gte, lte = _float_range(price)
    stock = data.get("stock_availability")
    updated = data.get("updated_at") or {}
    attributes = _attributes(data.get("attributes"), "filter")
    stocks = data.get("stocks") or {}
    quantity = stocks.get("quantity") or {}
    ids = decode_ids(data["ids"], "Product") if data.get("ids") is not None else None
    if data.get("gift_card") or data.get("has_preordered_variants"):
        ids = []  # neither gift cards nor preorders exist here
    return ProductFilters(
        ids=ids,
        visible_in_listings=data.get("is_visible_in_listing"),
        published_from=data.get("published_from"),
        available_from=data.get("available_from"),
        stock_warehouse_ids=_decode(stocks.get("warehouse_ids"), "Warehouse"),
        stock_quantity_gte=quantity.get("gte"),
        stock_quantity_lte=quantity.get("lte"),
        slugs=data.get("slugs"),
        category_ids=_decode(data.get("categories"), "Category"),
        collection_ids=_decode(data.get("collections"), "Collection"),
        product_type_ids=_decode(data.get("product_types"), "ProductType"),
        vendor_ids=_decode(data.get("vendors"), "Vendor"),
        cluster_ids=_decode(data.get("clusters"), "Cluster"),
        has_category=data.get("has_category"),
        price_gte=gte,
        price_lte=lte,
        in_stock=None if stock is None else _stock_value(stock) == "IN_STOCK",
        is_available=data.get("is_available"),
        updated_gte=updated.get("gte"),
        updated_lte=updated.get("lte"),
        metadata=_metadata(data.get("metadata")),
        attributes=attributes,
    )


def _attributes(items: Any, argument: str) -> dict[str, Sequence[str]]:
    attributes: dict[str, Sequence[str]] = {}
    for attribute in items or []:
        if not attribute.get("slug"):
            raise GraphQLError(f"Each of `{argument}.attributes` needs the attribute's `slug`.")
        slug = str(attribute["slug"])
        wanted = [str(v) for v in attribute.get("values") or []]
        value = attribute.get("value") or {}
        for key in ("slug", "name"):
            chosen = value.get(key) or {}
            named = [chosen["eq"]] if chosen.get("eq") is not None else chosen.get("one_of")
            if named is not None:
                found = named if key == "slug" else attribute_value_slugs(slug, names=named)
                wanted.extend(str(v) for v in found)
        typed = ("values_range", "date_time", "date", "boolean")
        typed_value = ("numeric", "date", "date_time", "boolean", "reference")
        if any(attribute.get(k) is not None for k in typed) or any(
            value.get(k) is not None for k in typed_value
        ):
            wanted = []  # attribute values here are named choices: a typed condition: none
        attributes[slug] = wanted
    return attributes


def _stock_value(stock: Any) -> str:
    return str(getattr(stock, "value", stock))


def _decode(values: list[str] | None, type_name: str) -> list[int] | None:
    return None if values is None else decode_ids(values, type_name)


def filters_from_where_input(data: dict[str, Any]) -> ProductFilters:
    if data.get("AND") or data.get("OR"):
        raise GraphQLError("`AND`/`OR` in `where` are resolved by `where_to_filters`.")
    price_field = "price" if data.get("price") is not None else "minimalPrice"
    gte, lte = _bounds(data.get("price") or data.get("minimal_price"), price_field)
    stock = data.get("stock_availability")
    updated_gte, updated_lte = _bounds(data.get("updated_at"), "updatedAt")
    stocks = data.get("stocks") or {}
    quantity = stocks.get("quantity") or {}
    ids = _decode(data.get("ids"), "Product")
    if data.get("gift_card") or data.get("has_preordered_variants"):
        ids = []  # neither gift cards nor preorders exist here
    return ProductFilters(
        ids=ids,
        is_published=data.get("is_published"),
        visible_in_listings=data.get("is_visible_in_listing"),
        published_from=data.get("published_from"),
        available_from=data.get("available_from"),
        attributes=_attributes(data.get("attributes"), "where"),
        stock_warehouse_ids=_decode(stocks.get("warehouse_ids"), "Warehouse"),
        stock_quantity_gte=quantity.get("gte"),
        stock_quantity_lte=quantity.get("lte"),
        names=_one_of(data.get("name")),
        slugs=_one_of(data.get("slug")),
        category_ids=_decode(_one_of(data.get("category")), "Category"),
        collection_ids=_decode(_one_of(data.get("collection")), "Collection"),
        product_type_ids=_decode(_one_of(data.get("product_type")), "ProductType"),
        has_category=data.get("has_category"),
        price_gte=gte,
        price_lte=lte,
        in_stock=None if stock is None else _stock_value(stock) == "IN_STOCK",
        is_available=data.get("is_available"),
        updated_gte=updated_gte,
        updated_lte=updated_lte,
        updated_in=(data.get("updated_at") or {}).get("one_of"),
        metadata=_metadata(data.get("metadata")),
    )
