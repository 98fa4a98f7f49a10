"""The demo payment gateway as a plugin: on unless DEMO_PAYMENTS_ENABLED says otherwise
(by default, whenever no Stripe key is configured). It is offered twice: under our id with
our card data, and under Saleor's dummy payment app id with that app's data contract."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from django.conf import settings

from marketplace.core.hooks import BasePlugin
from marketplace.payments.gateway import PaymentGateway

from .gateway import DemoGateway
from .saleor_dummy_app import DummyPaymentAppGateway


class DemoPaymentsPlugin(BasePlugin):
    name: ClassVar[str] = "demo_payments"

    def payment_gateways(self) -> Sequence[PaymentGateway]:
        if not settings.DEMO_PAYMENTS_ENABLED:
            return []
        return [DemoGateway(), DummyPaymentAppGateway()]
