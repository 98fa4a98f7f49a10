"""Stripe Connect transfers, tested at the payout-gateway interface (localstripe has no
Connect): the transfer asked of Stripe, and how Stripe's failures are classed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import stripe

from marketplace.payouts.gateway import PayoutError, PayoutInstruction
from plugins.stripe_payments.payouts import StripeConnectPayouts


def instruction(**changes: Any) -> PayoutInstruction:
    values: dict[str, Any] = {
        "payout_id": 41,
        "vendor_id": 7,
        "vendor_name": "Atelier Souika",
        "amount": Decimal("182.75"),
        "currency": "EUR",
        "stripe_account_id": "acct_1Souika",
        "bank_holder": "",
        "bank_iban": "",
        "bank_bic": "",
        "idempotency_key": "payout-41",
        "transfer_group": "payout-41",
    }
    values.update(changes)
    return PayoutInstruction(**values)


def test_a_transfer_to_the_connected_account_keyed_by_the_payout(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_marketplace"
    asked: list[dict[str, Any]] = []

    def create_transfer(*, params: dict[str, Any], options: dict[str, Any]) -> dict[str, str]:
        asked.append({"params": params, "options": options})
        return {"id": "tr_123"}

    gateway = StripeConnectPayouts(create_transfer)
    assert gateway.can_pay(instruction())
    assert not gateway.can_pay(instruction(stripe_account_id=""))
    assert not gateway.can_pay(instruction(currency="TND"))
    result = gateway.pay(instruction())
    assert (result.status, result.reference) == ("PAID", "tr_123")
    assert asked == [
        {
            "params": {
                "amount": 18275,
                "currency": "eur",
                "destination": "acct_1Souika",
                "transfer_group": "payout-41",
                "metadata": {"payout": "41"},
            },
            "options": {"idempotency_key": "payout-41"},
        }
    ]


def test_without_a_stripe_key_connect_pays_no_one(settings):
    settings.STRIPE_SECRET_KEY = ""
    assert not StripeConnectPayouts(lambda **_: None).can_pay(instruction())


@pytest.mark.parametrize(
    ("error", "retryable"),
    [
        (stripe.APIConnectionError("network down"), True),
        (stripe.RateLimitError("slow down"), True),
        (
            stripe.InvalidRequestError("No such destination: acct_1Souika", param="destination"),
            False,
        ),
    ],
)
def test_stripe_failures_say_whether_to_retry(settings, error, retryable):
    settings.STRIPE_SECRET_KEY = "sk_test_marketplace"

    def failing(**_: Any) -> None:
        raise error

    with pytest.raises(PayoutError) as raised:
        StripeConnectPayouts(failing).pay(instruction())
    assert raised.value.retryable is retryable
