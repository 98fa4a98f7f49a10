"""Where a mailed link or a finished checkout may send a buyer: the allow-list.

A password-reset or account-deletion link carries a token; mailed with someone else's site as
its ``redirectUrl``, it hands that site the token. So every client-supplied redirect URL must
name a host the marketplace trusts: one in ALLOWED_CLIENT_HOSTS (Saleor's setting, with
Django's host patterns: ``shop.example.com``, ``.example.com`` for its subdomains), the
storefront's own host (PUBLIC_URL's), or a host this site serves (ALLOWED_HOSTS, never ``*``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http.request import split_domain_port, validate_host

from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo


def allowed_client_hosts() -> list[str]:
    """The host patterns a redirect URL may name."""
    hosts = [h for h in settings.ALLOWED_CLIENT_HOSTS if h]
    public = urlsplit(settings.PUBLIC_URL).hostname if settings.PUBLIC_URL else None
    if public:
        hosts.append(public)
    # The storefront pages this project serves: wildcards excepted, which would allow anywhere.
    hosts.extend(h for h in settings.ALLOWED_HOSTS if h and h != "*")
    return hosts


def redirect_url_validate(url: str, *, field: str = "redirectUrl") -> str:
    """``url`` if it is an absolute http(s) URL on an allowed client host; else DomainError
    ``INVALID`` on ``field``. Call it before anything is written or mailed."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise DomainError("Enter a valid http(s) URL.", field=field, code="INVALID") from None
    netloc = urlsplit(url).netloc.rpartition("@")[2]
    domain, _port = split_domain_port(netloc.lower())
    if not domain or not validate_host(domain, allowed_client_hosts()):
        raise DomainError(
            f"{echo(domain or url)} is not an allowed client host:"
            " add it to ALLOWED_CLIENT_HOSTS to send buyers there.",
            field=field,
            code="INVALID",
        )
    return url
