"""Build and paginate product lists: the root ``products`` and nested ones alike."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Window
from graphql import FieldNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode

from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.selectors import (
    ProductFilters,
    SortError,
    filter_products,
    products_visible,
    search_products,
    sort_products,
)
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError
from marketplace.graphql.channels.types import get_channel
from marketplace.graphql.core.connection import paginate
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.types import is_staff

from .filters import filters_from_filter_input, filters_from_where_input
from .products import ProductCountableConnection


def apply_where(
    products: QuerySet[ProductModel], where: dict[str, Any], channel: Channel | None
) -> QuerySet[ProductModel]:
    own = {k: v for k, v in where.items() if k not in ("AND", "OR")}
    products = filter_products(products, filters=filters_from_where_input(own), channel=channel)
    base = ProductModel.objects.all()
    for clause in where.get("AND") or []:
        products = products.filter(pk__in=apply_where(base, clause, channel).values("pk"))
    if where.get("OR"):
        any_of = Q()
        for clause in where["OR"]:
            any_of |= Q(pk__in=apply_where(base, clause, channel).values("pk"))
        products = products.filter(any_of)
    return products


def _enum_value(value: Any) -> str:
    return str(getattr(value, "value", value))


def resolve_product_connection(
    info: Any,
    args: dict[str, Any],
    *,
    connection_name: str = "products",
    restrict: ProductFilters | None = None,
) -> ProductCountableConnection:
    filter_input = args.get("filter") or {}
    # Saleor still reads the deprecated `filter.channel` when the root argument is absent.
    slug = args.get("channel") or filter_input.get("channel")
    channel = get_channel(info, slug, required=not is_staff(info))
    if filter_input and args.get("where"):
        raise GraphQLError("Use either `filter` or `where`, not both.")
    staff = is_staff(info)
    products = products_visible(channel=channel, see_unpublished=staff, listing_only=True)
    if restrict is not None:
        products = filter_products(products, filters=restrict, channel=channel)
    if filter_input:
        products = filter_products(
            products, filters=filters_from_filter_input(filter_input), channel=channel
        )
        if staff and filter_input.get("is_published") is not None and channel is not None:
            published = filter_input["is_published"]
            products = products.filter(
                channel_listings__channel=channel, channel_listings__is_published=published
            )
    if args.get("where"):
        products = apply_where(products, args["where"], channel)
    search = args.get("search") or filter_input.get("search")
    if search:
        try:
            products = search_products(products, search)
        except DomainError as exc:
            raise GraphQLError(exc.message, extensions={"field": exc.field}) from None

    sort_by = args.get("sort_by")
    if sort_by:
        field_name = _enum_value(sort_by.get("field") or "NAME")
        descending = _enum_value(sort_by["direction"]) == "desc"
    else:
        field_name, descending = ("RANK", True) if search else ("NAME", False)
    try:
        products = sort_products(
            products, field_name=field_name, descending=descending, channel=channel
        )
    except SortError as exc:
        raise GraphQLError(str(exc)) from None

    # Ranked by relevance, the page query reads every match before its LIMIT anyway: it counts
    # them too (COUNT(*) OVER (), taken before LIMIT and OFFSET) instead of a second query
    # matching them all again. Forward pages only: `last` needs the count before the page.
    count_on_page = (
        field_name == "RANK"
        and args.get("last") is None
        and not products.query.distinct
        and _asks_total_count(info)
    )
    uncounted = products
    if count_on_page:
        products = products.annotate(**{TOTAL_ON_PAGE: Window(Count("*"))})

    slug = channel.slug if channel else None
    connection = paginate(
        products,
        args,
        connection_type=ProductCountableConnection,
        info=info,
        connection_name=connection_name,
        wrap=lambda node: ChannelContext(node=node, channel_slug=slug),
    )
    if count_on_page:
        if connection.edges:
            total: int = getattr(connection.edges[0].node.node, TOTAL_ON_PAGE)
            connection.count_total = lambda: total
        else:  # past the last match: no row carried the count
            connection.count_total = uncounted.count
    return connection


TOTAL_ON_PAGE = "total_count_on_page"


def _asks_total_count(info: Any) -> bool:
    """Whether the connection's selection (through fragments too) includes ``totalCount``."""
    fragments = getattr(info, "fragments", None) or {}
    stack = [node.selection_set for node in getattr(info, "field_nodes", None) or []]
    seen: set[str] = set()
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value == "totalCount":
                    return True
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    stack.append(fragments[name].selection_set)
    return False
