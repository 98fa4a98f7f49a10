"""Channel listings, visible to staff (Saleor asks for product-management permission)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.channels.types import Channel, channel_by_id
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


class ProductVariantChannelListing(graphene.ObjectType):
    channel = graphene.Field(Channel, required=True)
    price = graphene.Field(Money)
    cost_price = graphene.Field(Money)

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
    def resolve_cost_price(root: Any, info: Any) -> MoneyValue | None:
        if root.cost_price_amount is None:
            return None
        return Money.build(root.cost_price_amount, root.currency)


class CollectionChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime()
    is_published = graphene.Boolean(required=True)
    channel = graphene.Field(Channel, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_channel(root: Any, info: Any) -> Any:
        return channel_by_id(info, root.channel_id)
