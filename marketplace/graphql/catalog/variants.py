from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductVariant as VariantModel
from marketplace.catalog.models import ProductVariantTranslation as VariantTranslationModel
from marketplace.graphql.catalog.assigned_attributes import ObjectWithAttributes, WithAttributes
from marketplace.graphql.core.connection import CountableConnection
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.translatable_content import source_resolver
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import (
    ObjectWithMetadata,
    Weight,
    channel_context_resolver,
    is_staff,
)

from .attributes import SelectedAttribute, group_selected
from .dataloaders import (
    AttributeValuesByVariantIdLoader,
    ProductByIdLoader,
    QuantityAvailableLoader,
    VariantListingsByVariantIdLoader,
)
from .listings import ProductVariantChannelListing
from .media import ProductMedia
from .pricing import VariantPricingInfo, resolve_variant_pricing
from .variant_saleor_fields import VariantSaleorFields


class ProductVariantTranslation(TranslationBase):
    translatable_content = graphene.Field(
        "marketplace.graphql.catalog.translatable.ProductVariantTranslatableContent",
        resolver=source_resolver("product_variant", in_channel=True),
    )
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class VariantAttributeScope(graphene.Enum):
    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"


class Dimensions(graphene.ObjectType):
    """Marketplace extension: a variant's outer size in centimetres."""

    length = graphene.Float()
    width = graphene.Float()
    height = graphene.Float()
    unit = graphene.String(required=True)


class ProductVariant(WithAttributes, VariantSaleorFields):
    name = graphene.String(required=True)
    sku = graphene.String()
    product = graphene.Field("marketplace.graphql.catalog.products.Product", required=True)
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    dimensions = graphene.Field(Dimensions)
    channel = graphene.String()
    channel_listings = graphene.List(graphene.NonNull(ProductVariantChannelListing))
    pricing = graphene.Field(
        VariantPricingInfo,
        address=graphene.Argument(
            "marketplace.graphql.accounts.types.AddressInput",
            description="Accepted for Saleor clients: prices and stock here do not depend on it.",
        ),
    )
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(VariantAttributeScope),
    )
    media = graphene.List(graphene.NonNull(ProductMedia))
    translation = translation_field(
        ProductVariantTranslation, VariantTranslationModel, "product_variant"
    )
    quantity_available = graphene.Int(
        address=graphene.Argument(
            "marketplace.graphql.accounts.types.AddressInput",
            description="Accepted for Saleor clients: prices and stock here do not depend on it.",
            deprecation_reason="Saleor deprecates it too.",
        ),
        country_code=graphene.Argument(
            "marketplace.graphql.accounts.types.CountryCode",
            description="Accepted for Saleor clients: stock here does not depend on it.",
            deprecation_reason="Saleor deprecates it too.",
        ),
    )
    provenance = graphene.Field(
        "marketplace.graphql.provenance.types.Provenance",
        description="Marketplace extension: the variant's own provenance, else the product's.",
    )
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata, ObjectWithAttributes)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_name(root: ChannelContext[VariantModel], info: Any) -> str:
        return root.node.name or root.node.sku

    @staticmethod
    def resolve_created(root: ChannelContext[VariantModel], info: Any) -> Any:
        return root.node.created_at

    @staticmethod
    def resolve_channel(root: ChannelContext[VariantModel], info: Any) -> str | None:
        return root.channel_slug

    @staticmethod
    def resolve_weight(root: ChannelContext[VariantModel], info: Any) -> Weight | None:
        return Weight.from_kg(root.node.weight_kg)

    @staticmethod
    def resolve_dimensions(root: ChannelContext[VariantModel], info: Any) -> Dimensions | None:
        v = root.node
        if v.length_cm is None and v.width_cm is None and v.height_cm is None:
            return None
        return Dimensions(
            length=None if v.length_cm is None else float(v.length_cm),
            width=None if v.width_cm is None else float(v.width_cm),
            height=None if v.height_cm is None else float(v.height_cm),
            unit="CM",
        )

    @staticmethod
    def resolve_product(root: ChannelContext[VariantModel], info: Any) -> Any:
        product = load_for(info.context, root, ProductByIdLoader, key=lambda v: v.product_id)
        return ChannelContext(node=product, channel_slug=root.channel_slug)

    @staticmethod
    def resolve_pricing(root: ChannelContext[VariantModel], info: Any, **_where: Any) -> Any:
        return resolve_variant_pricing(root, info)

    @staticmethod
    def resolve_channel_listings(root: ChannelContext[VariantModel], info: Any) -> Any:
        if not is_staff(info):
            return None
        return load_for(info.context, root, VariantListingsByVariantIdLoader, key=lambda v: v.pk)

    @staticmethod
    def resolve_attributes(
        root: ChannelContext[VariantModel], info: Any, variant_selection: Any = None
    ) -> list[Any]:
        values = load_for(info.context, root, AttributeValuesByVariantIdLoader, key=lambda v: v.pk)
        return group_selected(values or [])

    @staticmethod
    def resolve_media(root: ChannelContext[VariantModel], info: Any) -> list[Any]:
        return []  # media belong to products here; variants have none of their own yet

    @staticmethod
    def resolve_provenance(root: ChannelContext[VariantModel], info: Any) -> Any:
        from marketplace.graphql.provenance.dataloaders import (
            ProductProvenanceLoader,
            VariantProvenanceLoader,
        )

        own = load_for(info.context, root, VariantProvenanceLoader, key=lambda v: v.pk)
        if own is not None:
            return own
        return load_for(info.context, root, ProductProvenanceLoader, key=lambda v: v.product_id)

    @staticmethod
    def resolve_quantity_available(
        root: ChannelContext[VariantModel], info: Any, **_where: Any
    ) -> int:
        if not root.node.track_inventory:
            return 50  # Saleor's default cap for untracked variants
        found = load_for(info.context, root, QuantityAvailableLoader, key=lambda v: v.pk)
        return int(found or 0)


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariant
