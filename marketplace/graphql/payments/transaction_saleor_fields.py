"""TransactionItem fields of Saleor 3.23 beyond the amounts: the checkout or order it pays,
the provider's page for it, and the metadata interface (transactions here carry none, so it
answers empty). Payments are charged at once here, so nothing is ever pending authorization
or cancellation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.core.types import Money, MoneyValue


class PaymentMethodDetails(graphene.Interface):
    name = graphene.String(required=True)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return (
            CardPaymentMethodDetails
            if getattr(instance, "brand", None)
            else (OtherPaymentMethodDetails)
        )


class CardPaymentMethodDetails(graphene.ObjectType):
    brand = graphene.String()
    first_digits = graphene.String()
    last_digits = graphene.String()
    exp_month = graphene.Int()
    exp_year = graphene.Int()

    class Meta:
        interfaces = (PaymentMethodDetails,)


class OtherPaymentMethodDetails(graphene.ObjectType):
    class Meta:
        interfaces = (PaymentMethodDetails,)


class TransactionSaleorFields(graphene.ObjectType):
    class Meta:
        abstract = True

    payment_method_details = graphene.Field(
        PaymentMethodDetails,
        resolver=lambda *_a, **_k: None,
        description="Always null: the gateways here do not report the card or method used.",
    )

    authorize_pending_amount = graphene.Field(Money, required=True)
    cancel_pending_amount = graphene.Field(Money, required=True)
    refund_pending_amount = graphene.Field(Money, required=True)
    checkout = graphene.Field("marketplace.graphql.checkout.types.Checkout")
    order = graphene.Field("marketplace.graphql.orders.order.Order")
    external_url = graphene.String(required=True)
    reason = graphene.String(description="Always null: refund reasons are messages here.")
    reason_reference = graphene.Field(
        "marketplace.graphql.content.types.Page", description="Always null."
    )

    @staticmethod
    def resolve_authorize_pending_amount(root: Any, info: Any) -> MoneyValue:
        return Money.build(Decimal(0), root.currency)

    @staticmethod
    def resolve_cancel_pending_amount(root: Any, info: Any) -> MoneyValue:
        return Money.build(Decimal(0), root.currency)

    @staticmethod
    def resolve_refund_pending_amount(root: Any, info: Any) -> MoneyValue:
        return Money.build(Decimal(0), root.currency)  # refunds are made at once here

    @staticmethod
    def resolve_checkout(root: Any, info: Any) -> Any:
        """The basket it pays, while it is one (it becomes the order's once completed)."""
        if root.order_id is not None:
            return None
        from marketplace.checkout.models import Checkout

        return Checkout.objects.select_related("channel").filter(token=root.checkout_token).first()

    @staticmethod
    def resolve_order(root: Any, info: Any) -> Any:
        return root.order if root.order_id is not None else None

    @staticmethod
    def resolve_external_url(root: Any, info: Any) -> str:
        events = list(root.events.all())
        return next((e.external_url for e in reversed(events) if e.external_url), "")

    @staticmethod
    def resolve_reason(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_reason_reference(root: Any, info: Any) -> None:
        return None

    # The metadata interface: transactions carry none here.
    @staticmethod
    def resolve_metadata(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_private_metadata(root: Any, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_metafield(root: Any, info: Any, key: str) -> None:
        return None

    @staticmethod
    def resolve_private_metafield(root: Any, info: Any, key: str) -> None:
        return None

    @staticmethod
    def resolve_metafields(root: Any, info: Any, keys: list[str] | None = None) -> dict[str, Any]:
        return {}

    @staticmethod
    def resolve_private_metafields(
        root: Any, info: Any, keys: list[str] | None = None
    ) -> dict[str, Any]:
        return {}
