"""transactionInitialize's amount (issue #8, items 5 and 14): rounded to the currency first, then
refused when it is not positive money the currency can count, or too big to be money at all.
Before, 0.001 EUR rounded to 0.00 and the whole amount due was charged; 1e30 crashed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.inventory.models import Reservation
from marketplace.payments.models import Transaction, TransactionEvent
from tests.commerce import Shop, checkout_ready, pay

pytestmark = pytest.mark.django_db

TUNIS = {
    "firstName": "Amine",
    "lastName": "Ben Salah",
    "streetAddress1": "5 rue de Marseille",
    "city": "Tunis",
    "postalCode": "1001",
    "country": "TN",
}


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def _eur(gql, shop):
    return checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])


def _tnd(gql, shop):
    line = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    return checkout_ready(gql, line, channel="tunisia", address=TUNIS)


def _refused(result, message):
    assert result["transaction"] is None and result["transactionEvent"] is None
    assert result["errors"] == [{"field": "amount", "code": "INVALID", "message": message}]
    assert not Transaction.objects.exists() and not TransactionEvent.objects.exists()


@pytest.mark.parametrize(
    ("channel", "amount", "message"),
    [
        ("eur", "0.001", "0.001 EUR rounds to 0.00: the amount must be at least 0.01 EUR."),
        ("eur", "0.004", "0.004 EUR rounds to 0.00: the amount must be at least 0.01 EUR."),
        ("tnd", "0.0004", "0.0004 TND rounds to 0.000: the amount must be at least 0.001 TND."),
        ("eur", "10.005", "EUR amounts have at most 2 decimal places."),
        ("tnd", "10.0005", "TND amounts have at most 3 decimal places."),
        ("eur", "1e30", "The amount must be a number smaller than 100000000000000000 EUR."),
        ("eur", "1E+17", "The amount must be a number smaller than 100000000000000000 EUR."),
    ],
)
def test_an_amount_that_is_not_money_in_the_currency_charges_nothing(
    gql, shop, channel, amount, message
):
    checkout_id = (_eur if channel == "eur" else _tnd)(gql, shop)
    held = list(Reservation.objects.values_list("checkout_line_id", "quantity"))
    _refused(pay(gql, checkout_id, amount=amount), message)
    assert list(Reservation.objects.values_list("checkout_line_id", "quantity")) == held


def test_a_huge_amount_written_in_the_document_is_an_answer_not_a_crash(gql, shop):
    checkout_id = _eur(gql, shop)
    body = gql.execute(
        """mutation($id: ID!) { transactionInitialize(id: $id, amount: "1e30",
          paymentGateway: {id: "marketplace.payments.demo"}) {
            transaction { id } errors { field code message } } }""",
        {"id": checkout_id},
    )
    assert body == {
        "data": {
            "transactionInitialize": {
                "transaction": None,
                "errors": [
                    {
                        "field": "amount",
                        "code": "INVALID",
                        "message": "The amount must be a number smaller than "
                        "100000000000000000 EUR.",
                    }
                ],
            }
        }
    }
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    ("channel", "finer", "amount", "charged"),
    [
        ("eur", "10.001", "10.000", Decimal("10.00")),
        ("tnd", "0.0004", "0.001", Decimal("0.001")),
    ],
)
def test_only_an_exact_amount_is_charged_and_as_given(gql, shop, channel, finer, amount, charged):
    checkout_id = (_eur if channel == "eur" else _tnd)(gql, shop)
    assert pay(gql, checkout_id, amount=finer)["errors"][0]["code"] == "INVALID"
    assert not Transaction.objects.exists()
    result = pay(gql, checkout_id, amount=amount)
    assert result["errors"] == []
    assert result["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    txn = Transaction.objects.get()
    assert (txn.amount_requested, txn.charged) == (charged, charged)


def test_payment_gateway_initialize_checks_its_amount_the_same_way(gql, shop):
    checkout_id = _eur(gql, shop)
    document = """mutation($id: ID!, $amount: PositiveDecimal) {
      paymentGatewayInitialize(id: $id, amount: $amount) {
        gatewayConfigs { id } errors { field code message } } }"""
    for amount, message in (
        ("0.001", "0.001 EUR rounds to 0.00: the amount must be at least 0.01 EUR."),
        ("1e30", "The amount must be a number smaller than 100000000000000000 EUR."),
    ):
        answer = gql.data(document, {"id": checkout_id, "amount": amount})
        assert answer["paymentGatewayInitialize"] == {
            "gatewayConfigs": None,
            "errors": [{"field": "amount", "code": "INVALID", "message": message}],
        }
    assert not Transaction.objects.exists()
