"""Channel listings, visible to staff (Saleor asks for product-management permission)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.channels.types import Channel, channel_by_id
from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.types import Money, MoneyValue, channel_context_resolver

from .pricing import is_available_for_purchase


class ProductChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)
    visible_in_listings = graphene.Boolean(required=True)
    available_for_purchase_at = graphene.DateTime()
    discounted_price = graphene.Field(Money)
    is_available_for_purchase = graphene.Boolean()
    publication_date = graphene.Date(deprecation_reason="Use `publishedAt`.")
    available_for_purchase = graphene.Date(deprecation_reason="Use `availableForPurchaseAt`.")
    pricing = graphene.Field(
        "marketplace.graphql.catalog.pricing.ProductPricingInfo",
        address=graphene.Argument(
            "marketplace.graphql.accounts.types.AddressInput",
            description="Accepted for Saleor clients: prices here do not depend on it.",
        ),
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_channel(root: Any, info: Any) -> Any:
        return channel_by_id(info, root.channel_id)

    @staticmethod
    def resolve_discounted_price(root: Any, info: Any) -> MoneyValue | None:
        if root.discounted_price_amount is None:
            return None
        return Money.build(root.discounted_price_amount, root.currency)

    @staticmethod
    def resolve_is_available_for_purchase(root: Any, info: Any) -> bool:
        return is_available_for_purchase(root)

    @staticmethod
    def resolve_publication_date(root: Any, info: Any) -> Any:
        return root.published_at.date() if root.published_at else None

    @staticmethod
    def resolve_available_for_purchase(root: Any, info: Any) -> Any:
        moment = root.available_for_purchase_at
        return moment.date() if moment else None

    @staticmethod
    def resolve_pricing(root: Any, info: Any, address: Any = None) -> Any:
        from marketplace.catalog.models import Product as ProductModel

        from .pricing import resolve_product_pricing

        channel = channel_by_id(info, root.channel_id)
        product = ProductModel(pk=root.product_id)  # only its id keys the price loads
        in_channel = ChannelContext(node=product, channel_slug=channel.slug if channel else None)
        return resolve_product_pricing(in_channel, info)


class ProductVariantChannelListing(graphene.ObjectType):
    channel = graphene.Field(Channel, required=True)
    price = graphene.Field(Money)
    cost_price = graphene.Field(Money)
    prior_price = graphene.Field(Money, description="Always null: no prior price is recorded.")
    preorder_threshold = graphene.Field(
        "marketplace.graphql.catalog.variant_saleor_fields.PreorderThreshold",
        deprecation_reason="Nothing is sold before it is made here: always null.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_channel(root: Any, info: Any) -> Any:
        return channel_by_id(info, root.channel_id)

    @staticmethod
    def resolve_price(root: Any, info: Any) -> MoneyValue:
        return Money.build(root.price_amount, root.currency)

    @staticmethod
    def resolve_prior_price(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_preorder_threshold(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_cost_price(root: Any, info: Any) -> MoneyValue | None:
        if root.cost_price_amount is None:
            return None
        return Money.build(root.cost_price_amount, root.currency)


class CollectionChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime()
    publication_date = graphene.Date(deprecation_reason="Use `publishedAt`.")
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)

    @staticmethod
    def resolve_publication_date(root: Any, info: Any) -> Any:
        return root.published_at.date() if root.published_at else None

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_channel(root: Any, info: Any) -> Any:
        return channel_by_id(info, root.channel_id)
