"""Turn a ``DATABASE_URL`` into Django's DATABASES entry (postgres only)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


class DatabaseUrlError(ValueError):
    pass


def parse_database_url(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise DatabaseUrlError(
            f"DATABASE_URL must be a postgresql:// URL, got scheme {parts.scheme!r}."
        )
    query = parse_qs(parts.query)
    host = unquote(parts.hostname or "") if parts.hostname else ""
    if not host and "host" in query:
        host = query.pop("host")[0]  # unix socket directory, as pgserver hands out
    options = {key: values[-1] for key, values in query.items()}
    return {
        "ENGINE": "marketplace.core.db_backend",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
    }
