from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Case, Q, Value, When
from graphql import GraphQLError

from marketplace.content.models import Menu as MenuModel
from marketplace.content.selectors import pages_visible
from marketplace.graphql.catalog.filters import MetadataFilter
from marketplace.graphql.core.connection import connection_args, paginate
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.ids import decode_id, decode_ids
from marketplace.graphql.core.types import LanguageCodeEnum, OrderDirection, is_staff

from .page_where import PageWhereInput, page_where_q
from .types import Menu, MenuCountableConnection, Page, PageCountableConnection


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    page_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class PageSortField(graphene.Enum):
    TITLE = "title"
    SLUG = "slug"
    PUBLISHED_AT = "published_at"
    CREATED_AT = "created_at"
    # Saleor's other names for the same orders (values differ: graphene merges equal ones)
    PUBLICATION_DATE = "publication_date"
    CREATION_DATE = "creation_date"
    VISIBILITY = "visibility"
    RANK = "rank"


SORT_COLUMNS = {
    "publication_date": "published_at",
    "creation_date": "created_at",
    "visibility": "is_published",
}


class PageSortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(PageSortField, required=True)


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String()
    slug = graphene.List(graphene.NonNull(graphene.String))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))


def _search_rank(search: str | None) -> Case | Value:
    """RANK: the title equal to the search first, then starting with it, then containing it."""
    if not search:
        return Value(0)
    return Case(
        When(title__iexact=search, then=Value(3)),
        When(title__istartswith=search, then=Value(2)),
        When(title__icontains=search, then=Value(1)),
        default=Value(0),
    )


def _value(enum_value: Any) -> str:
    return str(getattr(enum_value, "value", enum_value))


class ContentQueries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
    )
    pages = graphene.Field(
        PageCountableConnection,
        sort_by=graphene.Argument(PageSortingInput),
        filter=graphene.Argument(PageFilterInput),
        search=graphene.String(),
        where=graphene.Argument(PageWhereInput),
        channel=graphene.String(),
        **connection_args(),
    )
    menu = graphene.Field(
        Menu,
        channel=graphene.String(),
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
    )
    menus = graphene.Field(
        MenuCountableConnection,
        channel=graphene.String(),
        filter=graphene.Argument(MenuFilterInput),
        **connection_args(),
    )

    @staticmethod
    def resolve_page(root: Any, info: Any, **args: Any) -> Any:
        if (args.get("id") is None) == (args.get("slug") is None):
            raise GraphQLError("Provide exactly one of `id` or `slug`.")
        pages = pages_visible(see_unpublished=is_staff(info))
        if args.get("id") is not None:
            return pages.filter(pk=decode_id(args["id"], "Page")).first()
        return pages.filter(slug=args["slug"]).first()

    @staticmethod
    def resolve_pages(root: Any, info: Any, **args: Any) -> Any:
        pages = pages_visible(see_unpublished=is_staff(info))
        data = args.get("filter") or {}
        search = args.get("search") or data.get("search")
        if search:
            pages = pages.filter(Q(title__icontains=search) | Q(slug__icontains=search))
        if data.get("ids") is not None:
            pages = pages.filter(pk__in=decode_ids(data["ids"], "Page"))
        if data.get("slugs") is not None:
            pages = pages.filter(slug__in=data["slugs"])
        if data.get("page_types") is not None:
            pages = pages.filter(page_type_id__in=decode_ids(data["page_types"], "PageType"))
        if args.get("where"):
            pages = pages.filter(page_where_q(args["where"]))
        sort = args.get("sort_by")
        if sort:
            prefix = "-" if _value(sort["direction"]) == "desc" else ""
            column = SORT_COLUMNS.get(_value(sort["field"]), _value(sort["field"]))
            if column == "rank":
                pages = pages.annotate(rank=_search_rank(search))
            pages = pages.order_by(f"{prefix}{column}", f"{prefix}pk")
        else:
            pages = pages.order_by("slug", "pk")
        return paginate(
            pages,
            args,
            connection_type=PageCountableConnection,
            info=info,
            connection_name="pages",
        )

    @staticmethod
    def resolve_menu(root: Any, info: Any, **args: Any) -> Any:
        lookups = {k: args[k] for k in ("id", "name", "slug") if args.get(k) is not None}
        if len(lookups) != 1:
            raise GraphQLError("Provide exactly one of `id`, `name` or `slug`.")
        if "id" in lookups:
            lookups = {"pk": decode_id(lookups.pop("id"), "Menu")}
        menu = MenuModel.objects.filter(**lookups).first()
        return ChannelContext(node=menu, channel_slug=args.get("channel")) if menu else None

    @staticmethod
    def resolve_menus(root: Any, info: Any, **args: Any) -> Any:
        menus = MenuModel.objects.all()
        data = args.get("filter") or {}
        slugs = data.get("slugs") or data.get("slug")
        if slugs:
            menus = menus.filter(slug__in=slugs)
        if data.get("search"):
            menus = menus.filter(name__icontains=data["search"])
        for item in data.get("metadata") or []:
            key, value = item["key"], item.get("value")
            menus = menus.filter(
                Q(metadata__has_key=key) if value is None else Q(**{f"metadata__{key}": value})
            )
        channel = args.get("channel")
        return paginate(
            menus.order_by("slug", "pk"),
            args,
            connection_type=MenuCountableConnection,
            info=info,
            connection_name="menus",
            wrap=lambda node: ChannelContext(node=node, channel_slug=channel),
        )
