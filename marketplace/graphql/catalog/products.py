"""Product and ProductVariant in Saleor's shape, every relation through a loader."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductTranslation as ProductTranslationModel
from marketplace.graphql.catalog.assigned_attributes import ObjectWithAttributes, WithAttributes
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
    Weight,
    channel_context_resolver,
    is_staff,
)
from marketplace.graphql.vendors.dataloaders import VendorByIdLoader

from .attributes import SelectedAttribute, group_selected
from .dataloaders import (
    AttributeValuesByProductIdLoader,
    CategoryByIdLoader,
    CollectionsByProductIdLoader,
    MediaByProductIdLoader,
    ProductListingsByProductIdLoader,
    ProductTypeByIdLoader,
    VariantsByProductIdLoader,
)
from .listings import ProductChannelListing
from .media import ProductMedia, image_of, sorted_media
from .pricing import (
    ProductPricingInfo,
    channel_id_of,
    is_available_for_purchase,
    product_listing,
    resolve_product_pricing,
    variant_prices,
)
from .product_saleor_fields import ProductSaleorFields
from .product_types import ProductType
from .variants import ProductVariant, ProductVariantCountableConnection


class ProductTranslation(TranslationBase, DescriptionJsonField):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.ProductTranslatableContent",
        resolver=source_resolver("product", in_channel=True),
    )
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String()
    description = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


def _wrap(root: ChannelContext[Any], nodes: list[Any] | None) -> list[ChannelContext[Any]]:
    return [ChannelContext(node=n, channel_slug=root.channel_slug) for n in nodes or []]


class Product(WithAttributes, ProductSaleorFields):
    seo_title = graphene.String()
    seo_description = graphene.String()
    name = graphene.String(required=True)
    description = graphene.JSONString()
    product_type = graphene.Field(ProductType, required=True)
    slug = graphene.String(required=True)
    category = graphene.Field(lambda: _category_type())
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)
    weight = graphene.Field(Weight)
    default_variant = graphene.Field(ProductVariant)
    rating = graphene.Float()
    channel = graphene.String()
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
    )
    pricing = graphene.Field(
        ProductPricingInfo,
        address=graphene.Argument(
            "marketplace.graphql.accounts.types.AddressInput",
            description="Accepted for Saleor clients: prices and stock here do not depend on it.",
        ),
    )
    is_available = graphene.Boolean(
        address=graphene.Argument(
            "marketplace.graphql.accounts.types.AddressInput",
            description="Accepted for Saleor clients: prices and stock here do not depend on it.",
            deprecation_reason="Saleor deprecates it too.",
        )
    )
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True)
    channel_listings = graphene.List(graphene.NonNull(ProductChannelListing))
    variants = graphene.List(graphene.NonNull(ProductVariant))
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        filter=graphene.Argument(
            "marketplace.graphql.catalog.queries.ProductVariantFilterInput",
            deprecation_reason="Use `where`.",
        ),
        where=graphene.Argument(
            "marketplace.graphql.catalog.variant_lists.ProductVariantWhereInput"
        ),
        sort_by=graphene.Argument(
            "marketplace.graphql.catalog.variant_lists.ProductVariantSortingInput"
        ),
        **connection_args(),
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia),
        sort_by=graphene.Argument("marketplace.graphql.catalog.media.MediaSortingInput"),
    )
    collections = graphene.List(graphene.NonNull(lambda: _collection_type()))
    translation = translation_field(ProductTranslation, ProductTranslationModel, "product")
    available_for_purchase_at = graphene.DateTime()
    is_available_for_purchase = graphene.Boolean()
    vendor = graphene.Field(
        "marketplace.graphql.vendors.types.Vendor",
        description="Marketplace extension: the workshop that makes and sells this product.",
    )
    provenance = graphene.Field(
        "marketplace.graphql.provenance.types.Provenance",
        description="Marketplace extension: who made the piece, where, how and of what.",
    )
    claims = graphene.List(
        graphene.NonNull("marketplace.graphql.provenance.types.Claim"),
        required=True,
        description="Marketplace extension: verified, currently valid claims (badges).",
    )
    packaging_options = graphene.List(
        graphene.NonNull("marketplace.graphql.packaging.types.PackagingOption"),
        required=True,
        description="Marketplace extension: packaging a buyer may choose, priced in the channel.",
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_created(root: ChannelContext[ProductModel], info: Any) -> Any:
        return root.node.created_at

    @staticmethod
    def resolve_channel(root: ChannelContext[ProductModel], info: Any) -> str | None:
        return root.channel_slug

    @staticmethod
    def resolve_weight(root: ChannelContext[ProductModel], info: Any) -> Weight | None:
        return Weight.from_kg(root.node.weight_kg)

    @staticmethod
    def resolve_product_type(root: ChannelContext[ProductModel], info: Any) -> Any:
        return load_for(info.context, root, ProductTypeByIdLoader, key=lambda p: p.product_type_id)

    @staticmethod
    def resolve_category(root: ChannelContext[ProductModel], info: Any) -> Any:
        return load_for(info.context, root, CategoryByIdLoader, key=lambda p: p.category_id)

    @staticmethod
    def resolve_vendor(root: ChannelContext[ProductModel], info: Any) -> Any:
        return load_for(info.context, root, VendorByIdLoader, key=lambda p: p.vendor_id)

    @staticmethod
    def _media(root: ChannelContext[ProductModel], info: Any) -> list[Any]:
        return load_for(info.context, root, MediaByProductIdLoader, key=lambda p: p.pk) or []

    @staticmethod
    def resolve_media(
        root: ChannelContext[ProductModel], info: Any, sort_by: Any = None
    ) -> list[Any]:
        return sorted_media(Product._media(root, info), sort_by)

    @staticmethod
    def resolve_thumbnail(
        root: ChannelContext[ProductModel], info: Any, size: int | None = None, format: Any = None
    ) -> ImageValue | None:
        media = Product._media(root, info)
        return image_of(info, media[0] if media else None, size, format)

    @staticmethod
    def resolve_pricing(root: ChannelContext[ProductModel], info: Any, **_where: Any) -> Any:
        return resolve_product_pricing(root, info)

    @staticmethod
    def resolve_variants(root: ChannelContext[ProductModel], info: Any) -> list[Any]:
        variants = load_for(info.context, root, VariantsByProductIdLoader, key=lambda p: p.pk)
        if not is_staff(info):
            # Buyers see only variants priced in the channel, as in Saleor.
            priced = {listing.variant_id for listing in variant_prices(info, root)}
            variants = [v for v in variants or [] if v.pk in priced]
        return _wrap(root, variants)

    @staticmethod
    def resolve_product_variants(root: ChannelContext[ProductModel], info: Any, **args: Any) -> Any:
        from .variant_lists import select_variants

        return paginate_list(
            select_variants(info, Product.resolve_variants(root, info), args),
            args,
            connection_type=ProductVariantCountableConnection,
            info=info,
            connection_name="productVariants",
        )

    @staticmethod
    def resolve_default_variant(root: ChannelContext[ProductModel], info: Any) -> Any:
        variants = Product.resolve_variants(root, info)
        return variants[0] if variants else None

    @staticmethod
    def resolve_attributes(root: ChannelContext[ProductModel], info: Any) -> list[Any]:
        values = load_for(info.context, root, AttributeValuesByProductIdLoader, key=lambda p: p.pk)
        return group_selected(values or [])

    @staticmethod
    def resolve_collections(root: ChannelContext[ProductModel], info: Any) -> list[Any]:
        found = load_for(info.context, root, CollectionsByProductIdLoader, key=lambda p: p.pk)
        return _wrap(root, found)

    @staticmethod
    def resolve_channel_listings(root: ChannelContext[ProductModel], info: Any) -> Any:
        if not is_staff(info):
            return None
        return load_for(info.context, root, ProductListingsByProductIdLoader, key=lambda p: p.pk)

    @staticmethod
    def resolve_provenance(root: ChannelContext[ProductModel], info: Any) -> Any:
        from marketplace.graphql.provenance.dataloaders import ProductProvenanceLoader

        return load_for(info.context, root, ProductProvenanceLoader, key=lambda p: p.pk)

    @staticmethod
    def resolve_claims(root: ChannelContext[ProductModel], info: Any) -> Any:
        from marketplace.graphql.provenance.dataloaders import ClaimsByProductLoader

        return load_for(info.context, root, ClaimsByProductLoader, key=lambda p: p.pk) or []

    @staticmethod
    def resolve_packaging_options(root: ChannelContext[ProductModel], info: Any) -> Any:
        from marketplace.graphql.packaging.types import PackagingOffersLoader

        channel_id = channel_id_of(info, root)
        if channel_id is None:
            return []
        offers = load_for(info.context, root, PackagingOffersLoader, key=lambda p: (p, channel_id))
        return offers or []

    @staticmethod
    def resolve_available_for_purchase_at(root: ChannelContext[ProductModel], info: Any) -> Any:
        listing = product_listing(info, root)
        return listing.available_for_purchase_at if listing else None

    @staticmethod
    def resolve_is_available_for_purchase(root: ChannelContext[ProductModel], info: Any) -> bool:
        return is_available_for_purchase(product_listing(info, root))

    @staticmethod
    def resolve_is_available(root: ChannelContext[ProductModel], info: Any, **_where: Any) -> bool:
        return Product.resolve_is_available_for_purchase(root, info) and bool(
            variant_prices(info, root)
        )


def _category_type() -> Any:
    from .taxonomy import Category

    return Category


def _collection_type() -> Any:
    from .taxonomy import Collection

    return Collection


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product
