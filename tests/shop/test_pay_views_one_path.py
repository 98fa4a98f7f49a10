"""The shop's two pay views start a payment as the API's transactionInitialize does
(payments.checkout_payment.checkout_payment_start): the basket locked, its total due computed
under that lock, its stock held, then the gateway asked. Seen from the outside: what is
charged, what is placed, what a decline or a price change leaves, and what a buyer is told.

The basket is the tray (100.00) shipped by Colissimo (15.00): 115.00 EUR."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client

from marketplace.accounts.models import User
from marketplace.catalog.models import ProductVariantChannelListing
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation, Stock
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction, TransactionEvent
from storefront.shop import checkout as checkout_views
from storefront.shop import stripe_pay
from tests.commerce import Shop
from tests.shop.test_payment_page import ready_for_payment

pytestmark = pytest.mark.django_db

PAYS = "4242424242424242"
DECLINED = "4000000000000002"
DECLINED_WORDS = (
    "Your card was declined. Nothing was charged and your basket is kept: try another card."
)


def post(client: Client, url: str, data: dict[str, object], *, follow: bool = False):
    """A form post as a browser sends one without files (urlencoded, not multipart)."""
    return client.post(
        url, urlencode(data), content_type="application/x-www-form-urlencoded", follow=follow
    )


def attempt_of(client: Client) -> str:
    """The pay page as shown, and the attempt id it carries."""
    page = client.get("/en/checkout/pay/").content.decode()
    return re.search(r'name="attempt" value="(\w+)"', page).group(1)


def price_tray(shop: Shop, amount: str) -> None:
    ProductVariantChannelListing.objects.filter(
        variant__product=shop.tray, channel__slug="international"
    ).update(price_amount=Decimal(amount))


def price_rises_once_the_view_priced(monkeypatch, module, shop: Shop) -> None:
    """The tray costs 110.00 from just after the view's own pricing (parcels_of), before the
    payment locks the basket: only a total computed under the lock sees the new price."""
    real = module.parcels_of
    seen: list[bool] = []

    def priced_then_raised(checkout):
        answer = real(checkout)
        if not seen:
            price_tray(shop, "110.00")
        seen.append(True)
        return answer

    monkeypatch.setattr(module, "parcels_of", priced_then_raised)


def holds() -> list[tuple[int, int]]:
    return sorted(Reservation.objects.values_list("checkout_line_id", "quantity"))


def test_paying_by_card_places_the_order_and_charges_the_locked_total(client, catalog):
    ready_for_payment(client, catalog)
    attempt = attempt_of(client)
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt})
    order = Order.objects.get()
    assert answer["Location"] == f"/en/order/{order.pk}/"
    assert order.total == Decimal("115.00") and order.user_id is None
    txn = Transaction.objects.get()
    assert (txn.amount_requested, txn.charged) == (Decimal("115.00"), Decimal("115.00"))
    assert txn.idempotency_key == f"web-{attempt}" and txn.order_id == order.pk
    assert Checkout.objects.count() == 0 and Reservation.objects.count() == 0
    page = client.get(answer["Location"])
    assert page.status_code == 200  # this browser placed it: its confirmation page


def test_a_logged_in_buyer_pays_their_own_basket(client, catalog):
    buyer = User.objects.create_user("claire@example.com", "pw-123456789")
    client.force_login(buyer)
    ready_for_payment(client, catalog)
    assert Checkout.objects.get().user_id == buyer.pk  # the account's, not only the session's
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt_of(client)})
    order = Order.objects.get()
    assert answer["Location"] == f"/en/order/{order.pk}/"
    assert (order.user_id, order.total) == (buyer.pk, Decimal("115.00"))
    assert Transaction.objects.get().charged == Decimal("115.00")


def test_a_declined_card_keeps_the_basket_and_charges_nothing(client, catalog):
    shop = ready_for_payment(client, catalog)
    checkout = Checkout.objects.get()
    lines = list(CheckoutLine.objects.values_list("pk", "variant_id", "quantity"))
    assert len(holds()) == 1  # the committed buyer's basket holds its tray
    answer = post(
        client, "/en/checkout/pay/", {"card": DECLINED, "attempt": attempt_of(client)}, follow=True
    )
    assert answer.redirect_chain == [("/en/checkout/pay/", 302)]
    assert DECLINED_WORDS in answer.content.decode()
    assert list(CheckoutLine.objects.values_list("pk", "variant_id", "quantity")) == lines
    txn = Transaction.objects.get()
    assert (txn.charged, txn.authorized) == (Decimal(0), Decimal(0))
    assert TransactionEvent.objects.filter(transaction=txn).latest("pk").type == "CHARGE_FAILURE"
    assert Order.objects.count() == 0 and Checkout.objects.get().pk == checkout.pk
    # A failed payment lets go of the stock, as the API's does (payments.services._record,
    # tests/orders/test_demo_checkout_flow.py): nothing allocated, nothing held for a card
    # that did not pay; the next attempt holds it again, then places the order.
    tray_stock = Stock.objects.get(product_variant__product=shop.tray)
    assert holds() == [] and tray_stock.quantity_allocated == 0
    again = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt_of(client)})
    assert again["Location"] == f"/en/order/{Order.objects.get().pk}/"
    assert Transaction.objects.filter(charged=Decimal("115.00")).count() == 1


def test_a_price_changed_after_the_page_was_shown_is_charged_at_the_new_total(client, catalog):
    shop = ready_for_payment(client, catalog)
    attempt = attempt_of(client)  # the page says 115.00
    price_tray(shop, "110.00")
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt})
    order = Order.objects.get()
    assert answer["Location"] == f"/en/order/{order.pk}/"
    assert order.total == Decimal("125.00")
    assert Transaction.objects.get().charged == Decimal("125.00")


def test_a_price_changed_while_paying_is_charged_as_the_locked_basket_costs(
    client, catalog, monkeypatch
):
    """The figure the view priced a moment before is not what is charged: the order would
    then be refused as not fully paid (125.00 due, 115.00 paid)."""
    shop = ready_for_payment(client, catalog)
    attempt = attempt_of(client)
    price_rises_once_the_view_priced(monkeypatch, checkout_views, shop)
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt})
    order = Order.objects.get()
    assert answer["Location"] == f"/en/order/{order.pk}/"
    assert order.total == Decimal("125.00")
    txn = Transaction.objects.get()
    assert (txn.amount_requested, txn.charged) == (Decimal("125.00"), Decimal("125.00"))


def test_a_piece_sold_out_meanwhile_is_told_in_the_buyers_words_and_nothing_is_charged(
    client, catalog
):
    shop = ready_for_payment(client, catalog)
    attempt = attempt_of(client)
    Reservation.objects.all().delete()  # another buyer took the last tray after it lapsed
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=0)
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt}, follow=True)
    assert answer.redirect_chain == [("/en/checkout/pay/", 302)]
    assert "Sorry, there are not enough pieces left in stock." in answer.content.decode()
    assert Transaction.objects.count() == 0 and Order.objects.count() == 0
    assert CheckoutLine.objects.count() == 1 and holds() == []


def test_a_bad_card_number_is_told_as_before_and_nothing_is_kept(client, catalog):
    ready_for_payment(client, catalog)
    answer = post(
        client, "/en/checkout/pay/", {"card": "1234", "attempt": attempt_of(client)}, follow=True
    )
    assert answer.redirect_chain == [("/en/checkout/pay/", 302)]
    assert "This is not a valid card number." in answer.content.decode()
    assert Transaction.objects.count() == 0 and Order.objects.count() == 0
    assert CheckoutLine.objects.count() == 1


def test_a_basket_that_became_an_order_meanwhile_is_not_paid_again(client, catalog, monkeypatch):
    """Another tab paid and placed it after this page priced it (the basket is deleted with
    the order): this payment is refused as a finished basket's, nothing more is charged, and
    the pay page then answers as for no basket."""
    from marketplace.orders.complete import checkout_complete
    from marketplace.payments.checkout_payment import checkout_payment_start

    ready_for_payment(client, catalog)
    attempt = attempt_of(client)
    real = checkout_views.parcels_of

    def priced_then_placed_elsewhere(checkout):
        answer = real(checkout)
        checkout_payment_start(
            actor=None,
            token=checkout.token,
            gateway_id="marketplace.payments.demo",
            data={"card": PAYS},
            idempotency_key="other-tab",
        )
        checkout_complete(token=checkout.token, user=None)
        return answer

    monkeypatch.setattr(checkout_views, "parcels_of", priced_then_placed_elsewhere)
    answer = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": attempt}, follow=True)
    assert answer.redirect_chain == [("/en/checkout/pay/", 302), ("/en/basket/", 302)]
    html = answer.content.decode()
    assert "This checkout has just become an order: nothing more to pay." in html
    assert "Your basket is empty." in html
    assert list(Transaction.objects.values_list("idempotency_key", "charged")) == [
        ("other-tab", Decimal("115.00"))
    ]
    assert Order.objects.count() == 1


def test_a_browser_without_this_basket_pays_nothing(client, catalog):
    ready_for_payment(client, catalog)
    before = (holds(), list(Checkout.objects.values_list("token", "updated_at")))
    stranger = Client()
    answer = post(stranger, "/en/checkout/pay/", {"card": PAYS, "attempt": "x"}, follow=True)
    assert answer.redirect_chain == [("/en/basket/", 302)]
    assert "Your basket is empty." in answer.content.decode()
    assert post(stranger, "/en/checkout/pay/stripe/", {"attempt": "x"}).json() == {
        "error": "Your basket is empty."
    }
    assert (holds(), list(Checkout.objects.values_list("token", "updated_at"))) == before
    assert Transaction.objects.count() == 0 and Order.objects.count() == 0


# Stripe's Payment Element --------------------------------------------------------------------


def test_stripe_intent_asks_for_the_locked_total_and_a_retry_gets_the_same_intent(
    client, catalog, stripe_on, monkeypatch
):
    shop = ready_for_payment(client, catalog)
    attempt = attempt_of(client)  # the page says 115.00
    price_rises_once_the_view_priced(monkeypatch, stripe_pay, shop)
    first = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "1"})
    assert first.status_code == 200, first.content
    txn = Transaction.objects.get()
    assert txn.amount_requested == Decimal("125.00") and txn.charged == 0
    assert txn.idempotency_key == f"web-stripe-{attempt}-1-125.00"
    assert first.json()["amount"] == 12500
    again = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "1"})
    assert again.json() == first.json()  # the same intent, even though the price moved
    assert Transaction.objects.count() == 1
    next_try = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "2"})
    assert next_try.json()["client_secret"] != first.json()["client_secret"]
    assert len(holds()) == 1  # the stock held for the payment, once


def test_stripe_intent_for_an_unchanged_basket_names_the_page_total(client, catalog, stripe_on):
    ready_for_payment(client, catalog)
    attempt = attempt_of(client)
    first = post(client, "/en/checkout/pay/stripe/", {"attempt": attempt, "try": "1"})
    assert first.json()["amount"] == 11500
    assert Transaction.objects.get().idempotency_key == f"web-stripe-{attempt}-1-115.00"


def test_stripe_intent_for_a_sold_out_piece_is_refused_in_the_buyers_words(
    client, catalog, stripe_on
):
    shop = ready_for_payment(client, catalog)
    Reservation.objects.all().delete()  # another buyer took the last tray after it lapsed
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=0)
    answer = post(client, "/en/checkout/pay/stripe/", {"attempt": "a", "try": "1"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "Sorry, there are not enough pieces left in stock."}
    assert Transaction.objects.count() == 0


def test_stripe_intent_for_a_basket_gone_meanwhile_answers_as_an_empty_basket(
    client, catalog, stripe_on, monkeypatch
):
    ready_for_payment(client, catalog)
    real = stripe_pay.parcels_of

    def priced_then_gone(checkout):
        answer = real(checkout)
        Checkout.objects.filter(token=checkout.token).delete()  # expired and swept meanwhile
        return answer

    monkeypatch.setattr(stripe_pay, "parcels_of", priced_then_gone)
    answer = post(client, "/en/checkout/pay/stripe/", {"attempt": "a", "try": "1"})
    assert (answer.status_code, answer.json()) == (409, {"error": "Your basket is empty."})
    assert Transaction.objects.count() == 0
