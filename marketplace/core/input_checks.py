"""Checks every write shares: a value fits its column, and error messages quote a client's value
only as a short prefix (a 1 MB e-mail must not come back whole in the answer or the logs)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import connection, models

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
    """Each value in ``values`` (model field name → value) fits its column: a string its
    ``max_length``, a Decimal its digits before the point, an integer its column's range.
    Otherwise a DomainError (INVALID) naming the API field (camelCase unless ``field_names``
    says otherwise) and the limit. Call it before any write: PostgreSQL would refuse the row."""
    for name, value in values.items():
        column = model._meta.get_field(name)
        problem = _column_problem(column, value)
        if problem is not None:
            field = (field_names or {}).get(name) or camel_case(name)
            raise DomainError(problem, field=field, code="INVALID")


def _column_problem(column: Any, value: Any) -> str | None:
    if isinstance(value, str):
        limit = getattr(column, "max_length", None)
        if limit is not None and len(value) > limit:
            return f"Ensure this value has at most {limit} characters (it has {len(value)})."
        return None
    if isinstance(value, Decimal) and isinstance(column, models.DecimalField):
        whole_digits = column.max_digits - column.decimal_places
        if not value.is_finite() or abs(value) >= Decimal(10) ** whole_digits:
            return f"Ensure this value is less than {Decimal(10) ** whole_digits} in size."
        return None
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and isinstance(column, models.IntegerField)
    ):
        low, high = connection.ops.integer_field_range(column.get_internal_type())
        if low is not None and value < low:
            return f"Ensure this value is greater than or equal to {low}."
        if high is not None and value > high:
            return f"Ensure this value is less than or equal to {high}."
    return None


def plain_int(value: object, *, max_digits: int = 18) -> int | None:
    """``value`` as a non-negative integer when it is written in ASCII digits only (at most
    ``max_digits``), else None. ``str.isdigit`` is not enough: "²" is a digit to it, and
    ``int("²")`` raises."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > max_digits or not (text.isascii() and text.isdecimal()):
        return None
    return int(text)
