"""Who may use a checkout (issue #8, item 7; Saleor's rule). A checkout attached to a user is
that user's and staff's; an anonymous checkout is whoever holds its id. To anyone else a
user's checkout does not exist: the very answer a missing id gets, and nothing changes.
Completing attaches the order to the checkout's own user; a guest checkout completed by a
logged-in caller becomes the caller's order only when its e-mail is the caller's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation
from marketplace.orders.models import Order
from marketplace.payments.models import Transaction
from tests.commerce import ADDRESS, Shop, checkout_ready, complete, login, pay
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

MISSING = [{"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}]
GHOST = to_global_id("Checkout", "3f1c1b4e-1111-4a5b-9c9d-123456789abc")
READ = "query($id: ID) { checkout(id: $id) { id email lines { quantity } } }"
ERRORS = "errors { field code message }"
MUTATIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "checkoutLinesAdd": (
        "mutation($id: ID, $v: ID!) { checkoutLinesAdd(id: $id, lines: [{variantId: $v, "
        "quantity: 1}]) { checkout { id } " + ERRORS + " } }",
        {},
    ),
    "checkoutEmailUpdate": (
        'mutation($id: ID) { checkoutEmailUpdate(id: $id, email: "thief@example.com") '
        "{ checkout { id } " + ERRORS + " } }",
        {},
    ),
    "checkoutShippingAddressUpdate": (
        "mutation($id: ID, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, "
        "shippingAddress: $a) { checkout { id } " + ERRORS + " } }",
        {"a": {**ADDRESS, "city": "Lyon", "postalCode": "69001"}},
    ),
    "checkoutAddPromoCode": (
        'mutation($id: ID) { checkoutAddPromoCode(id: $id, promoCode: "EID") '
        "{ checkout { id } " + ERRORS + " } }",
        {},
    ),
    "checkoutCustomerDetach": (
        "mutation($id: ID) { checkoutCustomerDetach(id: $id) { checkout { id } " + ERRORS + " } }",
        {},
    ),
    "updateMetadata": (
        'mutation($id: ID!) { updateMetadata(id: $id, input: [{key: "k", value: "v"}]) '
        "{ item { metadata { key } } " + ERRORS + " } }",
        {},
    ),
    "transactionInitialize": (
        "mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway: {id: "
        '"marketplace.payments.demo"}) { transaction { id } ' + ERRORS + " } }",
        {},
    ),
    "paymentGatewayInitialize": (
        "mutation($id: ID!) { paymentGatewayInitialize(id: $id) { gatewayConfigs { id } "
        + ERRORS
        + " } }",
        {},
    ),
    "checkoutComplete": (
        "mutation($id: ID) { checkoutComplete(id: $id) { order { id } " + ERRORS + " } }",
        {},
    ),
}


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def _state() -> Any:
    checkout = Checkout.objects.get()
    return (
        checkout.email,
        checkout.user_id,
        checkout.shipping_address.city,
        checkout.voucher_code,
        checkout.metadata,
        sorted(CheckoutLine.objects.values_list("variant_id", "quantity")),
        sorted(Reservation.objects.values_list("checkout_line_id", "quantity", "reserved_until")),
        Transaction.objects.count(),
        Order.objects.count(),
    )


def _answer(gql: GraphQLClient, name: str, checkout_id: str, variant: str) -> Any:
    document, extra = MUTATIONS[name]
    variables = {"id": checkout_id, **extra}
    if "$v" in document:
        variables["v"] = variant
    payload = gql.data(document, variables)[name]
    return payload["errors"]


def test_a_buyers_checkout_is_theirs_alone(shop, staff_gql):
    claire = login("claire@example.com")
    line = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    checkout_id = checkout_ready(claire, line)
    assert Checkout.objects.get().user.email == "claire@example.com"
    variant = shop.variant_id(shop.bracelet)
    before = _state()

    rival = login("rival@example.com")
    anonymous = GraphQLClient(Client())
    for stranger in (rival, anonymous):
        assert stranger.data(READ, {"id": checkout_id}) == {"checkout": None}
        for name in MUTATIONS:
            if name == "paymentGatewayInitialize":
                assert (
                    stranger.data(MUTATIONS[name][0], {"id": checkout_id})[name]
                    == (stranger.data(MUTATIONS[name][0], {"id": GHOST})[name])
                )
                continue
            answer = _answer(stranger, name, checkout_id, variant)
            assert answer == _answer(stranger, name, GHOST, variant) == MISSING, name
    assert _state() == before

    mine = claire.data(READ, {"id": checkout_id})["checkout"]
    assert mine == {"id": checkout_id, "email": "claire@example.com", "lines": [{"quantity": 1}]}
    assert staff_gql.data(READ, {"id": checkout_id})["checkout"]["id"] == checkout_id
    pay(claire, checkout_id)
    order = complete(claire, checkout_id)
    assert order["errors"] == []
    assert Order.objects.get().user.email == "claire@example.com"
    # Once it is an order, the rival still learns nothing from the old id.
    assert _answer(rival, "checkoutComplete", checkout_id, variant) == MISSING


def test_a_guest_order_goes_to_the_caller_only_when_the_email_is_theirs(shop):
    line = [{"variantId": shop.variant_id(shop.tray), "quantity": 1}]
    guest = GraphQLClient(Client())
    strangers_basket = checkout_ready(guest, line, email="amel@example.com")
    # An anonymous checkout is whoever holds its id: another device of the guest's reads it.
    other_device = GraphQLClient(Client())
    seen = other_device.data(READ, {"id": strangers_basket})["checkout"]
    assert seen == {"id": strangers_basket, "email": "amel@example.com", "lines": [{"quantity": 1}]}
    pay(other_device, strangers_basket)
    rival = login("rival@example.com")
    # Holding a paid basket's id is no way to take it: its e-mail no longer changes.
    paid = [
        {
            "field": "email",
            "code": "INVALID",
            "message": "This checkout is paid: its e-mail address can no longer change.",
        }
    ]
    attach = (
        "mutation($id: ID) { checkoutCustomerAttach(id: $id) { checkout { id } " + ERRORS + " } }"
    )
    assert rival.data(attach, {"id": strangers_basket})["checkoutCustomerAttach"]["errors"] == paid
    email = MUTATIONS["checkoutEmailUpdate"][0].replace("thief@", "rival@")
    assert rival.data(email, {"id": strangers_basket})["checkoutEmailUpdate"]["errors"] == paid
    assert Checkout.objects.get().email == "amel@example.com"
    assert Checkout.objects.get().user is None
    done = complete(rival, strangers_basket)
    assert done["errors"] == []
    assert Order.objects.get().user is None  # still the guest's order, not the rival's
    assert Order.objects.get().user_email == "amel@example.com"

    own_basket = checkout_ready(guest, line, email="Rival@Example.com")
    pay(guest, own_basket)
    assert complete(rival, own_basket)["errors"] == []
    placed = Order.objects.get(user_email="rival@example.com")
    assert placed.user.email == "rival@example.com"
