"""Pay every workshop and cluster what it is owed in a currency."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.core.money import CurrencyError, currency_precision
from marketplace.payouts.models import Payout
from marketplace.payouts.services import payouts_create


class Command(BaseCommand):
    help = "Create (and send) a payout for every positive balance in the currency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("currency", help="ISO 4217 code, e.g. EUR")

    def handle(self, *args: Any, currency: str, **options: Any) -> None:
        try:
            currency_precision(currency)
        except CurrencyError as error:
            raise CommandError(str(error)) from None
        created = payouts_create(currency=currency.upper())
        for payout in Payout.objects.filter(pk__in=[p.pk for p in created]).select_related(
            "vendor"
        ):
            self.stdout.write(
                f"{payout.vendor.name}: {payout.amount} {payout.currency} via {payout.gateway_id} "
                f"({payout.status})"
            )
        self.stdout.write(f"{len(created)} payouts.")
