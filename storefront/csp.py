"""The shop's Content-Security-Policy: scripts from our own origin or carrying this response's
nonce, nothing inline otherwise; Stripe only on the payment step.

Stripe requires Stripe.js to be loaded from js.stripe.com (never self-hosted), and its
Payment Element draws card fields in frames of js.stripe.com and talks to api.stripe.com: a
view that shows it calls ``allow_stripe(request)``, and only that response names Stripe's
hosts. Against a fake Stripe (STRIPE_API_BASE, localstripe in the tests), the fake's origin
serves both the script and the API, and stands in for Stripe's hosts.

Applied to every page of the shop (the ``shop`` URL namespace, and the certificate page at
its unprefixed QR-code address); other parts of the site (the
workspace, the admin, GraphiQL) set their own headers.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse

STRIPE_JS_URL = "https://js.stripe.com/v3/"
STRIPE_HOSTS = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def stripe_js_url() -> str:
    """Where Stripe.js is loaded from: Stripe's own host, or the fake Stripe's stand-in."""
    if settings.STRIPE_API_BASE:
        return f"{settings.STRIPE_API_BASE.rstrip('/')}/js.stripe.com/v3/"
    return STRIPE_JS_URL


def _stripe_sources() -> dict[str, list[str]]:
    fake = _origin(settings.STRIPE_API_BASE) if settings.STRIPE_API_BASE else None
    if fake is None:
        return STRIPE_HOSTS
    return {directive: [fake] for directive in STRIPE_HOSTS}


@lru_cache(maxsize=1)
def _media_origin() -> str | None:
    """The host product pictures come from when it is not ours (an S3 bucket, a CDN)."""
    try:
        return _origin(default_storage.url("csp-probe.webp"))
    except Exception:
        return None


def nonce(request: HttpRequest) -> str:
    """This response's script nonce (templates: ``{{ request.csp_nonce }}``)."""
    value = getattr(request, "_csp_nonce", None)
    if value is None:
        value = secrets.token_urlsafe(18)
        request._csp_nonce = value  # type: ignore[attr-defined]
    return value


def allow_stripe(request: HttpRequest) -> None:
    request._csp_stripe = True  # type: ignore[attr-defined]


def policy(request: HttpRequest) -> str:
    sources: dict[str, list[str]] = {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'nonce-{nonce(request)}'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],  # brand colours of each workshop's theme
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    media = _media_origin()
    if media:
        sources["img-src"].append(media)
    if getattr(request, "_csp_stripe", False):
        for directive, hosts in _stripe_sources().items():
            kept = [s for s in sources[directive] if s != "'none'"]
            sources[directive] = kept + [h for h in hosts if h not in kept]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in sources.items())


class ShopContentSecurityPolicy:
    """Adds the policy to the shop's HTML responses; ``request.csp_nonce`` for templates."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = _LazyNonce(request)  # type: ignore[attr-defined]
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        in_shop = match is not None and (
            "shop" in match.namespaces or match.url_name == "certificate-verify"
        )
        if in_shop and response.get("Content-Type", "").startswith("text/html"):
            response.setdefault("Content-Security-Policy", policy(request))
        return response


class _LazyNonce:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def __str__(self) -> str:
        return nonce(self.request)
