"""Amounts and columns typed into a wholesale form or mutation, refused as a DomainError on
the field (never a database error): money in the currency's own precision, zero where the
rule allows it; strings and quantities that fit their columns."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from marketplace.core.errors import DomainError
from marketplace.core.input_checks import max_lengths_validate
from marketplace.core.money import AmountError, CurrencyError, amount_parse, currency_precision


def currency_checked(currency: str, *, field: str = "currency") -> str:
    code = (currency or "").strip().upper()
    try:
        currency_precision(code)
    except CurrencyError:
        raise DomainError("A three-letter currency code.", field=field) from None
    return code


def money_in(value: Decimal, currency: str, *, field: str, zero_ok: bool = False) -> Decimal:
    if zero_ok and value == 0:
        return Decimal(0)
    try:
        return amount_parse(value, currency)
    except (AmountError, CurrencyError) as error:
        raise DomainError(str(error), field=field) from None


def columns_checked(model: type[models.Model], values: Mapping[str, Any], **names: str) -> None:
    """Each value fits its column (``names``: model field → the API's field name)."""
    max_lengths_validate(model, values, field_names=names or None)
