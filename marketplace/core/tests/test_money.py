from decimal import Decimal

import pytest

from marketplace.core.money import CurrencyError, Money, currency_precision, quantize


def test_precision_follows_the_currency():
    assert currency_precision("TND") == 3
    assert currency_precision("EUR") == 2
    assert currency_precision("DZD") == 2


def test_quantize_rounds_half_up_to_the_minor_unit():
    assert quantize(Decimal("10.0005"), "TND") == Decimal("10.001")
    assert quantize(Decimal("10.005"), "EUR") == Decimal("10.01")
    assert quantize(Decimal("10.004"), "EUR") == Decimal("10.00")


def test_floats_are_refused():
    with pytest.raises(TypeError):
        quantize(10.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(10.5, "EUR")  # type: ignore[arg-type]


def test_money_arithmetic_keeps_the_currency_and_minor_units():
    total = Money.of("1.234", "TND") + Money.of("0.001", "TND")
    assert total == Money(Decimal("1.235"), "TND")
    assert total.minor_units == 1235
    assert (Money.of("3.33", "EUR") * 3).amount == Decimal("9.99")
    with pytest.raises(CurrencyError):
        Money.of("1", "EUR") + Money.of("1", "USD")


def test_unknown_currency_code_is_rejected():
    with pytest.raises(CurrencyError):
        currency_precision("EURO")
