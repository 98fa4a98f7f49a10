"""Run localstripe (a stateful fake Stripe) for the test suite, on 127.0.0.1 and a given port.

localstripe predates two things our Stripe gateway relies on, which real Stripe has:
PaymentIntents created with ``automatic_payment_methods`` (kept on the intent, as Stripe
does) and ``confirm`` with a ``payment_method`` (what Stripe.js sends). Both are added here;
the rest is localstripe as published. Its state stays in memory (no pickle under /tmp).
"""

from __future__ import annotations

import argparse
import logging
import socket
from typing import Any

from aiohttp import web
from localstripe import resources, server

resources.Store.dump_to_disk = lambda self: None  # type: ignore[method-assign]

_create = resources.PaymentIntent.__init__
_confirm = resources.PaymentIntent._api_confirm.__func__  # type: ignore[attr-defined]


def _init(
    self: Any,
    *args: Any,
    automatic_payment_methods: Any = None,
    receipt_email: Any = None,
    **kwargs: Any,
) -> None:
    _create(self, *args, **kwargs)
    if automatic_payment_methods is not None:
        enabled = str(automatic_payment_methods.get("enabled")).lower() == "true"
        self.automatic_payment_methods = {"enabled": enabled}
    self.receipt_email = receipt_email


def _confirm_with_method(
    cls: Any, id: str, payment_method: str | None = None, **kwargs: Any
) -> Any:
    if payment_method is not None:
        intent = cls._api_retrieve(id)
        resources.PaymentMethod._api_retrieve(payment_method)  # 404 when unknown
        intent.payment_method = payment_method
    return _confirm(cls, id, **kwargs)


resources.PaymentIntent.__init__ = _init  # type: ignore[method-assign]
resources.PaymentIntent._api_confirm = classmethod(_confirm_with_method)  # type: ignore[assignment]
# The confirm route was bound to the original function when localstripe was imported.
for route in server.app.router.routes():
    info = route.resource.get_info() if route.resource else {}
    if info.get("formatter") == "/v1/payment_intents/{id}/confirm":
        route._handler = server.api_extra(
            resources.PaymentIntent._api_confirm, "/v1/payment_intents/{id}/confirm"
        )  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    web.run_app(server.app, sock=sock, print=None)


if __name__ == "__main__":
    main()
