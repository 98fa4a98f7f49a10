"""The currency argument the payout commands share."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser

from marketplace.core.money import CurrencyError, currency_precision


def add_currency_argument(parser: CommandParser) -> None:
    parser.add_argument("currency", help="ISO 4217 code, e.g. EUR")


def checked_currency(value: str) -> str:
    try:
        currency_precision(value)
    except CurrencyError as error:
        raise CommandError(str(error)) from None
    return value.upper()
