"""Saleor's stored payment methods and sources. Cards are not kept here between purchases
(each payment is entered on the gateway's own form), so a buyer's and a checkout's lists are
always empty; the types exist so that Saleor storefronts' account pages validate."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.scalars import JSON, PositiveDecimal
from marketplace.graphql.core.types import MetadataItem

TokenizedPaymentFlowEnum = graphene.Enum(
    "TokenizedPaymentFlowEnum", [("INTERACTIVE", "INTERACTIVE")]
)


class CreditCard(graphene.ObjectType):
    brand = graphene.String(required=True)
    first_digits = graphene.String()
    last_digits = graphene.String(required=True)
    exp_month = graphene.Int()
    exp_year = graphene.Int()


class StoredPaymentMethod(graphene.ObjectType):
    id = graphene.ID(required=True)
    gateway = graphene.Field("marketplace.graphql.payments.types.PaymentGateway", required=True)
    payment_method_id = graphene.String(required=True)
    credit_card_info = graphene.Field(CreditCard)
    supported_payment_flows = graphene.List(graphene.NonNull(TokenizedPaymentFlowEnum))
    type = graphene.String(required=True)
    name = graphene.String()
    data = graphene.Field(JSON)


class PaymentSource(graphene.ObjectType):
    gateway = graphene.String(required=True)
    payment_method_id = graphene.String()
    credit_card_info = graphene.Field(CreditCard)
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)


def _none_stored(*_args: Any, **_kwargs: Any) -> list[Any]:
    return []


def user_stored_payment_methods() -> graphene.List:
    return graphene.List(
        graphene.NonNull(StoredPaymentMethod),
        channel=graphene.String(required=True),
        resolver=_none_stored,
        description="Always empty: cards are not stored here between purchases.",
    )


def user_stored_payment_sources() -> graphene.List:
    return graphene.List(
        graphene.NonNull(PaymentSource),
        channel=graphene.String(),
        resolver=_none_stored,
        deprecation_reason="Use `storedPaymentMethods`.",
    )


def checkout_stored_payment_methods() -> graphene.List:
    return graphene.List(
        graphene.NonNull(StoredPaymentMethod),
        amount=graphene.Argument(PositiveDecimal),
        resolver=_none_stored,
        description="Always empty: cards are not stored here between purchases.",
    )
