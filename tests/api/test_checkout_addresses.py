from __future__ import annotations

import pytest

from marketplace.checkout.models import Checkout
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

SHIP = """mutation($id: ID, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {
  checkout { shippingAddress { firstName streetAddress1 city postalCode country { code } countryArea } }
  errors { field code addressType message } } }"""
BILL = """mutation($id: ID, $a: AddressInput!) { checkoutBillingAddressUpdate(id: $id, billingAddress: $a) {
  checkout { billingAddress { city country { code } } } errors { field code addressType } } }"""
PARIS = {
    "firstName": "Lina",
    "lastName": "B.",
    "streetAddress1": "12 rue des Arts",
    "city": "paris",
    "postalCode": "75011",
    "country": "FR",
    "phone": "+33 1 23 45 67 89",
}


@pytest.fixture
def checkout_id(gql, catalog):
    tray = catalog.product("Tray")
    variant = to_global_id("ProductVariant", tray.variants.get().pk)
    result = gql.data(
        'mutation($v: ID!) { checkoutCreate(input: {channel: "international", lines: [{variantId: $v, quantity: 1}]}) { checkout { id } } }',
        {"v": variant},
    )
    return result["checkoutCreate"]["checkout"]["id"]


def test_a_valid_address_is_stored_in_its_countrys_normal_form(gql, checkout_id):
    result = gql.data(SHIP, {"id": checkout_id, "a": PARIS})["checkoutShippingAddressUpdate"]
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"] == {
        "firstName": "Lina",
        "streetAddress1": "12 rue des Arts",
        "city": "PARIS",
        "postalCode": "75011",
        "country": {"code": "FR"},
        "countryArea": "",
    }


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"postalCode": "750"}, "postalCode", "INVALID"),
        ({"city": ""}, "city", "REQUIRED"),
        ({"streetAddress1": ""}, "streetAddress1", "REQUIRED"),
        ({"phone": "call me"}, "phone", "INVALID"),
        ({"country": None}, "country", "REQUIRED"),
    ],
)
def test_bad_addresses_name_the_field_and_change_nothing(gql, checkout_id, change, field, code):
    result = gql.data(SHIP, {"id": checkout_id, "a": {**PARIS, **change}})[
        "checkoutShippingAddressUpdate"
    ]
    assert [(e["field"], e["code"], e["addressType"]) for e in result["errors"]] == [
        (field, code, "SHIPPING")
    ]
    assert Checkout.objects.get().shipping_address is None


def test_the_channel_must_ship_to_the_country(gql, checkout_id):
    kairouan = {
        "streetAddress1": "Rue Ibn El Jazzar",
        "city": "Kairouan",
        "postalCode": "3100",
        "country": "TN",
    }
    result = gql.data(SHIP, {"id": checkout_id, "a": kairouan})["checkoutShippingAddressUpdate"]
    assert result["errors"] == [
        {
            "field": "country",
            "code": "INVALID",
            "addressType": None,
            "message": "The International channel does not ship to TN.",
        }
    ]
    billing = gql.data(BILL, {"id": checkout_id, "a": kairouan})["checkoutBillingAddressUpdate"]
    assert billing == {
        "checkout": {"billingAddress": {"city": "KAIROUAN", "country": {"code": "TN"}}},
        "errors": [],
    }


def test_address_validation_rules(gql, catalog):
    data = gql.data("""{ dz: addressValidationRules(countryCode: DZ) { countryName requiredFields postalCodeMatchers postalCodeExamples }
      us: addressValidationRules(countryCode: US) { countryAreaType countryAreaChoices { raw verbose } } }""")
    assert data["dz"]["countryName"] == "ALGERIA"
    assert "streetAddress" in "".join(data["dz"]["requiredFields"]).replace(
        "street_address", "streetAddress"
    )
    assert data["dz"]["postalCodeMatchers"] == ["^\\d{5}$"]
    assert data["us"]["countryAreaType"] == "state"
    assert {"raw": "CA", "verbose": "California"} in data["us"]["countryAreaChoices"]
