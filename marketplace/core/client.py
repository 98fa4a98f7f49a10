"""Who is calling, as far as the network says: the client's IP address."""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: Any) -> str | None:
    """The caller's IP address. ``REMOTE_ADDR``, unless TRUSTED_PROXY_COUNT proxies stand in
    front of the app: then the address the outermost trusted proxy saw, read from the right
    of X-Forwarded-For (what a client writes on the left is never believed)."""
    meta = getattr(request, "META", {})
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return _valid(hops[-proxies])
    return _valid(meta.get("REMOTE_ADDR", ""))
