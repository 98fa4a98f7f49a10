"""Checkout in Saleor's dialect: create, lines, e-mail; stock held for the basket."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation
from marketplace.packaging.models import PackagingOption, PackagingOptionChannelListing
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

FIELDS = """checkout { id token email quantity channel { slug } isShippingRequired stockReservationExpires
  lines { id quantity variant { sku } unitPrice { gross { amount currency } } totalPrice { gross { amount } }
          packagingOption { name } packagingTotal { amount } giftMessage }
  subtotalPrice { gross { amount currency fractionDigits } } totalPrice { gross { amount } } shippingPrice { gross { amount } } }
errors { field code message }"""
CREATE = (
    "mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) { " + FIELDS + " } }"
)
ADD = (
    "mutation($id: ID, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) { "
    + FIELDS
    + " } }"
)
UPDATE = (
    "mutation($id: ID, $lines: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, lines: $lines) { "
    + FIELDS
    + " } }"
)
DELETE = (
    "mutation($id: ID, $ids: [ID!]!) { checkoutLinesDelete(id: $id, linesIds: $ids) { "
    + FIELDS
    + " } }"
)
EMAIL = (
    "mutation($id: ID, $email: String!) { checkoutEmailUpdate(id: $id, email: $email) { "
    + FIELDS
    + " } }"
)


TUNIS = {
    "firstName": "Amel",
    "lastName": "Ben Salah",
    "streetAddress1": "12 rue de Marseille",
    "city": "Tunis",
    "postalCode": "1000",
    "country": "TN",
}
PARIS = {
    "firstName": "Claire",
    "lastName": "Martin",
    "streetAddress1": "12 rue des Arts",
    "city": "Paris",
    "postalCode": "75011",
    "country": "FR",
}


def committed(lines):
    """checkoutCreate input of a buyer who gave an e-mail and a delivery address."""
    return {"input": {"email": "claire@example.com", "shippingAddress": PARIS, "lines": lines}}


def vid(product):
    return to_global_id("ProductVariant", product.variants.order_by("sort_order").first().pk)


@pytest.fixture
def basket_items(catalog):
    batna = ClusterFactory(slug="batna")
    silver = WorkshopFactory(slug="fidda", cluster=batna)
    tray = catalog.product(
        "Tray", prices={"international": "145.50", "tunisia": "488.456"}, stock=3
    )
    bracelet = catalog.product(
        "Bracelet", vendor=silver, prices={"international": "95.00", "tunisia": "318.925"}, stock=1
    )
    box = PackagingOption.objects.create(
        vendor=catalog.cluster,
        name="Gift box",
        kind="gift",
        length_cm=40,
        width_cm=40,
        height_cm=10,
    )
    PackagingOptionChannelListing.objects.create(
        option=box, channel=catalog.tnd, currency="TND", price_amount=Decimal("30.125")
    )
    return tray, bracelet, box


def test_two_workshops_in_one_basket_with_packaging(gql, basket_items):
    tray, bracelet, box = basket_items
    lines = [
        {
            "variantId": vid(tray),
            "quantity": 2,
            "packagingOptionId": to_global_id("PackagingOption", box.pk),
            "giftMessage": "Mabrouk!",
        },
        {"variantId": vid(bracelet), "quantity": 1},
    ]
    # An e-mail and a delivery address: a committed buyer, whose basket holds its stock.
    result = gql.data(
        CREATE,
        {
            "input": {
                "channel": "tunisia",
                "email": "Buyer@Example.com",
                "lines": lines,
                "shippingAddress": TUNIS,
            }
        },
    )["checkoutCreate"]
    assert result["errors"] == []
    checkout = result["checkout"]
    assert checkout["email"] == "buyer@example.com"
    assert checkout["quantity"] == 3 and checkout["isShippingRequired"] is True
    assert checkout["id"] == to_global_id("Checkout", checkout["token"])
    first = checkout["lines"][0]
    assert first["unitPrice"]["gross"] == {"amount": 488.456, "currency": "TND"}
    assert first["totalPrice"]["gross"] == {"amount": 976.912}
    assert first["packagingOption"] == {"name": "Gift box"} and first["packagingTotal"] == {
        "amount": 60.25
    }
    assert first["giftMessage"] == "Mabrouk!"
    # goods 976.912 + 318.925, packaging 60.250: three decimals all the way
    assert checkout["subtotalPrice"]["gross"] == {
        "amount": 1356.087,
        "currency": "TND",
        "fractionDigits": 3,
    }
    assert checkout["totalPrice"]["gross"] == {"amount": 1356.087}
    assert checkout["shippingPrice"]["gross"] == {"amount": 0.0}
    assert checkout["stockReservationExpires"] is not None
    assert Reservation.objects.count() == 2

    fetched = gql.data(
        "query($id: ID) { checkout(id: $id) { quantity lines { variant { product { name } } } } }",
        {"id": checkout["id"]},
    )
    assert fetched["checkout"]["quantity"] == 3


def test_adding_the_same_variant_merges_lines_and_updates_reservations(gql, basket_items):
    tray, _bracelet, _box = basket_items
    created = gql.data(CREATE, committed([{"variantId": vid(tray), "quantity": 1}]))
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    assert Reservation.objects.get().quantity == 1
    added = gql.data(ADD, {"id": checkout_id, "lines": [{"variantId": vid(tray), "quantity": 2}]})[
        "checkoutLinesAdd"
    ]
    assert added["errors"] == []
    assert [line["quantity"] for line in added["checkout"]["lines"]] == [3]
    assert Reservation.objects.get().quantity == 3


def test_update_to_zero_removes_the_line_and_delete_removes_lines(gql, basket_items):
    tray, bracelet, _box = basket_items
    created = gql.data(
        CREATE,
        {
            "input": {
                "channel": "international",
                "lines": [
                    {"variantId": vid(tray), "quantity": 1},
                    {"variantId": vid(bracelet), "quantity": 1},
                ],
            }
        },
    )["checkoutCreate"]["checkout"]
    first, second = (line["id"] for line in created["lines"])
    updated = gql.data(UPDATE, {"id": created["id"], "lines": [{"lineId": first, "quantity": 0}]})[
        "checkoutLinesUpdate"
    ]
    assert [line["variant"]["sku"] for line in updated["checkout"]["lines"]] == [
        bracelet.variants.get().sku
    ]
    deleted = gql.data(DELETE, {"id": created["id"], "ids": [second]})["checkoutLinesDelete"]
    assert deleted["checkout"]["lines"] == [] and Reservation.objects.count() == 0


def test_email_update(gql, basket_items):
    tray, _b, _box = basket_items
    created = gql.data(CREATE, {"input": {"lines": [{"variantId": vid(tray), "quantity": 1}]}})[
        "checkoutCreate"
    ]["checkout"]
    assert (
        gql.data(EMAIL, {"id": created["id"], "email": "a@b.example"})["checkoutEmailUpdate"][
            "checkout"
        ]["email"]
        == "a@b.example"
    )
    bad = gql.data(EMAIL, {"id": created["id"], "email": "not-an-email"})["checkoutEmailUpdate"]
    assert bad["errors"] == [
        {
            "field": "email",
            "code": "INVALID",
            "message": "'not-an-email' is not a valid e-mail address.",
        }
    ]
    assert Checkout.objects.get().email == "a@b.example"


@pytest.mark.parametrize(
    ("lines", "field", "code"),
    [
        ([{"quantity": 0}], "quantity", "ZERO_QUANTITY"),
        ([{"quantity": -2}], "quantity", "ZERO_QUANTITY"),
        ([{"quantity": 51}], "quantity", "QUANTITY_GREATER_THAN_LIMIT"),
        ([{"quantity": 4}], "quantity", "INSUFFICIENT_STOCK"),
        (
            [{"quantity": 1, "variantId": to_global_id("ProductVariant", 999999)}],
            "lines",
            "UNAVAILABLE_VARIANT_IN_CHANNEL",
        ),
        ([{"quantity": 1, "variantId": "garbage"}], "variantId", "GRAPHQL_ERROR"),
        (
            [{"quantity": 1, "packagingOptionId": to_global_id("PackagingOption", 999999)}],
            "packagingOptionId",
            "INVALID",
        ),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(gql, basket_items, lines, field, code):
    tray, _b, _box = basket_items
    lines = [{"variantId": vid(tray), **line} for line in lines]
    result = gql.data(CREATE, {"input": {"channel": "international", "lines": lines}})[
        "checkoutCreate"
    ]
    assert result["checkout"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert (
        Checkout.objects.count() == 0
        and CheckoutLine.objects.count() == 0
        and Reservation.objects.count() == 0
    )


def test_unpublished_products_and_unknown_channels_are_refused(gql, catalog):
    draft = catalog.product("Draft", published=False)
    result = gql.data(
        CREATE,
        {
            "input": {
                "channel": "international",
                "lines": [{"variantId": vid(draft), "quantity": 1}],
            }
        },
    )
    assert result["checkoutCreate"]["errors"][0]["code"] == "UNAVAILABLE_VARIANT_IN_CHANNEL"
    elsewhere = catalog.product("Tunisia only", prices={"tunisia": "10.000"})
    result = gql.data(
        CREATE,
        {
            "input": {
                "channel": "international",
                "lines": [{"variantId": vid(elsewhere), "quantity": 1}],
            }
        },
    )
    assert result["checkoutCreate"]["errors"][0]["code"] == "UNAVAILABLE_VARIANT_IN_CHANNEL"
    result = gql.data(
        CREATE, {"input": {"channel": "mars", "lines": [{"variantId": vid(draft), "quantity": 1}]}}
    )
    assert result["checkoutCreate"]["errors"] == [
        {
            "field": "channel",
            "code": "NOT_FOUND",
            "message": "Channel with 'mars' slug does not exist.",
        }
    ]
    assert Checkout.objects.count() == 0


def test_another_basket_cannot_take_reserved_stock(gql, basket_items):
    _tray, bracelet, _box = basket_items  # one in stock
    first = gql.data(CREATE, committed([{"variantId": vid(bracelet), "quantity": 1}]))[
        "checkoutCreate"
    ]
    second = gql.data(CREATE, {"input": {"lines": [{"variantId": vid(bracelet), "quantity": 1}]}})[
        "checkoutCreate"
    ]
    assert first["errors"] == []
    assert second["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    availability = gql.data(
        "{ products(first: 5) { edges { node { name variants { quantityAvailable } } } } }"
    )
    assert {"name": "Bracelet", "variants": [{"quantityAvailable": 0}]} in [
        e["node"] for e in availability["products"]["edges"]
    ]


def test_unknown_checkout_ids(gql, basket_items):
    tray, _b, _box = basket_items
    missing = to_global_id("Checkout", "00000000-0000-0000-0000-000000000000")
    result = gql.data(ADD, {"id": missing, "lines": [{"variantId": vid(tray), "quantity": 1}]})[
        "checkoutLinesAdd"
    ]
    assert result["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a checkout."}
    ]
    broken = gql.data(ADD, {"id": "nope", "lines": [{"variantId": vid(tray), "quantity": 1}]})[
        "checkoutLinesAdd"
    ]
    assert broken["errors"][0]["code"] == "GRAPHQL_ERROR"
    assert gql.data("query($id: ID) { checkout(id: $id) { token } }", {"id": missing}) == {
        "checkout": None
    }
