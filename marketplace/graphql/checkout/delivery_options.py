"""Saleor's ``Delivery`` and ``deliveryOptionsCalculate``: the shipping methods that serve
every parcel of a checkout, each priced as the sum over the parcels (Saleor has one delivery
per checkout; a marketplace basket ships one parcel per workshop)."""

from __future__ import annotations

from typing import Any

import graphene
from graphql_relay import to_global_id

from marketplace.checkout.access import checkout_access
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.pricing import checkout_totals
from marketplace.graphql.core.mutations import error_type, run
from marketplace.shipping.quotes import ShippingQuote

from .delivery import ShippingMethod, shared_methods
from .mutations import _uuid

DELIVERY_CODES = ["GRAPHQL_ERROR", "NOT_FOUND", "INVALID"]
DeliveryOptionsCalculateErrorCode, DeliveryOptionsCalculateError = error_type(
    "DeliveryOptionsCalculate", DELIVERY_CODES
)


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True)
    shipping_method = graphene.Field(ShippingMethod)

    @staticmethod
    def of(checkout_token: Any, quote: ShippingQuote) -> Delivery:
        return Delivery(
            id=to_global_id("Delivery", f"{checkout_token}:{quote.method_id}"),
            shipping_method=quote,
        )


class DeliveryOptionsCalculate(graphene.Mutation):
    """Nothing is written: the answer is what checkoutDeliveryMethodUpdate would accept."""

    class Arguments:
        id = graphene.ID(required=True)

    deliveries = graphene.List(graphene.NonNull(Delivery), required=True)
    errors = graphene.List(graphene.NonNull(DeliveryOptionsCalculateError), required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        def work() -> list[Delivery]:
            checkout = checkout_access(
                actor=info.context.user, token=_uuid(id, "Checkout", "id")
            )
            totals = checkout_totals(checkout=checkout, lines=lines_for_pricing(checkout))
            return [
                Delivery.of(checkout.token, quote)
                for quote in shared_methods(totals.groups, totals.quotes)
            ]

        payload = run(cls, "deliveries", work, codes=DELIVERY_CODES)
        if payload.deliveries is None:
            payload.deliveries = []
        return payload
