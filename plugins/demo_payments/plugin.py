"""The demo payment gateway as a plugin: on unless DEMO_PAYMENTS_ENABLED says otherwise
(by default, whenever no Stripe key is configured)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from django.conf import settings

from marketplace.core.hooks import BasePlugin
from marketplace.payments.gateway import PaymentGateway

from .gateway import DemoGateway


class DemoPaymentsPlugin(BasePlugin):
    name: ClassVar[str] = "demo_payments"

    def payment_gateways(self) -> Sequence[PaymentGateway]:
        return [DemoGateway()] if settings.DEMO_PAYMENTS_ENABLED else []
