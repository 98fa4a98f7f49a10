"""Stripe as a plugin: the payment gateway (also under Saleor's Stripe app id and contract,
saleor_stripe_app.py) and Connect payouts when STRIPE_SECRET_KEY is set,
and the webhook at /plugins/stripe/webhook/ (answers 400 until STRIPE_WEBHOOK_SECRET is set)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.conf import settings
from django.urls import path

from marketplace.core.hooks import BasePlugin
from marketplace.payments.gateway import PaymentGateway
from marketplace.payouts.gateway import PayoutGateway


class StripePaymentsPlugin(BasePlugin):
    name: ClassVar[str] = "stripe"

    def payment_gateways(self) -> Sequence[PaymentGateway]:
        from .gateway import StripeGateway
        from .saleor_stripe_app import SaleorStripeAppGateway

        if not settings.STRIPE_SECRET_KEY:
            return []
        return [StripeGateway(), SaleorStripeAppGateway()]

    def payout_gateways(self) -> Sequence[PayoutGateway]:
        from .payouts import StripeConnectPayouts

        return [StripeConnectPayouts()] if settings.STRIPE_SECRET_KEY else []

    def urls(self) -> Sequence[Any]:
        from .webhook import stripe_webhook

        return [path("webhook/", stripe_webhook, name="stripe-webhook")]
