"""Run localstripe (a stateful fake Stripe) for the test suite, on 127.0.0.1 and a given port.

localstripe predates two things our Stripe gateway relies on, which real Stripe has:
PaymentIntents created with ``automatic_payment_methods`` (kept on the intent, as Stripe
does) and ``confirm`` with a ``payment_method`` (what Stripe.js sends). Both are added here;
the rest is localstripe as published. Its state stays in memory (no pickle under /tmp).

For the shop's browser tests it also serves, at /js.stripe.com/v3/, localstripe's Stripe.js
stand-in followed by ``localstripe_payment_element.js`` (Stripe's Payment Element API:
``elements({mode})``, ``elements.submit``, ``confirmPayment``), and lets the browser do what
Stripe lets it do with a publishable key: create a card PaymentMethod, and confirm a
PaymentIntent whose client secret it holds.
"""

from __future__ import annotations

import argparse
import logging
import re
import socket
from pathlib import Path
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
    cls: Any,
    id: str,
    payment_method: str | None = None,
    client_secret: str | None = None,
    **kwargs: Any,
) -> Any:
    if client_secret is not None and cls._api_retrieve(id).client_secret != client_secret:
        raise resources.UserError(401, "Unauthorized")
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


_BROWSER_CALLS = (
    re.compile(r"^/v1/payment_methods$"),
    re.compile(r"^/v1/payment_intents/\w+/confirm$"),
)
_PAYMENT_ELEMENT = Path(__file__).with_name("localstripe_payment_element.js")


@web.middleware
async def _publishable_key_calls(request: web.Request, handler: Any) -> Any:
    """Stripe.js's calls with the publishable key (and, to confirm, the client secret)."""
    if request.method == "POST" and any(p.match(request.path) for p in _BROWSER_CALLS):
        data = await server.get_post_data(request, remove_auth=False)
        key = data.get("key") if isinstance(data, dict) else None
        confirming = "confirm" in request.path
        publishable = isinstance(key, str) and key.startswith("pk_")
        if publishable and (not confirming or data.get("client_secret")):
            return await handler(request)
    return await server.auth_middleware(request, handler)


async def _stripe_js(request: web.Request) -> web.Response:
    stand_in = Path(server.__file__).with_name("localstripe-v3.js").read_text()
    return web.Response(
        text=stand_in + "\n" + _PAYMENT_ELEMENT.read_text(),
        content_type="application/javascript",
    )


server.app.middlewares[server.app.middlewares.index(server.auth_middleware)] = (
    _publishable_key_calls
)
for route in server.app.router.routes():
    info = route.resource.get_info() if route.resource else {}
    if info.get("path") == "/js.stripe.com/v3/":
        route._handler = _stripe_js  # type: ignore[attr-defined]


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
