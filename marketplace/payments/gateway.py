"""The payment gateway interface. Plugins provide gateways; the core never names one.

A gateway turns a request to take, process or give back money into a ``GatewayResponse``: the
event it observed (Saleor's TransactionEventTypeEnum), for how much, under which provider
reference, and any data the storefront needs (a client secret, say). Gateways raise
``DomainError`` for input they cannot use (an unknown card) and never touch the database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class PaymentRequest:
    transaction_token: UUID
    checkout_token: UUID
    amount: Decimal
    currency: str
    action: str  # "CHARGE" or "AUTHORIZATION"
    data: Mapping[str, Any] | None
    email: str
    idempotency_key: str


@dataclass(frozen=True)
class GatewayResponse:
    event: str
    amount: Decimal
    psp_reference: str
    message: str = ""
    data: Mapping[str, Any] | None = None
    external_url: str = ""
    currency: str = ""
    key: str = ""  # what makes the event unique; defaults to event type + reference


@dataclass(frozen=True)
class RefundRequest:
    transaction_token: UUID
    psp_reference: str
    amount: Decimal
    currency: str
    idempotency_key: str
    reason: str = ""


@dataclass(frozen=True)
class GatewayConfigLine:
    field: str
    value: str


class PaymentGateway(ABC):
    id: str
    name: str
    currencies: frozenset[str] | None = None  # None: any currency

    def accepts(self, currency: str) -> bool:
        return self.currencies is None or currency.upper() in self.currencies

    def config(self) -> list[GatewayConfigLine]:
        """Public settings a storefront may read (never a secret)."""
        return []

    def initialize(self, *, amount: Decimal, currency: str, data: Mapping[str, Any] | None) -> Any:
        """Answer to ``paymentGatewayInitialize``: what the storefront needs to show the form."""
        return {"currencies": sorted(self.currencies) if self.currencies else None}

    @abstractmethod
    def start(self, request: PaymentRequest) -> GatewayResponse:
        """Begin taking the payment (``transactionInitialize``)."""

    def process(
        self, *, psp_reference: str, amount: Decimal, currency: str, data: Mapping[str, Any] | None
    ) -> GatewayResponse | None:
        """Look again at a payment that needed the buyer (``transactionProcess``); None when
        there is nothing new."""
        return None

    @abstractmethod
    def refund(self, request: RefundRequest) -> GatewayResponse:
        """Give money back; REFUND_SUCCESS, REFUND_REQUEST (pending) or REFUND_FAILURE."""
