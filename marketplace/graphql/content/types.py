from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import graphene

from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import MenuItemTranslation as MenuItemTranslationModel
from marketplace.content.models import Page as PageModel
from marketplace.content.models import PageTranslation as PageTranslationModel
from marketplace.content.models import PageType as PageTypeModel
from marketplace.graphql.catalog.assigned_attributes import ObjectWithAttributes, WithoutAttributes
from marketplace.graphql.catalog.dataloaders import CategoryByIdLoader
from marketplace.graphql.catalog.taxonomy import Category, Collection
from marketplace.graphql.core.connection import CountableConnection
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.dataloader import DataLoader, load_for
from marketplace.graphql.core.translatable_content import source_resolver
from marketplace.graphql.core.translation_fields import ContentJsonField
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import ObjectWithMetadata, channel_context_resolver


class PageType(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.attributes.Attribute"),
        resolver=lambda *_a, **_k: [],
        description="Always empty: pages here carry no attributes.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver


class PageTranslation(TranslationBase, ContentJsonField):
    translatable_content = graphene.Field(
        "marketplace.graphql.content.translatable.PageTranslatableContent",
        resolver=source_resolver("page", in_channel=False),
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String()
    content = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class PageTypeByIdLoader(DataLoader[int, PageTypeModel]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, PageTypeModel]:
        return {p.pk: p for p in PageTypeModel.objects.filter(pk__in=keys)}


class Page(WithoutAttributes, graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = graphene.JSONString()
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    page_type = graphene.Field(PageType, required=True)
    created = graphene.DateTime(required=True)
    translation = translation_field(PageTranslation, PageTranslationModel, "page")
    vendor = graphene.Field(
        "marketplace.graphql.vendors.types.Cluster",
        description="Marketplace extension: the cluster or workshop whose story this is.",
    )
    content_json = graphene.JSONString(required=True, deprecation_reason="Use `content`.")
    publication_date = graphene.Date(deprecation_reason="Use `publishedAt`.")
    attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.attributes.SelectedAttribute"),
        required=True,
        description="Always empty: pages here carry no attributes.",
        deprecation_reason="Use `assignedAttributes`.",
    )
    attribute = graphene.Field(
        "marketplace.graphql.catalog.attributes.SelectedAttribute",
        slug=graphene.String(required=True),
        description="Always null: pages here carry no attributes.",
        deprecation_reason="Use `assignedAttribute`.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_content_json(root: PageModel, info: Any) -> Any:
        return root.content or {}

    @staticmethod
    def resolve_publication_date(root: PageModel, info: Any) -> Any:
        return root.published_at.date() if root.published_at else None

    @staticmethod
    def resolve_attributes(root: PageModel, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_attribute(root: PageModel, info: Any, slug: str) -> None:
        return None

    @staticmethod
    def resolve_created(root: PageModel, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_page_type(root: PageModel, info: Any) -> Any:
        return load_for(info.context, root, PageTypeByIdLoader, key=lambda p: p.page_type_id)

    @staticmethod
    def resolve_vendor(root: PageModel, info: Any) -> Any:
        from marketplace.graphql.vendors.dataloaders import VendorByIdLoader

        vendor = load_for(info.context, root, VendorByIdLoader, key=lambda p: p.vendor_id)
        return vendor if vendor is not None and vendor.is_cluster else None


class PageCountableConnection(CountableConnection):
    class Meta:
        node = Page


class MenuItemTranslation(TranslationBase):
    translatable_content = graphene.Field(
        "marketplace.graphql.content.translatable.MenuItemTranslatableContent",
        resolver=source_resolver("menu_item", in_channel=True),
    )
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class ItemsByMenuIdLoader(DataLoader[int, list[MenuItemModel]]):
    """All items of each menu, top level and nested, in one query."""

    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[MenuItemModel]]:
        grouped: dict[int, list[MenuItemModel]] = defaultdict(list)
        for item in MenuItemModel.objects.filter(menu_id__in=keys):
            grouped[item.menu_id].append(item)
        return grouped


class MenuItem(graphene.ObjectType):
    name = graphene.String(required=True)
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    category = graphene.Field(Category)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    level = graphene.Int(required=True)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    url = graphene.String()
    translation = translation_field(MenuItemTranslation, MenuItemTranslationModel, "menu_item")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def _siblings(root: ChannelContext[MenuItemModel], info: Any) -> list[MenuItemModel]:
        return load_for(info.context, root, ItemsByMenuIdLoader, key=lambda i: i.menu_id) or []

    @staticmethod
    def resolve_menu(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        return ChannelContext(node=root.node.menu, channel_slug=root.channel_slug)

    @staticmethod
    def resolve_parent(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        items = {i.pk: i for i in MenuItem._siblings(root, info)}
        parent = items.get(root.node.parent_id or 0)
        return ChannelContext(node=parent, channel_slug=root.channel_slug) if parent else None

    @staticmethod
    def resolve_children(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        return [
            ChannelContext(node=i, channel_slug=root.channel_slug)
            for i in MenuItem._siblings(root, info)
            if i.parent_id == root.node.pk
        ]

    @staticmethod
    def resolve_category(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        return load_for(info.context, root, CategoryByIdLoader, key=lambda i: i.category_id)

    @staticmethod
    def resolve_collection(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        item = root.node
        if item.collection_id is None:
            return None
        return ChannelContext(node=item.collection, channel_slug=root.channel_slug)

    @staticmethod
    def resolve_page(root: ChannelContext[MenuItemModel], info: Any) -> Any:
        page = root.node.page if root.node.page_id else None
        return page if page is not None and page.is_published else None

    @staticmethod
    def resolve_url(root: ChannelContext[MenuItemModel], info: Any) -> str | None:
        return root.node.url or None


class Menu(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_items(root: ChannelContext[MenuModel], info: Any) -> list[Any]:
        items = load_for(info.context, root, ItemsByMenuIdLoader, key=lambda m: m.pk) or []
        return [
            ChannelContext(node=i, channel_slug=root.channel_slug)
            for i in items
            if i.parent_id is None
        ]


class MenuCountableConnection(CountableConnection):
    class Meta:
        node = Menu
