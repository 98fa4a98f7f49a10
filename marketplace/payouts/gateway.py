"""The payout gateway interface: how a balance reaches a workshop or cluster.

Gateways come from plugins (Stripe Connect) and from the core (bank transfer export, the
fallback for everyone else). ``pay`` must be idempotent for a given payout: it is retried.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PayoutInstruction:
    payout_id: int
    vendor_id: int
    vendor_name: str
    amount: Decimal
    currency: str
    stripe_account_id: str
    bank_holder: str
    bank_iban: str
    bank_bic: str
    idempotency_key: str
    transfer_group: str


@dataclass(frozen=True)
class PayoutResult:
    status: str  # "PAID" or "AWAITING_EXPORT"
    reference: str = ""


class PayoutError(Exception):
    """The provider refused or failed; ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class PayoutGateway(ABC):
    id: str
    priority: int = 0  # the highest-priority gateway that can pay an account is used

    @abstractmethod
    def can_pay(self, instruction: PayoutInstruction) -> bool: ...

    @abstractmethod
    def pay(self, instruction: PayoutInstruction) -> PayoutResult: ...


class BankTransferGateway(PayoutGateway):
    """Queues the payout for the next bank-transfer file (``payouts_export``)."""

    id = "bank_transfer"
    priority = -1

    def can_pay(self, instruction: PayoutInstruction) -> bool:
        return True

    def pay(self, instruction: PayoutInstruction) -> PayoutResult:
        return PayoutResult(status="AWAITING_EXPORT")
