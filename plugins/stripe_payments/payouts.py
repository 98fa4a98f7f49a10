"""Stripe Connect transfers: a workshop with a connected account is paid by a transfer from
the marketplace's balance, grouped by ``transfer_group`` and keyed by the payout id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import stripe
from django.conf import settings

from marketplace.payouts.gateway import PayoutError, PayoutGateway, PayoutInstruction, PayoutResult

from .gateway import STRIPE_CURRENCIES, stripe_client, to_minor

TransferCreate = Callable[..., Any]


def _create_transfer(*, params: dict[str, Any], options: dict[str, Any]) -> Any:
    return stripe_client().v1.transfers.create(params=params, options=options)  # type: ignore[arg-type]


class StripeConnectPayouts(PayoutGateway):
    id = "stripe_connect"
    priority = 10

    def __init__(self, create_transfer: TransferCreate = _create_transfer) -> None:
        self._create_transfer = create_transfer

    def can_pay(self, instruction: PayoutInstruction) -> bool:
        return bool(
            settings.STRIPE_SECRET_KEY
            and instruction.stripe_account_id
            and instruction.currency.upper() in STRIPE_CURRENCIES
        )

    def pay(self, instruction: PayoutInstruction) -> PayoutResult:
        try:
            transfer = self._create_transfer(
                params={
                    "amount": to_minor(instruction.amount, instruction.currency),
                    "currency": instruction.currency.lower(),
                    "destination": instruction.stripe_account_id,
                    "transfer_group": instruction.transfer_group,
                    "metadata": {"payout": str(instruction.payout_id)},
                },
                options={"idempotency_key": instruction.idempotency_key},
            )
        except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as error:
            raise PayoutError(f"Stripe is unavailable: {error}", retryable=True) from error
        except stripe.StripeError as error:
            raise PayoutError(f"Stripe refused the transfer: {error}", retryable=False) from error
        return PayoutResult(status="PAID", reference=str(transfer["id"]))
