"""Pay every workshop and cluster what it is owed in a currency."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.payouts.models import Payout
from marketplace.payouts.services import payouts_create

from ._currency import add_currency_argument, checked_currency


class Command(BaseCommand):
    help = "Create (and send) a payout for every positive balance in the currency."

    def add_arguments(self, parser: CommandParser) -> None:
        add_currency_argument(parser)

    def handle(self, *args: Any, currency: str, **options: Any) -> None:
        currency = checked_currency(currency)
        created = payouts_create(currency=currency)
        for payout in Payout.objects.filter(pk__in=[p.pk for p in created]).select_related(
            "vendor"
        ):
            self.stdout.write(
                f"{payout.vendor.name}: {payout.amount} {payout.currency} via {payout.gateway_id} "
                f"({payout.status})"
            )
        self.stdout.write(f"{len(created)} payouts.")
