"""Our Stripe gateway under the id and data contract of Saleor's Stripe app
(``saleor.app.payment.stripe``), so a Saleor storefront's Stripe Payment Element works here.

- ``paymentGatewayInitialize`` answers ``{"stripePublishableKey": "pk_…"}`` (the app's
  shape; ``publishableKey`` carries the same key for the app's earlier versions).
- ``transactionInitialize`` takes ``{"paymentIntent": {"paymentMethod": "card"}}`` and answers
  ``{"paymentIntent": {"stripeClientSecret": "pi_…_secret_…"}}``; the storefront confirms
  the intent with Stripe.js, and Stripe's webhook or ``transactionProcess`` reports back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.conf import settings

from marketplace.core.errors import DomainError
from marketplace.payments.gateway import GatewayResponse, PaymentRequest

from .gateway import StripeGateway

SALEOR_STRIPE_APP_ID = "saleor.app.payment.stripe"
# Payment Element methods the app names; the intent itself offers automatic payment methods.
PAYMENT_METHODS = {"card", "apple_pay", "google_pay", "paypal", "klarna", "sepa_debit", "link"}


def _check(data: Mapping[str, Any] | None) -> None:
    if data is None:
        return
    intent = data.get("paymentIntent") if isinstance(data, Mapping) else None
    method = intent.get("paymentMethod") if isinstance(intent, Mapping) else None
    if not isinstance(intent, Mapping) or (method is not None and method not in PAYMENT_METHODS):
        raise DomainError(
            'Saleor\'s Stripe app expects data like {"paymentIntent": {"paymentMethod": "card"}}'
            f"; paymentMethod is one of {', '.join(sorted(PAYMENT_METHODS))}.",
            field="data",
            code="INVALID",
        )


def _app_data(response: GatewayResponse) -> dict[str, Any]:
    secret = (response.data or {}).get("client_secret")
    return {"paymentIntent": {"stripeClientSecret": secret}}


class SaleorStripeAppGateway(StripeGateway):
    id = SALEOR_STRIPE_APP_ID

    def initialize(self, *, amount: Decimal, currency: str, data: Mapping[str, Any] | None) -> Any:
        key = settings.STRIPE_PUBLISHABLE_KEY
        return {"stripePublishableKey": key, "publishableKey": key}

    def start(self, request: PaymentRequest) -> GatewayResponse:
        _check(request.data)
        response = super().start(request)
        return replace(response, data=_app_data(response))

    def process(
        self, *, psp_reference: str, amount: Decimal, currency: str, data: Mapping[str, Any] | None
    ) -> GatewayResponse | None:
        response = super().process(
            psp_reference=psp_reference, amount=amount, currency=currency, data=data
        )
        if response is None or response.data is None:
            return response
        return replace(response, data=_app_data(response))
