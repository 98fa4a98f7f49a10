"""The demo gateway under the id and data contract of Saleor's dummy payment app
(``saleor.io.dummy-payment-app``), so a Saleor storefront's own dummy-payment component pays
here unchanged. No real money moves.

``transactionInitialize`` (and ``transactionProcess``) data selects the outcome to simulate::

    {"event": {"type": "CHARGE_SUCCESS", "includePspReference": true}}

``type`` is one of the CHARGE_* events below (default CHARGE_SUCCESS); this marketplace charges
when the order is placed, so AUTHORIZATION_* events are refused with a clear error. The answer
data echoes the simulated event and the PSP reference, as the app's response does.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marketplace.core.errors import DomainError
from marketplace.payments.gateway import GatewayResponse, PaymentRequest

from .gateway import DemoGateway

DUMMY_APP_GATEWAY_ID = "saleor.io.dummy-payment-app"
CHARGE_EVENTS = {
    "CHARGE_SUCCESS": "Paid (Saleor dummy payment app contract, no real money).",
    "CHARGE_FAILURE": "The simulated charge failed. Nothing was charged.",
    "CHARGE_REQUEST": "The simulated charge is pending.",
    "CHARGE_ACTION_REQUIRED": "The simulated charge waits for the buyer (transactionProcess).",
}
AUTHORIZATION_EVENTS = {
    "AUTHORIZATION_SUCCESS",
    "AUTHORIZATION_FAILURE",
    "AUTHORIZATION_REQUEST",
    "AUTHORIZATION_ACTION_REQUIRED",
}


def _event(data: Mapping[str, Any] | None) -> tuple[str, bool]:
    """The event type and includePspReference the storefront asked for."""
    if data is None:
        return "CHARGE_SUCCESS", True
    event = data.get("event") if isinstance(data, Mapping) else None
    if event is None and isinstance(data, Mapping) and not data:
        return "CHARGE_SUCCESS", True
    if not isinstance(event, Mapping):
        raise DomainError(
            'The dummy payment app expects data like {"event": {"type": "CHARGE_SUCCESS", '
            '"includePspReference": true}}.',
            field="data",
            code="INVALID",
        )
    kind = str(event.get("type") or "CHARGE_SUCCESS").upper()
    if kind in AUTHORIZATION_EVENTS:
        raise DomainError(
            f"{kind} is not offered: this marketplace charges when the order is placed. "
            f"Use one of {', '.join(sorted(CHARGE_EVENTS))}.",
            field="data",
            code="INVALID",
        )
    if kind not in CHARGE_EVENTS:
        raise DomainError(
            f"Unknown event type {kind[:40]!r}; use one of {', '.join(sorted(CHARGE_EVENTS))}.",
            field="data",
            code="INVALID",
        )
    return kind, event.get("includePspReference", True) is not False


def _respond(kind: str, amount: Decimal, reference: str, with_reference: bool) -> GatewayResponse:
    psp_reference = reference if with_reference else ""
    return GatewayResponse(
        event=kind,
        amount=amount,
        psp_reference=psp_reference,
        message=CHARGE_EVENTS[kind],
        data={
            "event": {"type": kind, "includePspReference": with_reference},
            "pspReference": psp_reference or None,
        },
        key=f"{kind}:{reference}",
    )


class DummyPaymentAppGateway(DemoGateway):
    id = DUMMY_APP_GATEWAY_ID
    name = "Dummy payment app (no real money)"

    def initialize(self, *, amount: Decimal, currency: str, data: Mapping[str, Any] | None) -> Any:
        return {"events": sorted(CHARGE_EVENTS)}

    def start(self, request: PaymentRequest) -> GatewayResponse:
        kind, with_reference = _event(request.data)
        reference = f"dummy_{request.transaction_token.hex[:20]}"
        return _respond(kind, request.amount, reference, with_reference)

    def process(
        self, *, psp_reference: str, amount: Decimal, currency: str, data: Mapping[str, Any] | None
    ) -> GatewayResponse | None:
        kind, with_reference = _event(data)
        reference = psp_reference or "dummy_process"
        return _respond(kind, amount, reference, with_reference and bool(psp_reference))
