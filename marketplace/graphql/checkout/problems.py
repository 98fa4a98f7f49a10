"""Saleor's CheckoutProblem union (the line problems we detect)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.problems import LineProblem
from marketplace.graphql.core.context import ChannelContext


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int()
    line = graphene.Field("marketplace.graphql.checkout.types.CheckoutLine", required=True)
    variant = graphene.Field("marketplace.graphql.catalog.variants.ProductVariant", required=True)

    @staticmethod
    def resolve_available_quantity(root: LineProblem, info: Any) -> int | None:
        return root.available

    @staticmethod
    def resolve_variant(root: LineProblem, info: Any) -> Any:
        return ChannelContext(node=root.line.variant, channel_slug=root.line.checkout.channel.slug)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field("marketplace.graphql.checkout.types.CheckoutLine", required=True)


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    """In Saleor's union for clients' fragments; never returned: delivery prices here are
    computed when asked, so they cannot go stale."""

    delivery = graphene.Field("marketplace.graphql.checkout.saleor_fields.Delivery", required=True)


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    """In Saleor's union for clients' fragments; never returned: a method that stops serving a
    parcel is dropped from the parcel, and the checkout then asks for one again."""

    delivery = graphene.Field("marketplace.graphql.checkout.saleor_fields.Delivery", required=True)


class CheckoutLineProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)

    @classmethod
    def resolve_type(cls, instance: LineProblem, info: Any) -> Any:
        return CheckoutProblem.resolve_type(instance, info)


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )

    @classmethod
    def resolve_type(cls, instance: LineProblem, info: Any) -> Any:
        if instance.kind == "insufficient_stock":
            return CheckoutLineProblemInsufficientStock
        return CheckoutLineProblemVariantNotAvailable
