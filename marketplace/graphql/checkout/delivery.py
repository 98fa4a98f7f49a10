"""Shipping methods and delivery groups of a checkout (one parcel per workshop)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.checkout.shipping_method_fields import ShippingMethodSaleorFields
from marketplace.graphql.core.types import Money, MoneyValue, ObjectWithMetadata, Weight
from marketplace.graphql.orders.allocations import Warehouse
from marketplace.shipping.customs import CustomsDeclaration as CustomsValue
from marketplace.shipping.quotes import DeliveryGroup as DeliveryGroupValue
from marketplace.shipping.quotes import ShippingQuote


class ShippingMethod(ShippingMethodSaleorFields):
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
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

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


class CustomsLine(graphene.ObjectType):
    description = graphene.String(required=True)
    hs_code = graphene.String(required=True)
    origin_country = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    value = graphene.Field(Money, required=True)
    weight = graphene.Field(Weight, required=True)
    duty_rate = graphene.Decimal(required=True, description="0.037 is 3.7 %.")


class CustomsDeclaration(graphene.ObjectType):
    """Marketplace extension: the parcel's customs declaration (CN22 up to 300 SDR, else
    CN23) and its estimated import duties."""

    form = graphene.String(required=True)
    declared_value = graphene.Field(Money, required=True)
    duties_estimate = graphene.Field(Money, required=True)
    lines = graphene.List(graphene.NonNull(CustomsLine), required=True)


def customs_declaration(value: CustomsValue) -> CustomsDeclaration:
    return CustomsDeclaration(
        form=value.form,
        declared_value=Money.build(value.declared_value, value.currency),
        duties_estimate=Money.build(value.duties, value.currency),
        lines=[
            CustomsLine(
                description=line.description,
                hs_code=line.hs_code,
                origin_country=line.origin_country,
                quantity=line.quantity,
                value=Money.build(line.value, value.currency),
                weight=Weight.from_kg(line.weight_kg),
                duty_rate=line.duty_rate,
            )
            for line in value.lines
        ],
    )


class DeliveryGroup(graphene.ObjectType):
    """Marketplace extension: one workshop's parcel, its methods and the one chosen."""

    vendor = graphene.Field("marketplace.graphql.vendors.types.Vendor", required=True)
    lines = graphene.List(
        graphene.NonNull("marketplace.graphql.checkout.types.CheckoutLine"), required=True
    )
    weight = graphene.Field(ParcelWeight, required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), required=True)
    selected_method = graphene.Field(ShippingMethod)
    customs = graphene.Field(
        CustomsDeclaration, description="Set when the parcel crosses a border."
    )

    @staticmethod
    def resolve_customs(root: Any, info: Any) -> CustomsDeclaration | None:
        value = root.customs()
        return customs_declaration(value) if value else None


def delivery_group(
    group: DeliveryGroupValue,
    quotes: list[ShippingQuote],
    chosen: ShippingQuote | None,
    customs: Callable[[], CustomsValue | None] = lambda: None,
) -> DeliveryGroup:
    """``customs``: the parcel's declaration, worked out only if the query asks for it."""
    return DeliveryGroup(
        customs=customs,
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
            merged.append(replace(quote, price=total))
    return merged


class DeliveryMethod(graphene.Union):
    """Saleor's union (Warehouse | ShippingMethod); collection points are not offered here."""

    class Meta:
        types = (ShippingMethod, Warehouse)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return ShippingMethod  # parcels are shipped, never collected from a warehouse
