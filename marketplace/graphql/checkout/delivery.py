"""Shipping methods and delivery groups of a checkout (one parcel per workshop)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.core.types import Money, MoneyValue, Weight
from marketplace.shipping.quotes import DeliveryGroup as DeliveryGroupValue
from marketplace.shipping.quotes import ShippingQuote


class ShippingMethod(graphene.ObjectType):
    """A way to ship, priced for this checkout."""

    name = graphene.String(required=True)
    description = graphene.JSONString()
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()
    price = graphene.Field(Money, required=True)
    active = graphene.Boolean(required=True)
    message = graphene.String()
    carrier = graphene.String(description="Marketplace extension.")
    service = graphene.String(description="Marketplace extension.")

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: ShippingQuote, info: Any) -> int:
        return root.method_id

    @staticmethod
    def resolve_maximum_delivery_days(root: ShippingQuote, info: Any) -> int | None:
        return root.max_days

    @staticmethod
    def resolve_minimum_delivery_days(root: ShippingQuote, info: Any) -> int | None:
        return root.min_days

    @staticmethod
    def resolve_price(root: ShippingQuote, info: Any) -> MoneyValue:
        return Money.build(root.price, root.currency)

    @staticmethod
    def resolve_active(root: ShippingQuote, info: Any) -> bool:
        return True


class ParcelWeight(graphene.ObjectType):
    actual = graphene.Field(Weight, required=True)
    volumetric = graphene.Field(Weight, required=True)
    chargeable = graphene.Field(Weight, required=True)


class DeliveryGroup(graphene.ObjectType):
    """Marketplace extension: one workshop's parcel, its methods and the one chosen."""

    vendor = graphene.Field("marketplace.graphql.vendors.types.Vendor", required=True)
    lines = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.types.CheckoutLine"), required=True
    )
    weight = graphene.Field(ParcelWeight, required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    selected_method = graphene.Field(ShippingMethod)


def delivery_group(
    group: DeliveryGroupValue, quotes: list[ShippingQuote], chosen: ShippingQuote | None
) -> DeliveryGroup:
    return DeliveryGroup(
        vendor=group.vendor,
        lines=group.lines,
        weight=ParcelWeight(
            actual=Weight.from_kg(group.weight.actual_kg),
            volumetric=Weight.from_kg(group.weight.volumetric_kg),
            chargeable=Weight.from_kg(group.weight.chargeable_kg),
        ),
        shipping_methods=quotes,
        selected_method=chosen,
    )


def shared_methods(
    groups: list[DeliveryGroupValue], quotes: dict[int, list[ShippingQuote]]
) -> list[ShippingQuote]:
    """Methods that serve every parcel, priced as the sum over the parcels."""
    if not groups:
        return []
    common = set.intersection(*({q.method_id for q in quotes.get(g.vendor.pk, [])} for g in groups))
    merged = []
    for quote in quotes.get(groups[0].vendor.pk, []):
        if quote.method_id in common:
            total = sum(
                (
                    next(q.price for q in quotes[g.vendor.pk] if q.method_id == quote.method_id)
                    for g in groups
                ),
                Decimal(0),
            )
            merged.append(
                ShippingQuote(
                    quote.method_id,
                    quote.name,
                    quote.carrier,
                    quote.service,
                    quote.min_days,
                    quote.max_days,
                    total,
                    quote.currency,
                )
            )
    return merged
