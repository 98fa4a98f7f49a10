"""Money as Decimal with each currency's own precision; every rounding rule lives here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from babel.numbers import get_currency_precision

# Database columns hold 3 decimal places: enough for TND, BHD, KWD and every currency we sell in.
MONEY_MAX_DIGITS = 20
MONEY_DECIMAL_PLACES = 3


# The largest amount a money column holds (17 integer digits).
MONEY_LIMIT = Decimal(10) ** (MONEY_MAX_DIGITS - MONEY_DECIMAL_PLACES)


class CurrencyError(ValueError):
    pass


class AmountError(ValueError):
    """An amount a buyer or a workshop typed that cannot be money in its currency."""


@cache
def currency_precision(currency: str) -> int:
    code = currency.upper()
    if len(code) != 3 or not code.isalpha():
        raise CurrencyError(f"{currency!r} is not an ISO 4217 currency code.")
    return int(get_currency_precision(code))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit (3 places for TND, 2 for EUR)."""
    if not isinstance(amount, Decimal):
        raise TypeError("Money amounts must be Decimal, never float.")
    exponent = Decimal(1).scaleb(-currency_precision(currency))
    try:
        return amount.quantize(exponent, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # NaN, infinity, or more digits than Decimal's context holds
        raise AmountError(f"{amount:.6g} cannot be rounded to {currency} money.") from None


def amount_parse(amount: Decimal, currency: str) -> Decimal:
    """A positive amount that the currency can count exactly, else AmountError saying why.

    Rounded first, so an amount below the smallest unit (0.001 EUR, 0.0004 TND) is never
    mistaken for "no amount"; then an amount with more decimals than the currency has is
    refused rather than silently rounded (10.000 EUR is 10.00 and fine; 10.005 is not).
    """
    if not isinstance(amount, Decimal):
        raise TypeError("Money amounts must be Decimal, never float.")
    places = currency_precision(currency)
    if not amount.is_finite() or abs(amount) >= MONEY_LIMIT:
        raise AmountError(f"The amount must be a number smaller than {MONEY_LIMIT:f} {currency}.")
    rounded = quantize(amount, currency)
    if rounded <= 0:
        smallest = Decimal(1).scaleb(-places)
        raise AmountError(
            f"{amount:f} {currency} rounds to {rounded}: the amount must be at least "
            f"{smallest} {currency}."
        )
    if rounded != amount:
        raise AmountError(f"{currency} amounts have at most {places} decimal places.")
    return rounded


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money amounts must be Decimal, never float.")

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str) -> Money:
        return cls(quantize(Decimal(amount), currency), currency.upper())

    @property
    def precision(self) -> int:
        return currency_precision(self.currency)

    @property
    def minor_units(self) -> int:
        """The amount in the currency's smallest unit (cents, millimes)."""
        return int(quantize(self.amount, self.currency).scaleb(self.precision))

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(quantize(self.amount * factor, self.currency), self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyError(f"Cannot combine {self.currency} with {other.currency}.")
