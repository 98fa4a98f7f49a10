"""Marketplace extension types: workshops (``Vendor``) and clusters, in Saleor's style."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.selectors import ProductFilters
from marketplace.graphql.catalog.media import absolute_url
from marketplace.graphql.catalog.products import ProductCountableConnection
from marketplace.graphql.catalog.taxonomy import product_list_args
from marketplace.graphql.core.connection import CountableConnection, connection_args, paginate
from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import (
    CountryDisplay,
    Image,
    ImageValue,
    ObjectWithMetadata,
    channel_context_resolver,
    is_staff,
)
from marketplace.vendors.models import Vendor as VendorModel
from marketplace.vendors.models import VendorTranslation as VendorTranslationModel
from marketplace.vendors.selectors import workshops_visible

from .dataloaders import VendorByIdLoader


class VendorStatusEnum(graphene.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    SUSPENDED = "suspended"
    REJECTED = "rejected"


class BrandColors(graphene.ObjectType):
    primary = graphene.String(required=True)
    secondary = graphene.String(required=True)


class VendorTranslation(TranslationBase):
    name = graphene.String()
    tagline = graphene.String()
    story = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


def _image(info: Any, field: Any, alt: str) -> ImageValue | None:
    return ImageValue(url=absolute_url(info, field.url), alt=alt) if field else None


class StorefrontProfile(graphene.Interface):
    """What every seller's storefront shows: name, story, branding and place."""

    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    craft = graphene.String()
    tagline = graphene.String()
    story = graphene.JSONString()
    logo = graphene.Field(Image)
    banner = graphene.Field(Image)
    brand_colors = graphene.Field(BrandColors, required=True)
    town = graphene.String(required=True)
    region = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    contact_email = graphene.String()
    contact_phone = graphene.String()
    website = graphene.String()
    founded_year = graphene.Int()
    status = graphene.Field(VendorStatusEnum, required=True)
    translation = translation_field(VendorTranslation, VendorTranslationModel, "vendor")
    products = graphene.Field(ProductCountableConnection, **product_list_args())

    @staticmethod
    def resolve_logo(root: VendorModel, info: Any) -> ImageValue | None:
        return _image(info, root.logo, root.name)

    @staticmethod
    def resolve_banner(root: VendorModel, info: Any) -> ImageValue | None:
        return _image(info, root.banner, root.name)

    @staticmethod
    def resolve_brand_colors(root: VendorModel, info: Any) -> BrandColors:
        return BrandColors(primary=root.primary_color, secondary=root.secondary_color)

    @staticmethod
    def resolve_country(root: VendorModel, info: Any) -> CountryDisplay:
        return CountryDisplay.of(root.country)

    @staticmethod
    def resolve_products(root: VendorModel, info: Any, **args: Any) -> Any:
        from marketplace.graphql.catalog.product_list import resolve_product_connection

        restrict = (
            ProductFilters(cluster_ids=[root.pk])
            if root.is_cluster
            else ProductFilters(vendor_ids=[root.pk])
        )
        return resolve_product_connection(info, args, restrict=restrict)


class Vendor(graphene.ObjectType):
    """A workshop: one artisan or family, the maker and seller of its products."""

    cluster = graphene.Field(lambda: Cluster)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, StorefrontProfile)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_cluster(root: VendorModel, info: Any) -> Any:
        cluster = load_for(info.context, root, VendorByIdLoader, key=lambda v: v.cluster_id)
        if cluster is None or (cluster.status != "approved" and not is_staff(info)):
            return None
        return cluster


class VendorCountableConnection(CountableConnection):
    class Meta:
        node = Vendor


class Cluster(graphene.ObjectType):
    """A group of workshops of one town and craft, run by one or more managers."""

    members = graphene.Field(VendorCountableConnection, **connection_args())

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, StorefrontProfile)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_members(root: VendorModel, info: Any, **args: Any) -> Any:
        members = workshops_visible(see_all=is_staff(info)).filter(cluster=root)
        return paginate(
            members.order_by("name", "pk"),
            args,
            connection_type=VendorCountableConnection,
            info=info,
            connection_name="members",
        )


class ClusterCountableConnection(CountableConnection):
    class Meta:
        node = Cluster
