"""Suggested prices per market from the workshop's own price in its home currency.

A suggestion only, shown beside each market's price field (and filled in by the page's script
when asked): reference rates from ``settings.EXCHANGE_RATES_PER_EUR``, rounded half-up to the
market currency's own precision (TND three places) by ``core.money.quantize``."""

from __future__ import annotations

import json
from decimal import Decimal

from babel.numbers import get_territory_currencies
from django.conf import settings

from marketplace.channels.models import Channel
from marketplace.core.money import quantize
from marketplace.vendors.models import Vendor


def home_currency(workshop: Vendor) -> str:
    """The currency of the workshop's country (DZD for Algeria, TND for Tunisia)."""
    rates = settings.EXCHANGE_RATES_PER_EUR
    for code in get_territory_currencies(str(workshop.country) or "FR"):
        if code in rates:
            return str(code)
    return "EUR"


def suggested_price(*, amount: Decimal, source: str, target: str) -> Decimal | None:
    """``amount`` of ``source`` in ``target``, rounded to the target's unit; None without a
    rate for either currency."""
    rates = settings.EXCHANGE_RATES_PER_EUR
    if source not in rates or target not in rates or rates[source] <= 0:
        return None
    return quantize(amount / rates[source] * rates[target], target)


def suggestions(
    *, amount: Decimal | None, source: str, channels: list[Channel]
) -> dict[str, Decimal | None]:
    """Channel slug → suggested price (None where no amount or no rate)."""
    if amount is None:
        return {c.slug: None for c in channels}
    return {
        c.slug: suggested_price(amount=amount, source=source, target=c.currency_code)
        for c in channels
    }


def rates_json(*, source: str, channels: list[Channel]) -> str:
    """For the page's script: each market's rate from the home currency and its precision,
    as strings (the script multiplies digit strings, never binary floats it would show)."""
    from marketplace.core.money import currency_precision

    rates = settings.EXCHANGE_RATES_PER_EUR
    out = {}
    for channel in channels:
        target = channel.currency_code
        if source in rates and target in rates and rates[source] > 0:
            out[channel.slug] = {
                "rate": str(rates[target] / rates[source]),
                "places": currency_precision(target),
                "currency": target,
            }
    return json.dumps(out)
