"""Stripe: PaymentIntents with automatic payment methods, the marketplace as merchant of
record. The storefront confirms the intent with Stripe.js using the client secret returned in
``transactionInitialize``'s data; Stripe's webhook (or ``transactionProcess``) reports back.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings

from marketplace.core.errors import DomainError
from marketplace.core.money import Money, currency_precision
from marketplace.payments.gateway import (
    GatewayConfigLine,
    GatewayResponse,
    PaymentGateway,
    PaymentRequest,
    RefundRequest,
)

STRIPE_GATEWAY_ID = "marketplace.payments.stripe"
# Presentment currencies Stripe accepts that matter to our markets (Stripe's list is longer;
# TND is not on it, so Tunisian-dinar channels need another gateway).
STRIPE_CURRENCIES = frozenset(
    [
        "AED",
        "AUD",
        "CAD",
        "CHF",
        "CNY",
        "DKK",
        "DZD",
        "EGP",
        "EUR",
        "GBP",
        "JPY",
        "MAD",
        "NOK",
        "NZD",
        "QAR",
        "SAR",
        "SEK",
        "SGD",
        "TRY",
        "USD",
    ]
)


def stripe_client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses=base or {}, max_network_retries=2
    )


def to_minor(amount: Decimal, currency: str) -> int:
    return Money.of(amount, currency).minor_units


def from_minor(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-currency_precision(currency))


def plain(obj: Any) -> dict[str, Any]:
    """A Stripe object (or an event's raw object) as plain dicts."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def intent_response(intent: Any, *, expected_amount: Decimal, currency: str) -> GatewayResponse:
    """What an intent's state means for our transaction. Amount and currency must match what
    was asked: anything else is recorded as information, never as a payment."""
    intent = plain(intent)
    status = intent["status"]
    reference = intent["id"]
    got_currency = str(intent["currency"]).upper()
    if got_currency != currency.upper() or int(intent["amount"]) != to_minor(
        expected_amount, currency
    ):
        return GatewayResponse(
            event="INFO",
            amount=Decimal(0),
            psp_reference=reference,
            message=(
                f"Stripe reports {intent['amount']} {got_currency} (minor units) where "
                f"{to_minor(expected_amount, currency)} {currency} was expected: not accepted."
            ),
            key=f"mismatch:{reference}:{status}:{intent['amount']}:{got_currency}",
        )
    if status == "succeeded":
        received = int(intent.get("amount_received") or intent["amount"])
        if received != to_minor(expected_amount, currency):
            return GatewayResponse(
                event="INFO",
                amount=Decimal(0),
                psp_reference=reference,
                message=f"Stripe received {received} minor units, not the amount asked.",
                key=f"mismatch-received:{reference}",
            )
        return GatewayResponse("CHARGE_SUCCESS", expected_amount, reference, "Paid by Stripe.")
    if status == "requires_capture":
        return GatewayResponse(
            "AUTHORIZATION_SUCCESS", expected_amount, reference, "Authorized by Stripe."
        )
    if status == "canceled":
        return GatewayResponse("CANCEL_SUCCESS", expected_amount, reference, "Canceled.")
    error = intent.get("last_payment_error")
    if status == "requires_payment_method" and error:
        return GatewayResponse(
            "CHARGE_FAILURE",
            expected_amount,
            reference,
            str(error.get("message") or "The payment failed."),
            key=f"CHARGE_FAILURE:{reference}:{error.get('charge') or error.get('code')}",
        )
    return GatewayResponse(
        "CHARGE_ACTION_REQUIRED",
        expected_amount,
        reference,
        "Waiting for the buyer to confirm the payment.",
        data={"client_secret": intent["client_secret"]},
    )


class StripeGateway(PaymentGateway):
    id = STRIPE_GATEWAY_ID
    name = "Stripe"
    currencies = STRIPE_CURRENCIES

    def config(self) -> list[GatewayConfigLine]:
        return [GatewayConfigLine("api_key", settings.STRIPE_PUBLISHABLE_KEY)]

    def initialize(self, *, amount: Decimal, currency: str, data: Mapping[str, Any] | None) -> Any:
        return {"publishable_key": settings.STRIPE_PUBLISHABLE_KEY}

    def start(self, request: PaymentRequest) -> GatewayResponse:
        params: dict[str, Any] = {
            "amount": to_minor(request.amount, request.currency),
            "currency": request.currency.lower(),
            "automatic_payment_methods": {"enabled": True},
            "metadata": {
                "transaction": str(request.transaction_token),
                "checkout": str(request.checkout_token),
            },
        }
        if request.email:
            params["receipt_email"] = request.email
        try:
            intent = stripe_client().v1.payment_intents.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": request.idempotency_key},
            )
        except stripe.StripeError as error:
            raise DomainError(
                f"Stripe refused the payment: {error.user_message or error}",
                field="paymentGateway",
                code="INVALID",
            ) from error
        response = intent_response(
            intent, expected_amount=request.amount, currency=request.currency
        )
        return GatewayResponse(
            event=response.event,
            amount=response.amount,
            psp_reference=response.psp_reference,
            message=response.message,
            data={"client_secret": intent["client_secret"], "payment_intent": intent["id"]},
            key=response.key,
        )

    def process(
        self, *, psp_reference: str, amount: Decimal, currency: str, data: Mapping[str, Any] | None
    ) -> GatewayResponse | None:
        try:
            intent = stripe_client().v1.payment_intents.retrieve(psp_reference)
        except stripe.StripeError as error:
            raise DomainError(f"Stripe could not be reached: {error}", field="id") from error
        return intent_response(intent, expected_amount=amount, currency=currency)

    def refund(self, request: RefundRequest) -> GatewayResponse:
        try:
            refund = stripe_client().v1.refunds.create(
                params={
                    "payment_intent": request.psp_reference,
                    "amount": to_minor(request.amount, request.currency),
                    "metadata": {"transaction": str(request.transaction_token)},
                },
                options={"idempotency_key": request.idempotency_key},
            )
        except stripe.StripeError as error:
            return GatewayResponse(
                "REFUND_FAILURE",
                request.amount,
                request.psp_reference,
                str(error)[:500],
                key=f"REFUND_FAILURE:{request.idempotency_key}",
            )
        refund = plain(refund)
        state = refund["status"]
        event = {"succeeded": "REFUND_SUCCESS", "pending": "REFUND_REQUEST"}.get(
            state, "REFUND_FAILURE"
        )
        return GatewayResponse(
            event,
            from_minor(int(refund["amount"]), request.currency),
            refund["id"],
            f"Stripe refund {state}.",
        )
