"""Category and Collection, each with its nested product list."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import CategoryTranslation as CategoryTranslationModel
from marketplace.catalog.models import Collection as CollectionModel
from marketplace.catalog.models import CollectionTranslation as CollectionTranslationModel
from marketplace.catalog.selectors import (
    ProductFilters,
    category_ancestors,
    category_descendant_ids,
)
from marketplace.graphql.core.connection import CountableConnection, connection_args, paginate_list
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.translatable_content import source_resolver
from marketplace.graphql.core.translation_fields import DescriptionJsonField
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import (
    Image,
    ImageValue,
    ObjectWithMetadata,
    ThumbnailFormatEnum,
    channel_context_resolver,
    is_staff,
    unwrap,
)

from .dataloaders import CategoryByIdLoader, ChildrenByCategoryIdLoader
from .filters import ProductFilterInput, ProductOrder, ProductWhereInput
from .listings import CollectionChannelListing
from .media import absolute_url
from .product_saleor_fields import DescriptionJson
from .products import ProductCountableConnection


def product_list_args() -> dict[str, Any]:
    return {
        "filter": graphene.Argument(ProductFilterInput),
        "where": graphene.Argument(ProductWhereInput),
        "sort_by": graphene.Argument(ProductOrder),
        "search": graphene.String(),
        "channel": graphene.String(),
        **connection_args(),
    }


def _background(info: Any, obj: Any) -> ImageValue | None:
    if not obj.background_image:
        return None
    return ImageValue(
        url=absolute_url(info, obj.background_image.url), alt=obj.background_image_alt
    )


class CategoryTranslation(TranslationBase, DescriptionJsonField):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.CategoryTranslatableContent",
        resolver=source_resolver("category", in_channel=False),
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class Category(DescriptionJson):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    parent = graphene.Field(lambda: Category)
    level = graphene.Int(required=True)
    updated_at = graphene.DateTime(required=True)
    ancestors = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    children = graphene.Field(lambda: CategoryCountableConnection, **connection_args())
    products = graphene.Field(ProductCountableConnection, **product_list_args())
    background_image = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
    )
    translation = translation_field(CategoryTranslation, CategoryTranslationModel, "category")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_parent(root: CategoryModel, info: Any) -> Any:
        return load_for(info.context, root, CategoryByIdLoader, key=lambda c: c.parent_id)

    @staticmethod
    def resolve_children(root: CategoryModel, info: Any, **args: Any) -> Any:
        children = load_for(info.context, root, ChildrenByCategoryIdLoader, key=lambda c: c.pk)
        return paginate_list(
            children or [],
            args,
            connection_type=CategoryCountableConnection,
            info=info,
            connection_name="children",
        )

    @staticmethod
    def resolve_ancestors(root: CategoryModel, info: Any, **args: Any) -> Any:
        return paginate_list(
            category_ancestors(root.pk),
            args,
            connection_type=CategoryCountableConnection,
            info=info,
            connection_name="ancestors",
        )

    @staticmethod
    def resolve_products(root: CategoryModel, info: Any, **args: Any) -> Any:
        from .product_list import resolve_product_connection

        restrict = ProductFilters(category_ids=category_descendant_ids(root.pk))
        return resolve_product_connection(info, args, restrict=restrict)

    @staticmethod
    def resolve_background_image(root: CategoryModel, info: Any, **_: Any) -> ImageValue | None:
        return _background(info, root)


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category


class CollectionTranslation(TranslationBase, DescriptionJsonField):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.CollectionTranslatableContent",
        resolver=source_resolver("collection", in_channel=True),
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class Collection(DescriptionJson):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    slug = graphene.String(required=True)
    channel = graphene.String()
    products = graphene.Field(
        ProductCountableConnection,
        **{k: v for k, v in product_list_args().items() if k != "channel"},
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
    )
    translation = translation_field(CollectionTranslation, CollectionTranslationModel, "collection")
    channel_listings = graphene.List(graphene.NonNull(CollectionChannelListing))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_channel(root: ChannelContext[CollectionModel], info: Any) -> str | None:
        return root.channel_slug

    @staticmethod
    def resolve_products(root: ChannelContext[CollectionModel], info: Any, **args: Any) -> Any:
        from .product_list import resolve_product_connection

        restrict = ProductFilters(collection_ids=[root.node.pk])
        return resolve_product_connection(
            info, {**args, "channel": root.channel_slug}, restrict=restrict
        )

    @staticmethod
    def resolve_background_image(root: Any, info: Any, **_: Any) -> ImageValue | None:
        return _background(info, unwrap(root))

    @staticmethod
    def resolve_channel_listings(root: ChannelContext[CollectionModel], info: Any) -> Any:
        if not is_staff(info):
            return None
        return list(root.node.channel_listings.all())


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection
