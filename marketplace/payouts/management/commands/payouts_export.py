"""Write the bank transfers waiting in a currency to a CSV file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.payouts.services import payouts_export

from ._currency import add_currency_argument, checked_currency


class Command(BaseCommand):
    help = "Export waiting bank-transfer payouts to a CSV file in storage (each payout once)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_currency_argument(parser)

    def handle(self, *args: Any, currency: str, **options: Any) -> None:
        currency = checked_currency(currency)
        name = payouts_export(currency=currency)
        self.stdout.write(name or "Nothing to export.")
