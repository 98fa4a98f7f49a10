"""Write the bank transfers waiting in a currency to a CSV file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.core.money import CurrencyError, currency_precision
from marketplace.payouts.services import payouts_export


class Command(BaseCommand):
    help = "Export waiting bank-transfer payouts to a CSV file in storage (each payout once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("currency", help="ISO 4217 code, e.g. EUR")

    def handle(self, *args: Any, currency: str, **options: Any) -> None:
        try:
            currency_precision(currency)
        except CurrencyError as error:
            raise CommandError(str(error)) from None
        name = payouts_export(currency=currency.upper())
        self.stdout.write(name or "Nothing to export.")
