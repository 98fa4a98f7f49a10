from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Count, Q
from graphql import GraphQLError

from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import ProductVariant as VariantModel
from marketplace.catalog.selectors import collections_visible, products_visible
from marketplace.graphql.channels.types import get_channel
from marketplace.graphql.core.connection import connection_args, paginate
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.ids import decode_id, decode_ids
from marketplace.graphql.core.types import LanguageCodeEnum, OrderDirection, is_staff

from .filters import MetadataFilter
from .product_list import resolve_product_connection
from .products import Product, ProductCountableConnection
from .taxonomy import (
    Category,
    CategoryCountableConnection,
    Collection,
    CollectionCountableConnection,
    product_list_args,
)
from .variants import ProductVariant, ProductVariantCountableConnection


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    updated_at = graphene.Field("marketplace.graphql.catalog.filters.DateTimeRangeInput")


class CategorySortField(graphene.Enum):
    NAME = "name"
    PRODUCT_COUNT = "product_count"
    SUBCATEGORY_COUNT = "subcategory_count"


class CategorySortingInput(graphene.InputObjectType):
    direction = graphene.Field(OrderDirection, required=True)
    field = graphene.Field(CategorySortField, required=True)
    channel = graphene.String(
        deprecation_reason="Accepted for Saleor clients: product counts here span all channels."
    )


CollectionPublished = graphene.Enum(
    "CollectionPublished", [("PUBLISHED", "PUBLISHED"), ("HIDDEN", "HIDDEN")]
)


class CollectionFilterInput(graphene.InputObjectType):
    published = graphene.Field(CollectionPublished)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(deprecation_reason="Use the root-level `channel` argument.")


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_preorder = graphene.Boolean(
        deprecation_reason="Nothing is sold before it is made here: true matches nothing."
    )
    updated_at = graphene.Field("marketplace.graphql.catalog.filters.DateTimeRangeInput")


def _value(enum_value: Any) -> str:
    return str(getattr(enum_value, "value", enum_value))


def _metadata_q(items: Any) -> Q:
    q = Q()
    for item in items or []:
        value = item.get("value")
        q &= (
            Q(metadata__has_key=item["key"])
            if value is None
            else Q(**{f"metadata__{item['key']}": value})
        )
    return q


class CatalogQueries(graphene.ObjectType):
    products = graphene.Field(ProductCountableConnection, **product_list_args())
    product = graphene.Field(
        Product,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        external_reference=graphene.String(),
        channel=graphene.String(),
    )
    product_variant = graphene.Field(
        ProductVariant, id=graphene.ID(), sku=graphene.String(), channel=graphene.String()
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        filter=graphene.Argument(ProductVariantFilterInput),
        search=graphene.String(),
        **connection_args(),
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput),
        sort_by=graphene.Argument(CategorySortingInput),
        level=graphene.Int(),
        **connection_args(),
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
    )
    collections = graphene.Field(
        CollectionCountableConnection,
        filter=graphene.Argument(CollectionFilterInput),
        channel=graphene.String(),
        **connection_args(),
    )
    collection = graphene.Field(
        Collection,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
    )

    @staticmethod
    def resolve_products(root: Any, info: Any, **args: Any) -> Any:
        return resolve_product_connection(info, args)

    @staticmethod
    def resolve_product(root: Any, info: Any, **args: Any) -> Any:
        if sum(args.get(k) is not None for k in ("id", "slug", "external_reference")) != 1:
            raise GraphQLError("Provide exactly one of `id`, `slug` or `externalReference`.")
        channel = get_channel(info, args.get("channel"), required=not is_staff(info))
        products = products_visible(channel=channel, see_unpublished=is_staff(info))
        if args.get("id") is not None:
            product = products.filter(pk=decode_id(args["id"], "Product")).first()
        elif args.get("slug") is not None:
            product = products.filter(slug=args["slug"]).first()
        else:
            product = products.filter(
                metadata__external_reference=args["external_reference"]
            ).first()
        if product is None:
            return None
        return ChannelContext(node=product, channel_slug=channel.slug if channel else None)

    @staticmethod
    def _visible_variants(info: Any, channel_slug: str | None) -> Any:
        channel = get_channel(info, channel_slug, required=not is_staff(info))
        products = products_visible(channel=channel, see_unpublished=is_staff(info))
        variants = VariantModel.objects.filter(product__in=products)
        if channel is not None and not is_staff(info):
            variants = variants.filter(channel_listings__channel=channel)
        return variants, channel

    @staticmethod
    def resolve_product_variant(root: Any, info: Any, **args: Any) -> Any:
        if (args.get("id") is None) == (args.get("sku") is None):
            raise GraphQLError("Provide exactly one of `id` or `sku`.")
        variants, channel = CatalogQueries._visible_variants(info, args.get("channel"))
        if args.get("id") is not None:
            variant = variants.filter(pk=decode_id(args["id"], "ProductVariant")).first()
        else:
            variant = variants.filter(sku=args["sku"]).first()
        if variant is None:
            return None
        return ChannelContext(node=variant, channel_slug=channel.slug if channel else None)

    @staticmethod
    def resolve_product_variants(root: Any, info: Any, **args: Any) -> Any:
        variants, channel = CatalogQueries._visible_variants(info, args.get("channel"))
        if args.get("ids") is not None:
            variants = variants.filter(pk__in=decode_ids(args["ids"], "ProductVariant"))
        filter_input = args.get("filter") or {}
        if filter_input.get("sku"):
            variants = variants.filter(sku__in=filter_input["sku"])
        if filter_input.get("metadata"):
            variants = variants.filter(_metadata_q(filter_input["metadata"]))
        if filter_input.get("is_preorder"):
            variants = variants.none()
        bounds = filter_input.get("updated_at") or {}
        if bounds.get("gte") is not None:
            variants = variants.filter(updated_at__gte=bounds["gte"])
        if bounds.get("lte") is not None:
            variants = variants.filter(updated_at__lte=bounds["lte"])
        search = args.get("search") or filter_input.get("search")
        if search:
            variants = variants.filter(
                Q(sku__icontains=search)
                | Q(name__icontains=search)
                | Q(product__name__icontains=search)
            )
        slug = channel.slug if channel else None
        return paginate(
            variants.order_by("product__slug", "sort_order", "pk"),
            args,
            connection_type=ProductVariantCountableConnection,
            info=info,
            connection_name="productVariants",
            wrap=lambda node: ChannelContext(node=node, channel_slug=slug),
        )

    @staticmethod
    def resolve_categories(root: Any, info: Any, **args: Any) -> Any:
        categories = CategoryModel.objects.all()
        filter_input = args.get("filter") or {}
        if args.get("level") is not None:
            categories = categories.filter(level=args["level"])
        if filter_input.get("ids") is not None:
            categories = categories.filter(pk__in=decode_ids(filter_input["ids"], "Category"))
        if filter_input.get("slugs") is not None:
            categories = categories.filter(slug__in=filter_input["slugs"])
        if filter_input.get("search"):
            text = filter_input["search"]
            categories = categories.filter(
                Q(name__icontains=text)
                | Q(slug__icontains=text)
                | Q(translations__name__icontains=text)
            ).distinct()
        categories = categories.filter(_metadata_q(filter_input.get("metadata")))
        updated = filter_input.get("updated_at") or {}
        if updated.get("gte") is not None:
            categories = categories.filter(updated_at__gte=updated["gte"])
        if updated.get("lte") is not None:
            categories = categories.filter(updated_at__lte=updated["lte"])
        sort = args.get("sort_by")
        if sort:
            field = _value(sort["field"])
            if field == "product_count":
                categories = categories.annotate(product_count=Count("products", distinct=True))
            elif field == "subcategory_count":
                categories = categories.annotate(subcategory_count=Count("children", distinct=True))
            prefix = "-" if _value(sort["direction"]) == "desc" else ""
            categories = categories.order_by(f"{prefix}{field}", f"{prefix}pk")
        else:
            categories = categories.order_by("name", "pk")
        return paginate(
            categories,
            args,
            connection_type=CategoryCountableConnection,
            info=info,
            connection_name="categories",
        )

    @staticmethod
    def resolve_category(root: Any, info: Any, **args: Any) -> Any:
        if (args.get("id") is None) == (args.get("slug") is None):
            raise GraphQLError("Provide exactly one of `id` or `slug`.")
        if args.get("id") is not None:
            return CategoryModel.objects.filter(pk=decode_id(args["id"], "Category")).first()
        return CategoryModel.objects.filter(slug=args["slug"]).first()

    @staticmethod
    def resolve_collections(root: Any, info: Any, **args: Any) -> Any:
        filter_input = args.get("filter") or {}
        slug = args.get("channel") or filter_input.get("channel")
        channel = get_channel(info, slug, required=not is_staff(info))
        collections = collections_visible(channel=channel, see_unpublished=is_staff(info))
        if filter_input.get("published") is not None:
            published = _value(filter_input["published"]) == "PUBLISHED"
            in_channel = {"channel_listings__channel": channel} if channel else {}
            collections = collections.filter(
                channel_listings__is_published=published, **in_channel
            ).distinct()
        if filter_input.get("ids") is not None:
            collections = collections.filter(pk__in=decode_ids(filter_input["ids"], "Collection"))
        if filter_input.get("slugs") is not None:
            collections = collections.filter(slug__in=filter_input["slugs"])
        if filter_input.get("search"):
            collections = collections.filter(name__icontains=filter_input["search"])
        collections = collections.filter(_metadata_q(filter_input.get("metadata")))
        slug = channel.slug if channel else None
        return paginate(
            collections.order_by("slug", "pk"),
            args,
            connection_type=CollectionCountableConnection,
            info=info,
            connection_name="collections",
            wrap=lambda node: ChannelContext(node=node, channel_slug=slug),
        )

    @staticmethod
    def resolve_collection(root: Any, info: Any, **args: Any) -> Any:
        if (args.get("id") is None) == (args.get("slug") is None):
            raise GraphQLError("Provide exactly one of `id` or `slug`.")
        channel = get_channel(info, args.get("channel"), required=not is_staff(info))
        collections = collections_visible(channel=channel, see_unpublished=is_staff(info))
        if args.get("id") is not None:
            found = collections.filter(pk=decode_id(args["id"], "Collection")).first()
        else:
            found = collections.filter(slug=args["slug"]).first()
        if found is None:
            return None
        return ChannelContext(node=found, channel_slug=channel.slug if channel else None)
