"""Paying with the demo gateway and completing a two-workshop checkout, through the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from marketplace.checkout.models import Checkout
from marketplace.inventory.models import Reservation, Stock
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.models import Transaction
from tests.commerce import Shop, checkout_ready, checkout_total, complete, pay
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

GATEWAYS = """query($id: ID) { checkout(id: $id) { availablePaymentGateways { id name currencies
  config { field value } } totalBalance { amount } } }"""


@pytest.fixture
def shop(catalog):
    return Shop(catalog)


def two_workshop_basket(shop):
    return [
        {
            "variantId": shop.variant_id(shop.tray),
            "quantity": 2,
            "packagingOptionId": to_global_id("PackagingOption", shop.gift_box.pk),
            "giftMessage": "Pour Lina, avec amour",
        },
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]


def test_demo_gateway_is_offered_in_every_currency(gql, shop):
    eur = checkout_ready(gql, two_workshop_basket(shop))
    found = gql.data(GATEWAYS, {"id": eur})["checkout"]["availablePaymentGateways"]
    assert [g["id"] for g in found] == ["marketplace.payments.demo", "saleor.io.dummy-payment-app"]
    assert found[0]["currencies"] == ["EUR"]
    assert {"field": "paying_card", "value": "4242424242424242"} in found[0]["config"]


def test_pay_and_complete_builds_one_order_with_a_sub_order_per_workshop(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    total = checkout_total(gql, checkout_id)
    # 2 trays 200 + 2 gift boxes 12 + bracelet 60 + Colissimo 15 + DHL 25
    assert total == Decimal("312.00")
    paid = pay(gql, checkout_id, data={"card": "4242 4242 4242 4242"})
    assert paid["errors"] == []
    assert paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert paid["transaction"]["chargedAmount"] == {"amount": 312.0, "currency": "EUR"}
    balance = gql.data(GATEWAYS, {"id": checkout_id})["checkout"]["totalBalance"]
    assert balance == {"amount": 0.0}

    done = complete(gql, checkout_id)
    assert done["errors"] == []
    order = done["order"]
    assert order["status"] == "UNFULFILLED" and order["isPaid"] and order["chargeStatus"] == "FULL"
    assert order["total"]["gross"] == {"amount": 312.0, "currency": "EUR"}
    tray_line = next(line for line in order["lines"] if line["productName"] == "Tray")
    assert tray_line["packagingName"] == "Gift box"
    assert tray_line["giftMessage"] == "Pour Lina, avec amour"
    parcels = {vo["vendor"]["slug"]: vo for vo in order["vendorOrders"]}
    assert set(parcels) == {"souika", "fidda"}
    assert parcels["souika"]["total"]["amount"] == 227.0  # 200 + 12 + 15
    assert parcels["fidda"]["total"]["amount"] == 85.0
    assert parcels["souika"]["customsForm"] == "CN22"  # Algeria to France, under 300 SDR
    assert not Checkout.objects.exists()
    assert not Reservation.objects.exists()
    stock = Stock.objects.get(product_variant__product=shop.tray)
    assert (stock.quantity, stock.quantity_allocated) == (5, 2)
    assert Transaction.objects.get().order_id is not None


def test_complete_twice_returns_the_same_order(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    pay(gql, checkout_id)
    first = complete(gql, checkout_id)["order"]
    again = complete(gql, checkout_id)
    assert again["errors"] == [] and again["order"]["id"] == first["id"]
    assert Order.objects.count() == 1
    assert Stock.objects.get(product_variant__product=shop.tray).quantity_allocated == 2


def test_unpaid_checkout_is_not_completed_and_nothing_is_written(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    pay(gql, checkout_id, amount="100.00")  # a partial payment
    done = complete(gql, checkout_id)
    assert done["order"] is None
    assert done["errors"] == [
        {
            "field": "id",
            "code": "CHECKOUT_NOT_FULLY_PAID",
            "message": "The checkout is not fully paid: 100.00 of 312.00 EUR.",
            "variants": None,
        }
    ]
    assert not Order.objects.exists() and not OrderLine.objects.exists()
    assert Stock.objects.get(product_variant__product=shop.tray).quantity_allocated == 0
    assert Checkout.objects.count() == 1


def test_declined_card_charges_nothing_and_releases_the_reservations(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    assert Reservation.objects.exists()
    declined = pay(gql, checkout_id, data={"card": "4000000000000002"})
    assert declined["transactionEvent"]["type"] == "CHARGE_FAILURE"
    assert declined["errors"] == [
        {
            "field": "paymentGateway",
            "code": "INVALID",
            "message": "Your card was declined (demo card ending 0002). Nothing was charged.",
        }
    ]
    assert declined["transaction"]["chargedAmount"]["amount"] == 0
    assert not Reservation.objects.exists()
    assert complete(gql, checkout_id)["errors"][0]["code"] == "CHECKOUT_NOT_FULLY_PAID"
    assert not Order.objects.exists()
    # Trying again with a good card holds the stock again and pays.
    again = pay(gql, checkout_id)
    assert again["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    assert Reservation.objects.exists()
    assert complete(gql, checkout_id)["errors"] == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"card": "1234"}, "'1234' is not a card number."),
        ("4242", 'The demo gateway expects data like {"card": "4242424242424242"}.'),
    ],
)
def test_bad_card_data_is_an_input_error_and_leaves_no_transaction(gql, shop, data, message):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    result = pay(gql, checkout_id, data=data)
    assert result["transaction"] is None
    assert result["errors"][0]["code"] == "INVALID"
    assert result["errors"][0]["message"].startswith(message)
    assert not Transaction.objects.exists()


def test_the_same_idempotency_key_charges_once(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    first = pay(gql, checkout_id, key="attempt-1")
    second = pay(gql, checkout_id, key="attempt-1")
    assert first["transaction"]["id"] == second["transaction"]["id"]
    assert Transaction.objects.count() == 1
    third = pay(gql, checkout_id, key="attempt-2")
    assert third["errors"] == [
        {"field": "amount", "code": "INVALID", "message": "This checkout is already paid."}
    ]


@pytest.mark.parametrize(
    ("variables", "code", "message"),
    [
        (
            {"gateway": "no.such.gateway"},
            "NOT_FOUND",
            "No payment gateway with id 'no.such.gateway'.",
        ),
        ({"amount": "999.00"}, "INVALID", "Only 312.00 EUR is left to pay on this checkout."),
        ({"amount": "0"}, "INVALID", "The amount must be positive."),
    ],
)
def test_transaction_initialize_refuses_bad_input(gql, shop, variables, code, message):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    result = pay(gql, checkout_id, **variables)
    assert result["errors"] == [
        {"field": result["errors"][0]["field"], "code": code, "message": message}
    ]
    assert not Transaction.objects.exists()


def test_unknown_checkout_ids_are_clear_errors(gql, shop):
    ghost = to_global_id("Checkout", "3f1c1b4e-1111-4a5b-9c9d-123456789abc")
    assert pay(gql, ghost)["errors"][0]["code"] == "NOT_FOUND"
    done = complete(gql, ghost)
    assert done["errors"][0]["code"] == "NOT_FOUND"
    broken = complete(gql, "not-an-id")
    assert broken["errors"][0]["code"] == "GRAPHQL_ERROR"


def test_emails_go_out_after_commit(gql, shop, django_capture_on_commit_callbacks):
    from tests.commerce import login

    login("souika@example.com", vendor=shop.catalog.workshop, role="owner")
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    pay(gql, checkout_id)
    with django_capture_on_commit_callbacks(execute=True):
        order = complete(gql, checkout_id)["order"]
    subjects = sorted((m.subject, tuple(m.to)) for m in mail.outbox)
    number = order["number"]
    assert subjects == [
        (f"New order #{number}", ("fidda@example.com",)),
        (f"New order #{number}", ("souika@example.com",)),
        (f"Your order #{number}", ("claire@example.com",)),
    ]
    souika_notice = next(m for m in mail.outbox if m.to == ["souika@example.com"])
    assert "Tray" in souika_notice.body and "Bracelet" not in souika_notice.body
    assert "gift message: Pour Lina, avec amour" in souika_notice.body
    from marketplace.provenance.models import Certificate

    assert Certificate.objects.filter(order_reference=f"order #{number}").count() == 3


PROBLEMS = """query($id: ID) { checkout(id: $id) { problems {
  __typename
  ... on CheckoutLineProblemInsufficientStock { availableQuantity line { quantity } variant { name } }
  ... on CheckoutLineProblemVariantNotAvailable { line { quantity } } } } }"""


def test_problems_name_the_lines_that_cannot_be_bought(gql, shop):
    from marketplace.catalog.models import ProductVariantChannelListing

    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    assert gql.data(PROBLEMS, {"id": checkout_id})["checkout"]["problems"] == []
    Stock.objects.filter(product_variant__product=shop.tray).update(quantity=1)
    ProductVariantChannelListing.objects.filter(variant__product=shop.bracelet).delete()
    assert gql.data(PROBLEMS, {"id": checkout_id})["checkout"]["problems"] == [
        {
            "__typename": "CheckoutLineProblemInsufficientStock",
            "availableQuantity": 1,
            "line": {"quantity": 2},
            "variant": {"name": "V0"},
        },
        {"__typename": "CheckoutLineProblemVariantNotAvailable", "line": {"quantity": 1}},
    ]
    pay(gql, checkout_id, amount="10.00")
    assert complete(gql, checkout_id)["errors"][0]["code"] == "UNAVAILABLE_VARIANT_IN_CHANNEL"


PROMO = """mutation($id: ID, $c: String!) { checkoutAddPromoCode(id: $id, promoCode: $c) {
  checkout { totalPrice { gross { amount } } } errors { code message } } }"""


def test_a_promo_code_is_used_once_per_order_and_a_used_up_code_is_named(gql, shop):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.discounts.models import Voucher, VoucherChannelListing

    code = Voucher.objects.create(
        code="EID",
        name="Eid",
        kind="percentage",
        percentage=Decimal("10"),
        usage_limit=1,
        starts_at=timezone.now() - timedelta(days=1),
    )
    VoucherChannelListing.objects.create(
        voucher=code, channel=shop.catalog.eur, currency="EUR", min_spend=0
    )
    first, second = (checkout_ready(gql, two_workshop_basket(shop)) for _ in range(2))
    for checkout_id in (first, second):
        discounted = gql.data(PROMO, {"id": checkout_id, "c": "eid"})["checkoutAddPromoCode"]
        assert discounted["checkout"]["totalPrice"]["gross"]["amount"] == 286.0  # 312 - 10 % of 260
        pay(gql, checkout_id)
    assert complete(gql, first)["order"]["total"]["gross"]["amount"] == 286.0
    assert Voucher.objects.get().used == 1
    late = complete(gql, second)
    assert late["order"] is None
    assert late["errors"][0]["code"] == "VOUCHER_NOT_APPLICABLE"
    assert late["errors"][0]["message"] == (
        "The promo code EID no longer applies (used up or expired): remove it to go on."
    )
    assert Order.objects.count() == 1


def test_no_payment_starts_once_the_checkout_became_an_order(gql, shop):
    from marketplace.checkout.models import Checkout as CheckoutModel
    from marketplace.orders.complete import checkout_complete
    from marketplace.payments.services import transaction_initialize

    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    pay(gql, checkout_id)
    checkout = CheckoutModel.objects.get()
    checkout_complete(token=checkout.token)  # another request completes meanwhile
    with pytest.raises(Exception) as late:
        transaction_initialize(
            checkout=checkout,
            amount_due=Decimal("1000.00"),
            gateway_id="marketplace.payments.demo",
            data=None,
            idempotency_key="late",
        )
    assert getattr(late.value, "code", "") == "CHECKOUT_COMPLETION_IN_PROGRESS"
    assert Transaction.objects.count() == 1


def test_only_charging_is_offered(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    query = """mutation($id: ID!) { transactionInitialize(id: $id, action: AUTHORIZATION,
      paymentGateway: {id: "marketplace.payments.demo"}) { transaction { id } errors { field code message } } }"""
    result = gql.data(query, {"id": checkout_id})["transactionInitialize"]
    assert result == {
        "transaction": None,
        "errors": [
            {
                "field": "action",
                "code": "INVALID",
                "message": "Payment is taken when the order is placed: only the CHARGE action is offered.",
            }
        ],
    }


def test_complete_adds_its_metadata_to_the_order(gql, shop):
    checkout_id = checkout_ready(gql, two_workshop_basket(shop))
    pay(gql, checkout_id)
    document = """mutation($id: ID, $m: [MetadataInput!]) { checkoutComplete(id: $id, metadata: $m) {
      order { metafield(key: "source") } errors { field code message } } }"""
    blank = gql.data(document, {"id": checkout_id, "m": [{"key": " ", "value": "x"}]})
    assert blank["checkoutComplete"]["errors"][0]["message"] == "Metadata keys cannot be blank."
    assert not Order.objects.exists()
    done = gql.data(document, {"id": checkout_id, "m": [{"key": "source", "value": "instagram"}]})
    assert done["checkoutComplete"] == {"order": {"metafield": "instagram"}, "errors": []}
