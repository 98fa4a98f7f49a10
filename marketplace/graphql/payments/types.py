"""PaymentGateway, TransactionItem and TransactionEvent in Saleor's shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene

from marketplace.payments.gateway import PaymentGateway as Gateway
from marketplace.payments.models import EventType
from marketplace.payments.models import Transaction as TransactionModel
from marketplace.payments.models import TransactionEvent as TransactionEventModel

from ..core.types import Money, MoneyValue, ObjectWithMetadata
from .transaction_saleor_fields import TransactionSaleorFields

# Saleor's events that no gateway here reports (chargebacks, authorization adjustments,
# cancel requests, refund reversals) are in the enum all the same, for clients that list it.
_SALEOR_ONLY_EVENTS = (
    "AUTHORIZATION_ADJUSTMENT",
    "CANCEL_REQUEST",
    "CHARGE_BACK",
    "REFUND_REVERSE",
)
TransactionEventTypeEnum = graphene.Enum(
    "TransactionEventTypeEnum",
    [
        (c, c)
        for c in [*EventType.values, *(e for e in _SALEOR_ONLY_EVENTS if e not in EventType.values)]
    ],
)
TransactionActionEnum = graphene.Enum(
    "TransactionActionEnum", [(c, c) for c in ("CHARGE", "REFUND", "CANCEL")]
)
TransactionFlowStrategyEnum = graphene.Enum(
    "TransactionFlowStrategyEnum", [(c, c) for c in ("AUTHORIZATION", "CHARGE")]
)


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()


@dataclass(frozen=True)
class GatewayForCurrency:
    gateway: Gateway
    currency: str


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True)
    id = graphene.ID(required=True)
    config = graphene.List(graphene.NonNull(GatewayConfigLine), required=True)
    currencies = graphene.List(graphene.NonNull(graphene.String), required=True)

    @staticmethod
    def resolve_name(root: GatewayForCurrency, info: Any) -> str:
        return root.gateway.name

    @staticmethod
    def resolve_id(root: GatewayForCurrency, info: Any) -> str:
        return root.gateway.id

    @staticmethod
    def resolve_config(root: GatewayForCurrency, info: Any) -> list[Any]:
        return root.gateway.config()

    @staticmethod
    def resolve_currencies(root: GatewayForCurrency, info: Any) -> list[str]:
        return [root.currency]


class TransactionEvent(graphene.ObjectType):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True)
    message = graphene.String(required=True)
    external_url = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    type = graphene.Field(TransactionEventTypeEnum)
    idempotency_key = graphene.String()
    reason_reference = graphene.Field(
        "marketplace.graphql.content.types.Page",
        resolver=lambda *_a, **_k: None,
        description="Always null: events here carry their reason as the message.",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_amount(root: TransactionEventModel, info: Any) -> MoneyValue:
        return Money.build(root.amount, root.transaction.currency)

    @staticmethod
    def resolve_idempotency_key(root: TransactionEventModel, info: Any) -> str | None:
        return None


def _money(field: str) -> Any:
    def resolve(root: TransactionModel, info: Any) -> MoneyValue:
        return Money.build(getattr(root, field), root.currency)

    return resolve


class TransactionItem(TransactionSaleorFields):
    token = graphene.UUID(required=True)
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.List(graphene.NonNull(TransactionActionEnum), required=True)
    authorized_amount = graphene.Field(Money, required=True, resolver=_money("authorized"))
    charged_amount = graphene.Field(Money, required=True, resolver=_money("charged"))
    charge_pending_amount = graphene.Field(Money, required=True, resolver=_money("charge_pending"))
    refunded_amount = graphene.Field(Money, required=True, resolver=_money("refunded"))
    canceled_amount = graphene.Field(Money, required=True, resolver=_money("canceled"))
    name = graphene.String(required=True)
    message = graphene.String(required=True)
    psp_reference = graphene.String(required=True)
    events = graphene.List(graphene.NonNull(TransactionEvent), required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: TransactionModel, info: Any) -> str:
        return str(root.token)

    @staticmethod
    def resolve_actions(root: TransactionModel, info: Any) -> list[str]:
        actions = []
        if root.captured_net > 0:
            actions.append("REFUND")
        if root.authorized > 0:
            actions.extend(["CHARGE", "CANCEL"])
        return actions

    @staticmethod
    def resolve_events(root: TransactionModel, info: Any) -> Any:
        return root.events.all()
