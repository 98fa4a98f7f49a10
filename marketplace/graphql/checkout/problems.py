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


class CheckoutProblem(graphene.Union):
    class Meta:
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)

    @classmethod
    def resolve_type(cls, instance: LineProblem, info: Any) -> Any:
        if instance.kind == "insufficient_stock":
            return CheckoutLineProblemInsufficientStock
        return CheckoutLineProblemVariantNotAvailable
