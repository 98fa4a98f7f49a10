"""Reading the workspace's wholesale forms: numbers, amounts and dates, each a field error
when it is not one (the services check the rules). ``opt_*`` answer None for an empty field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.http import QueryDict

from marketplace.core.errors import DomainError


def _raw(data: QueryDict, name: str) -> str:
    return (data.get(name) or "").strip()


def as_int(data: QueryDict, name: str) -> int:
    try:
        return int(_raw(data, name))
    except ValueError:
        raise DomainError("A whole number.", field=name) from None


def as_decimal(data: QueryDict, name: str) -> Decimal:
    try:
        value = Decimal(_raw(data, name).replace(",", "."))
    except InvalidOperation:
        raise DomainError("An amount.", field=name) from None
    if not value.is_finite():
        raise DomainError("An amount.", field=name)
    return value


def as_date(data: QueryDict, name: str) -> date:
    try:
        return date.fromisoformat(_raw(data, name))
    except ValueError:
        raise DomainError("A date.", field=name) from None


def opt_int(data: QueryDict, name: str) -> int | None:
    return as_int(data, name) if _raw(data, name) else None


def opt_decimal(data: QueryDict, name: str) -> Decimal | None:
    return as_decimal(data, name) if _raw(data, name) else None


def opt_date(data: QueryDict, name: str) -> date | None:
    return as_date(data, name) if _raw(data, name) else None
