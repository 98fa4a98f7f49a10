"""checkoutCreate and the address mutations with everything Saleor's inputs carry: an empty
basket, addresses with their validation rules and save flags, metadata, and the deprecated
`checkoutId`/`token` that Saleor 3.23 still accepts."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import Address, User
from marketplace.checkout.address_book import checkout_addresses_remember
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.inventory.models import Reservation
from tests.commerce import ADDRESS
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

CREATE = """mutation CheckoutCreate($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id token email lines { id } metadata { key value }
      shippingAddress { city postalCode countryArea country { code } }
      billingAddress { city country { code } } }
    errors { field code message addressType }
  }
}"""
SHIPPING = """mutation($id: ID, $checkoutId: ID, $token: UUID, $address: AddressInput!,
    $save: Boolean, $rules: CheckoutAddressValidationRules) {
  checkoutShippingAddressUpdate(id: $id, checkoutId: $checkoutId, token: $token,
      shippingAddress: $address, saveAddress: $save, validationRules: $rules) {
    checkout { shippingAddress { city postalCode } }
    errors { field code message addressType }
  }
}"""
PROMO = """mutation($token: UUID, $checkoutId: ID, $code: String!) {
  checkoutAddPromoCode(token: $token, checkoutId: $checkoutId, promoCode: $code) {
    checkout { id } errors { field code message }
  }
}"""
BY_TOKEN = "query($token: UUID) { checkout(token: $token) { id email } }"


def _create(gql, **input_fields):
    body = gql.data(CREATE, {"input": {"channel": "international", "lines": [], **input_fields}})
    return body["checkoutCreate"]


def test_an_empty_basket_with_addresses_metadata_and_rules(gql, catalog):
    created = _create(
        gql,
        email="claire@example.com",
        shippingAddress=ADDRESS,
        billingAddress={**ADDRESS, "city": "Lyon", "postalCode": "69001"},
        saveShippingAddress=False,
        saveBillingAddress=True,
        validationRules={"shippingAddress": {"checkRequiredFields": True}},
        metadata=[{"key": "utm_source", "value": "newsletter"}],
    )
    assert created["errors"] == []
    checkout = created["checkout"]
    assert checkout["lines"] == [] and checkout["email"] == "claire@example.com"
    assert checkout["shippingAddress"] == {
        "city": "PARIS",
        "postalCode": "75011",
        "countryArea": "",
        "country": {"code": "FR"},
    }
    assert checkout["billingAddress"] == {"city": "LYON", "country": {"code": "FR"}}
    assert checkout["metadata"] == [{"key": "utm_source", "value": "newsletter"}]
    stored = Checkout.objects.get()
    assert (stored.save_shipping_address, stored.save_billing_address) == (False, True)


def test_a_bad_address_in_checkout_create_writes_nothing(gql, catalog):
    tray = catalog.product("Chased tray", prices={"international": "100.00"})
    addresses_before = Address.objects.count()

    created = gql.data(
        CREATE,
        {
            "input": {
                "channel": "international",
                "lines": [
                    {
                        "variantId": to_global_id("ProductVariant", tray.variants.get().pk),
                        "quantity": 1,
                    }
                ],
                "shippingAddress": {**ADDRESS, "postalCode": "not a code"},
            }
        },
    )["checkoutCreate"]
    assert created["checkout"] is None
    assert [(e["field"], e["code"], e["addressType"]) for e in created["errors"]] == [
        ("postalCode", "INVALID", "SHIPPING")
    ]
    assert (Checkout.objects.count(), CheckoutLine.objects.count()) == (0, 0)
    assert (Reservation.objects.count(), Address.objects.count()) == (0, addresses_before)


def test_validation_rules_waive_what_the_client_asks_and_only_that(gql, catalog):
    checkout_id = _create(gql)["checkout"]["id"]
    no_postcode = {k: v for k, v in ADDRESS.items() if k != "postalCode"}

    refused = gql.data(SHIPPING, {"id": checkout_id, "address": no_postcode})
    assert refused["checkoutShippingAddressUpdate"]["errors"] == [
        {
            "field": "postalCode",
            "code": "REQUIRED",
            "message": "This field is required.",
            "addressType": "SHIPPING",
        }
    ]
    lenient = {"checkRequiredFields": False, "enableFieldsNormalization": False}
    accepted = gql.data(SHIPPING, {"id": checkout_id, "address": no_postcode, "rules": lenient})
    assert accepted["checkoutShippingAddressUpdate"] == {
        "checkout": {"shippingAddress": {"city": "Paris", "postalCode": ""}},
        "errors": [],
    }
    # waiving required fields does not waive their format
    bad_format = {**ADDRESS, "postalCode": "ABCDE"}
    still_refused = gql.data(SHIPPING, {"id": checkout_id, "address": bad_format, "rules": lenient})
    assert [e["code"] for e in still_refused["checkoutShippingAddressUpdate"]["errors"]] == [
        "INVALID"
    ]
    assert Checkout.objects.get().shipping_address.postal_code == ""


def test_deprecated_checkout_id_and_token_name_the_checkout(gql, catalog):
    created = _create(gql, email="claire@example.com")["checkout"]
    by_token = gql.data(SHIPPING, {"token": created["token"], "address": ADDRESS, "save": False})
    assert by_token["checkoutShippingAddressUpdate"]["errors"] == []
    assert Checkout.objects.get().save_shipping_address is False
    by_old_id = gql.data(SHIPPING, {"checkoutId": created["id"], "address": ADDRESS})
    assert by_old_id["checkoutShippingAddressUpdate"]["errors"] == []
    assert Checkout.objects.get().save_shipping_address is True
    assert gql.data(BY_TOKEN, {"token": created["token"]}) == {
        "checkout": {"id": created["id"], "email": "claire@example.com"}
    }
    promo = gql.data(PROMO, {"token": created["token"], "code": "NOSUCHCODE"})
    assert [e["field"] for e in promo["checkoutAddPromoCode"]["errors"]] == ["promoCode"]


def test_two_ways_of_naming_the_checkout_at_once_are_refused(gql, catalog):
    created = _create(gql)["checkout"]
    both = gql.data(SHIPPING, {"id": created["id"], "token": created["token"], "address": ADDRESS})[
        "checkoutShippingAddressUpdate"
    ]
    assert both == {
        "checkout": None,
        "errors": [
            {
                "field": "token",
                "code": "GRAPHQL_ERROR",
                "message": "Give one of `id`, `checkoutId` or `token`, not id and token.",
                "addressType": None,
            }
        ],
    }
    assert Checkout.objects.get().shipping_address is None


def test_addresses_flagged_for_saving_reach_the_address_book_once(gql, catalog):
    buyer = User.objects.create_user("claire@example.com", "pw-123456789")
    _create(
        gql,
        shippingAddress=ADDRESS,
        billingAddress={**ADDRESS, "city": "Lyon", "postalCode": "69001"},
        saveBillingAddress=False,
    )
    checkout = Checkout.objects.select_related("shipping_address", "billing_address").get()
    added = checkout_addresses_remember(checkout=checkout, user=buyer)
    assert [a.city for a in added] == ["PARIS"]
    assert checkout_addresses_remember(checkout=checkout, user=buyer) == []
    buyer.refresh_from_db()
    assert [a.city for a in buyer.addresses.all()] == ["PARIS"]
    assert buyer.default_shipping_address == added[0]
    assert buyer.default_billing_address is None
    assert added[0].pk != checkout.shipping_address_id  # the order keeps its own row


def test_checkout_create_answers_saleors_deprecated_created_flag(gql, catalog):
    body = gql.data(
        'mutation { checkoutCreate(input: {channel: "international", lines: []}) { created } }'
    )
    assert body == {"checkoutCreate": {"created": True}}
    refused = gql.data(
        'mutation { checkoutCreate(input: {channel: "nowhere", lines: []}) { created } }'
    )
    assert refused == {"checkoutCreate": {"created": None}}
