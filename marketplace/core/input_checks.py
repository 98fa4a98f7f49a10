"""Checks every write shares: a value fits its column, and error messages quote a client's value
only as a short prefix (a 1 MB e-mail must not come back whole in the answer or the logs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from .errors import DomainError

ECHO_LIMIT = 40


def clip(value: Any, *, limit: int = ECHO_LIMIT) -> str:
    """``value`` as text for an error message: at most ``limit`` characters, then "…"."""
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}…"


def echo(value: Any, *, limit: int = ECHO_LIMIT) -> str:
    """``value`` quoted for an error message, clipped like ``clip``."""
    text = str(value)
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}…"


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def max_lengths_validate(
    model: type[models.Model],
    values: Mapping[str, Any],
    *,
    field_names: Mapping[str, str] | None = None,
) -> None:
    """Each string in ``values`` (model field name → value) fits its column's ``max_length``,
    or a DomainError (INVALID) naming the API field (camelCase unless ``field_names`` says
    otherwise) and the limit. Call it before any write: PostgreSQL would refuse the row."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit is not None and len(value) > limit:
            field = (field_names or {}).get(name) or camel_case(name)
            raise DomainError(
                f"Ensure this value has at most {limit} characters (it has {len(value)}).",
                field=field,
                code="INVALID",
            )
