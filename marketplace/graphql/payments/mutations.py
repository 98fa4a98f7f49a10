"""paymentGatewayInitialize, transactionInitialize, transactionProcess."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

import graphene

from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.pricing import checkout_totals
from marketplace.checkout.services import checkout_get
from marketplace.core.errors import DomainError
from marketplace.payments.checkout_payment import checkout_payment_start
from marketplace.payments.services import (
    FAILURE,
    payment_amount,
    payment_gateway_get,
    transaction_process,
)

from ..checkout.mutations import _checkout_checked, _checkout_ref, _uuid
from ..core.mutations import error_type, run
from ..core.scalars import JSON, PositiveDecimal
from .types import TransactionEvent, TransactionFlowStrategyEnum, TransactionItem

INIT_CODES = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "UNIQUE", "CHECKOUT_COMPLETION_IN_PROGRESS"]
PROCESS_CODES = [
    "GRAPHQL_ERROR",
    "INVALID",
    "NOT_FOUND",
    "TRANSACTION_ALREADY_PROCESSED",
    "MISSING_PAYMENT_APP_RELATION",
    "MISSING_PAYMENT_APP",
    "CHECKOUT_COMPLETION_IN_PROGRESS",
]


GATEWAY_CODES = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND"]
_, PaymentGatewayInitializeError = error_type("PaymentGatewayInitialize", GATEWAY_CODES)
_, PaymentGatewayConfigError = error_type("PaymentGatewayConfig", GATEWAY_CODES)
_, TransactionInitializeError = error_type("TransactionInitialize", INIT_CODES)
_, TransactionProcessError = error_type("TransactionProcess", PROCESS_CODES)


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(required=True)
    data = JSON()


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = JSON()
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


def _checkout_due(info: Any, global_id: str) -> tuple[Any, Decimal]:
    """The checkout the caller may pay (read once: access and payment share it) and its total."""
    checked = _checkout_checked(info, id=global_id)
    checkout = checkout_get(token=checked.token, loaded=checked)
    lines = lines_for_pricing(checkout)
    if not lines:
        raise DomainError("The checkout has no lines to pay for.", field="id", code="INVALID")
    return checkout, checkout_totals(checkout=checkout, lines=lines).total


class PaymentGatewayInitialize(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        amount = PositiveDecimal()
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize))

    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig))
    errors = graphene.List(graphene.NonNull(PaymentGatewayInitializeError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        id: str,
        amount: Decimal | None = None,
        payment_gateways: list[dict[str, Any]] | None = None,
    ) -> Any:
        def work() -> list[PaymentGatewayConfig]:
            from marketplace.payments.services import payment_gateways as installed

            checkout, due = _checkout_due(info, id)
            asked = (
                payment_amount(amount=amount, currency=checkout.currency)
                if amount is not None
                else due
            )
            wanted = payment_gateways or [
                {"id": g.id, "data": None} for g in installed(currency=checkout.currency)
            ]
            configs = []
            for item in wanted:
                try:
                    gateway = payment_gateway_get(gateway_id=item["id"], currency=checkout.currency)
                    data = gateway.initialize(
                        amount=asked, currency=checkout.currency, data=item.get("data")
                    )
                    configs.append(PaymentGatewayConfig(id=item["id"], data=data, errors=[]))
                except DomainError as error:
                    problem = {"field": "id", "message": error.message, "code": error.code}
                    if problem["code"] not in ("INVALID", "NOT_FOUND"):
                        problem["code"] = "INVALID"
                    configs.append(PaymentGatewayConfig(id=item["id"], data=None, errors=[problem]))
            return configs

        return run(cls, "gateway_configs", work, codes=GATEWAY_CODES)


class TransactionMutation(graphene.Mutation):
    class Meta:
        abstract = True

    transaction = graphene.Field(TransactionItem)
    transaction_event = graphene.Field(TransactionEvent)
    data = JSON()


def _outcome(cls: Any, codes: list[str], work: Callable[[], Any]) -> Any:
    """The transaction, its latest event and the gateway's data; a declined payment is also
    reported in ``errors`` so a storefront that reads only errors still says why."""

    def run_work() -> dict[str, Any]:
        txn, event, data = work()
        return {"transaction": txn, "transaction_event": event, "data": data}

    payload = run(cls, None, run_work, codes=codes)
    event = getattr(payload, "transaction_event", None)
    if event is not None and event.type in FAILURE:
        payload.errors = [{"field": "paymentGateway", "message": event.message, "code": "INVALID"}]
    return payload


class TransactionInitialize(TransactionMutation):
    class Arguments:
        id = graphene.ID(required=True)
        payment_gateway = PaymentGatewayToInitialize(required=True)
        amount = PositiveDecimal()
        idempotency_key = graphene.String()
        action = graphene.Argument(TransactionFlowStrategyEnum)
        customer_ip_address = graphene.String()

    errors = graphene.List(graphene.NonNull(TransactionInitializeError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        id: str,
        payment_gateway: dict[str, Any],
        amount: Decimal | None = None,
        idempotency_key: str | None = None,
        action: Any = None,
        customer_ip_address: str | None = None,
    ) -> Any:
        def work() -> Any:
            return checkout_payment_start(
                actor=info.context.user,
                token=_checkout_ref(id=id),
                gateway_id=payment_gateway["id"],
                data=payment_gateway.get("data"),
                amount=amount,
                idempotency_key=idempotency_key,
                action=str(getattr(action, "value", action) or "CHARGE"),
            )

        return _outcome(cls, INIT_CODES, work)


class TransactionProcess(TransactionMutation):
    class Arguments:
        id = graphene.ID()
        token = graphene.UUID()
        data = JSON()
        customer_ip_address = graphene.String()

    errors = graphene.List(graphene.NonNull(TransactionProcessError), required=True)

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        id: str | None = None,
        token: UUID | None = None,
        data: Any = None,
        customer_ip_address: str | None = None,
    ) -> Any:
        def work() -> Any:
            txn_token = token or _uuid(id, "TransactionItem", "id")
            return transaction_process(
                actor=info.context.user, transaction_token=txn_token, data=data
            )

        return _outcome(cls, PROCESS_CODES, work)


__all__ = ["PaymentGatewayInitialize", "TransactionInitialize", "TransactionProcess"]
