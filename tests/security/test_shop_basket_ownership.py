"""The web shop's pay views follow the API's rule for who may use a checkout
(checkout.access.checkout_may_access, tests/security/test_checkout_ownership.py): the shop's
basket is the one the session names, and a basket attached to an account is that account's.
A session that names someone else's (a leaked id, planted here straight in the session) gets
the answer a missing basket gets, and nothing changes: no delivery method, no hold, no
payment, no order. The owner can still pay it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import pytest
from django.test import Client

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout, CheckoutDelivery, CheckoutLine
from marketplace.inventory.models import Reservation
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from storefront.shop.common import BASKETS_KEY
from tests.commerce import ship_with
from tests.shop.test_payment_page import ready_for_payment

pytestmark = pytest.mark.django_db

PAYS = "4242424242424242"
GHOST = UUID("3f1c1b4e-1111-4a5b-9c9d-123456789abc")


def post(client: Client, url: str, data: dict[str, object], *, follow: bool = False):
    return client.post(
        url, urlencode(data), content_type="application/x-www-form-urlencoded", follow=follow
    )


def naming(client: Client, checkout: Checkout, token: UUID) -> Client:
    """``client``'s session names ``token`` as its basket in ``checkout``'s channel."""
    session = client.session
    session[BASKETS_KEY] = {checkout.channel.slug: str(token)}
    session.save()
    return client


def state() -> Any:
    return (
        list(Checkout.objects.values_list("token", "user_id", "email", "updated_at")),
        list(CheckoutLine.objects.values_list("pk", "variant_id", "quantity")),
        list(CheckoutDelivery.objects.values_list("pk", "vendor_id", "method_id")),
        sorted(Reservation.objects.values_list("checkout_line_id", "quantity", "reserved_until")),
        Transaction.objects.count(),
        Order.objects.count(),
    )


def answers(client: Client, method_field: str, other_method: int) -> tuple[Any, ...]:
    """What the demo-card form and the Stripe intent say to ``client``, trying as well to
    switch the parcel to another delivery method."""
    form = post(
        client,
        "/en/checkout/pay/",
        {"card": PAYS, "attempt": "thief", method_field: other_method},
        follow=True,
    )
    intent = post(
        client,
        "/en/checkout/pay/stripe/",
        {"attempt": "thief", "try": "1", method_field: other_method},
    )
    page = client.get("/en/checkout/pay/")
    return (
        form.redirect_chain,
        [str(m) for m in form.context["messages"]],
        intent.status_code,
        intent.json(),
        page.status_code,
        page["Location"],
    )


@pytest.fixture
def owned_basket(catalog) -> tuple[Checkout, str, int, Client]:
    """Claire's basket, attached to her account, ready for payment with Colissimo chosen."""
    owner = User.objects.create_user("claire@example.com", "pw-123456789")
    browser = Client()
    browser.force_login(owner)
    shop = ready_for_payment(browser, catalog)
    checkout = Checkout.objects.get()
    assert checkout.user_id == owner.pk
    delivery = CheckoutDelivery.objects.get(checkout=checkout)
    assert delivery.method_id == shop.colissimo.pk
    # A dearer method the same parcel could take: what a thief's post tries to switch to.
    chronopost = ship_with(shop.colissimo.zone.vendor, catalog.eur, name="Chronopost", price="40")
    return checkout, f"method-{delivery.vendor_id}", chronopost.pk, browser


@pytest.mark.parametrize("who", ["anonymous", "another account"])
def test_someone_elses_basket_cannot_be_paid_from_the_shop(owned_basket, who):
    checkout, method_field, other_method, owner = owned_basket
    thief = Client()
    if who == "another account":
        thief.force_login(User.objects.create_user("thief@example.com", "pw-123456789"))
    nobody = naming(Client(), checkout, GHOST)  # a basket id that does not exist
    missing = answers(nobody, method_field, other_method)
    before = state()

    stolen = answers(naming(thief, checkout, checkout.token), method_field, other_method)

    assert stolen == missing
    assert missing[:4] == (
        [("/en/basket/", 302)],
        ["Your basket is empty."],
        409,
        {"error": "Your basket is empty."},
    )
    assert state() == before  # no method switched, no hold, no payment, no order
    # The owner still pays it, at the total she was shown.
    paid = post(owner, "/en/checkout/pay/", {"card": PAYS, "attempt": "claire"})
    order = Order.objects.get()
    assert paid["Location"] == f"/en/order/{order.pk}/"
    assert (order.user_id, order.total) == (checkout.user_id, Decimal("115.00"))
    assert Transaction.objects.get().charged == Decimal("115.00")


def test_a_guest_basket_is_payable_by_the_browser_that_holds_it(client, catalog):
    """A guest basket is whoever holds its id (the API's rule too): the anonymous buyer's own
    session holds it, and pays it."""
    ready_for_payment(client, catalog)
    assert Checkout.objects.get().user_id is None
    paid = post(client, "/en/checkout/pay/", {"card": PAYS, "attempt": "guest"})
    order = Order.objects.get()
    assert paid["Location"] == f"/en/order/{order.pk}/"
    assert order.user_id is None and Transaction.objects.get().charged == Decimal("115.00")
