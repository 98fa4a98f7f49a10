"""Saleor's ``Delivery`` and ``deliveryOptionsCalculate``: the shipping methods that serve
every parcel of a checkout, each priced as the sum over the parcels (Saleor has one delivery
per checkout; a marketplace basket ships one parcel per workshop)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.access import checkout_access
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.pricing import checkout_totals
from marketplace.graphql.core.mutations import error_type, run

from .delivery import shared_methods
from .mutations import _uuid
from .saleor_fields import Delivery

DELIVERY_CODES = ["GRAPHQL_ERROR", "NOT_FOUND", "INVALID"]
DeliveryOptionsCalculateErrorCode, DeliveryOptionsCalculateError = error_type(
    "DeliveryOptionsCalculate", DELIVERY_CODES
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
            checkout = checkout_access(actor=info.context.user, token=_uuid(id, "Checkout", "id"))
            totals = checkout_totals(checkout=checkout, lines=lines_for_pricing(checkout))
            return [
                Delivery.of(checkout.token, quote)
                for quote in shared_methods(totals.groups, totals.quotes)
            ]

        payload = run(cls, "deliveries", work, codes=DELIVERY_CODES)
        if payload.deliveries is None:
            payload.deliveries = []
        return payload
