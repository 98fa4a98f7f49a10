"""A payment gateway that takes no real money, for the demo and for trying a storefront.

Cards (``data: {"card": "..."}``): 4242 4242 4242 4242, or no data at all, pays at once; 4000 0000
0000 0002 is declined; any other number that passes the Luhn check pays; anything else is an
input error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marketplace.core.errors import DomainError
from marketplace.payments.gateway import (
    GatewayConfigLine,
    GatewayResponse,
    PaymentGateway,
    PaymentRequest,
    RefundRequest,
)

DEMO_GATEWAY_ID = "marketplace.payments.demo"
PAYING_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"


def _luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _card(data: Mapping[str, Any] | None) -> str:
    if data is None:
        return PAYING_CARD
    if not isinstance(data, Mapping):
        raise DomainError(
            'The demo gateway expects data like {"card": "4242424242424242"}.',
            field="data",
            code="INVALID",
        )
    raw = data.get("card", PAYING_CARD)
    number = "".join(str(raw).split()).replace("-", "")
    if not (number.isdigit() and 12 <= len(number) <= 19 and _luhn_ok(number)):
        raise DomainError(
            f"{raw!r} is not a card number. Use {PAYING_CARD} to pay or {DECLINED_CARD} to "
            "see a decline.",
            field="data",
            code="INVALID",
        )
    return number


class DemoGateway(PaymentGateway):
    id = DEMO_GATEWAY_ID
    name = "Demo payments (no real money)"
    currencies = None

    def config(self) -> list[GatewayConfigLine]:
        return [
            GatewayConfigLine("paying_card", PAYING_CARD),
            GatewayConfigLine("declined_card", DECLINED_CARD),
        ]

    def initialize(self, *, amount: Decimal, currency: str, data: Mapping[str, Any] | None) -> Any:
        return {"paying_card": PAYING_CARD, "declined_card": DECLINED_CARD}

    def start(self, request: PaymentRequest) -> GatewayResponse:
        card = _card(request.data)
        reference = f"demo_{request.transaction_token.hex[:20]}"
        if card == DECLINED_CARD:
            return GatewayResponse(
                event="CHARGE_FAILURE",
                amount=request.amount,
                psp_reference=reference,
                message="Your card was declined (demo card ending 0002). Nothing was charged.",
            )
        return GatewayResponse(
            event="CHARGE_SUCCESS",
            amount=request.amount,
            psp_reference=reference,
            message=f"Paid with demo card ending {card[-4:]}.",
        )

    def refund(self, request: RefundRequest) -> GatewayResponse:
        digest = hashlib.sha256(request.idempotency_key.encode()).hexdigest()[:20]
        return GatewayResponse(
            event="REFUND_SUCCESS",
            amount=request.amount,
            psp_reference=f"demo_re_{digest}",
            message=request.reason or "Refunded.",
        )
