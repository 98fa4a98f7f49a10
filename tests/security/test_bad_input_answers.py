"""Bad input gets an answer naming what is wrong, never a crash (issue 8, items 10, 11, 14):
NUL characters anywhere, strings longer than their column, attribute filters without a slug,
searches too long to run, Stripe-signed bodies that are not events. Nothing is written and
nothing is logged at error level."""

from __future__ import annotations

import json
import logging

import pytest

from marketplace.accounts.models import Address, User
from marketplace.checkout.models import Checkout
from marketplace.payments.models import ProviderEvent
from plugins.stripe_payments.tests.test_webhook import SECRET, signed
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PRODUCTS = """query($s: String) { products(first: 5, channel: "international", search: $s) {
  edges { node { name } } } }"""
REGISTER = """mutation($i: AccountRegisterInput!) { accountRegister(input: $i) {
  errors { field code message } } }"""
CREATE = """mutation($v: ID!, $e: String) { checkoutCreate(input: {channel: "international",
  email: $e, lines: [{variantId: $v, quantity: 1}]}) { checkout { id } errors { field code message } } }"""
EMAIL = """mutation($id: ID, $e: String!) { checkoutEmailUpdate(id: $id, email: $e) {
  checkout { email } errors { field code message } } }"""
SHIP = """mutation($id: ID, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id,
  shippingAddress: $a) { checkout { shippingAddress { city } } errors { field code message } } }"""
PARIS = {
    "firstName": "Lina",
    "streetAddress1": "12 rue des Arts",
    "city": "paris",
    "postalCode": "75011",
    "country": "FR",
}


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.fixture
def tray(catalog):
    return catalog.product("Copper tray")


@pytest.fixture
def checkout_id(gql, tray):
    variant = to_global_id("ProductVariant", tray.variants.get().pk)
    return gql.data(CREATE, {"v": variant})["checkoutCreate"]["checkout"]["id"]


# 10. NUL characters: refused before any query, naming the argument.


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (PRODUCTS, {"s": "copper\u0000"}, "$s"),
        ('{ product(slug: "tray\\u0000", channel: "international") { id } }', {}, "slug"),
        (
            '{ products(first: 2, channel: "international", filter: {search: "a\\u0000"}) '
            "{ edges { node { id } } } }",
            {},
            "filter.search",
        ),
        (
            'query($s: String = "x\\u0000") { products(first: 1, search: $s) { totalCount } }',
            {},
            "$s",
        ),
    ],
)
def test_a_nul_character_in_a_query_is_refused_naming_the_argument(
    gql, tray, caplog, query, variables, field
):
    response = gql.raw({"query": query, "variables": variables})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"exception": {"code": "INVALID"}, "field": field}
    assert error["message"].startswith(f"`{field}` contains a NUL character (\\u0000)")
    no_errors_logged(caplog)


def test_a_nul_character_inside_a_mutation_input_is_refused_and_nothing_is_written(gql, caplog):
    payload = {"email": "nour@example.com", "password": "hammered-copper-77", "lastName": "B\0"}
    response = gql.raw({"query": REGISTER, "variables": {"i": payload}})
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": "`$i` contains a NUL character (\\u0000) at `lastName`, "
                "which is not allowed.",
                "extensions": {"exception": {"code": "INVALID"}, "field": "$i"},
            }
        ]
    }
    assert not User.objects.exists()
    no_errors_logged(caplog)


def test_a_nul_character_in_an_address_line_or_metadata_key_is_refused(gql, checkout_id, caplog):
    address = {**PARIS, "streetAddress2": "b\u0000t"}
    response = gql.raw({"query": SHIP, "variables": {"id": checkout_id, "a": address}})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "`$a` contains a NUL character (\\u0000) at `streetAddress2`, which is not allowed."
    )
    metadata = """mutation($id: ID!, $m: [MetadataInput!]!) { updateMetadata(id: $id, input: $m)
      { errors { field code } } }"""
    response = gql.raw(
        {"query": metadata, "variables": {"id": checkout_id, "m": [{"key": "k\0", "value": "v"}]}}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "`$m` contains a NUL character (\\u0000) at `[0].key`, which is not allowed."
    )
    assert Checkout.objects.get().shipping_address is None
    assert Checkout.objects.get().metadata == {}
    no_errors_logged(caplog)


# 11. Strings longer than their column: INVALID with the limit, before any write.


@pytest.mark.parametrize(
    ("field", "limit"),
    [("firstName", 256), ("streetAddress1", 256), ("city", 256), ("postalCode", 20)],
)
def test_an_address_field_longer_than_its_column_names_the_limit(
    gql, checkout_id, caplog, field, limit
):
    address = {**PARIS, field: "x" * (limit + 1)}
    addresses = Address.objects.count()
    result = gql.data(SHIP, {"id": checkout_id, "a": address})["checkoutShippingAddressUpdate"]
    assert result == {
        "checkout": None,
        "errors": [
            {
                "field": field,
                "code": "INVALID",
                "message": f"Ensure this value has at most {limit} characters "
                f"(it has {limit + 1}).",
            }
        ],
    }
    assert Checkout.objects.get().shipping_address is None
    assert Address.objects.count() == addresses
    no_errors_logged(caplog)


@pytest.mark.parametrize(
    ("change", "field", "limit", "length"),
    [
        ({"firstName": "N" * 300}, "firstName", 256, 300),
        ({"lastName": "B" * 257}, "lastName", 256, 257),
        ({"email": "a" * 300 + "@example.com"}, "email", 254, 312),
    ],
)
def test_registration_fields_longer_than_their_columns_are_refused(
    gql, caplog, change, field, limit, length
):
    payload = {"email": "nour@example.com", "password": "hammered-copper-77", **change}
    result = gql.data(REGISTER, {"i": payload})["accountRegister"]
    assert result["errors"] == [
        {
            "field": field,
            "code": "INVALID",
            "message": f"Ensure this value has at most {limit} characters (it has {length}).",
        }
    ]
    assert not User.objects.exists()
    no_errors_logged(caplog)


def test_a_huge_bad_email_is_not_echoed_back_whole(gql, checkout_id, caplog):
    huge = "not-an-email-" + "x" * 200
    result = gql.data(EMAIL, {"id": checkout_id, "e": huge})["checkoutEmailUpdate"]
    assert result == {
        "checkout": None,
        "errors": [
            {
                "field": "email",
                "code": "INVALID",
                "message": "'not-an-email-xxxxxxxxxxxxxxxxxxxxxxxxxxx'… is not a valid e-mail address.",
            }
        ],
    }
    too_long = "a" * 1_000_000 + "@example.com"
    result = gql.data(EMAIL, {"id": checkout_id, "e": too_long})["checkoutEmailUpdate"]
    assert result["errors"] == [
        {
            "field": "email",
            "code": "INVALID",
            "message": "Ensure this value has at most 254 characters (it has 1000012).",
        }
    ]
    assert Checkout.objects.get().email == ""
    no_errors_logged(caplog)


def test_a_huge_id_or_channel_is_quoted_only_as_a_prefix(gql, caplog):
    body = gql.execute('{ products(first: 1, channel: "%s") { totalCount } }' % ("c" * 5000))
    assert body["errors"][0]["message"] == f"Channel with '{'c' * 40}'… slug does not exist."
    body = gql.execute('{ product(id: "%s", channel: "international") { id } }' % ("Z" * 5000))
    assert len(body["errors"][0]["message"]) < 120
    no_errors_logged(caplog)


# 14. Filters and searches that crashed.


def test_an_attribute_filter_without_a_slug_is_an_error_naming_it(gql, tray, caplog):
    body = gql.execute(
        '{ products(first: 5, channel: "international", filter: {attributes: [{values: ["x"]}]}) '
        "{ edges { node { id } } } }"
    )
    assert body == {
        "errors": [
            {
                "message": "Each of `filter.attributes` needs the attribute's `slug`.",
                "locations": [{"line": 1, "column": 3}],
                "path": ["products"],
            }
        ],
        "data": {"products": None},
    }
    no_errors_logged(caplog)


def test_a_search_with_thousands_of_words_is_refused_before_the_database(
    gql, tray, caplog, django_assert_max_num_queries
):
    words = " ".join(f"w{i}" for i in range(20_000))
    with django_assert_max_num_queries(1):  # the channel, never the search itself
        body = gql.execute(PRODUCTS, {"s": words})
    assert (
        body["errors"][0]["message"]
        == "Ensure the search has at most 256 characters (it has 128889)."
    )
    assert body["errors"][0]["extensions"] == {"field": "search"}
    body = gql.execute(PRODUCTS, {"s": " ".join(["a"] * 70)})
    assert body["errors"][0]["message"] == "Ensure the search has at most 64 words (it has 70)."
    assert gql.data(PRODUCTS, {"s": "copper tray"})["products"]["edges"] == [
        {"node": {"name": "Copper tray"}}
    ]
    no_errors_logged(caplog)


# 14. Stripe-signed bodies that are not events.


@pytest.mark.parametrize(
    ("event", "problem"),
    [
        ({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded"}, "`data.object`"),
        ({"id": "evt_2", "type": "charge.refunded", "data": {}}, "`data.object`"),
        ({"id": "evt_3", "type": "charge.refunded", "data": {"object": "x"}}, "`data.object`"),
        ({"type": "charge.refunded", "data": {"object": {}}}, "`id`"),
        ({"id": "evt_5", "data": {"object": {}}}, "`type`"),
    ],
)
def test_a_signed_event_without_data_is_refused_cleanly(client, settings, caplog, event, problem):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    body = json.dumps(event).encode()
    response = client.post(
        "/plugins/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(body),
    )
    assert response.status_code == 400
    assert response.json() == {"error": f"The event has no {problem}."}
    assert not ProviderEvent.objects.exists()
    no_errors_logged(caplog)


# Found by the fuzz (tests/support/graphql_fuzz.py).


def test_a_literal_a_scalar_refuses_is_a_client_error_not_an_internal_one(gql, caplog):
    response = gql.raw({"query": '{ checkout(token: "not-a-uuid") { id } }'})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["message"].startswith("Expected value of type 'UUID', found \"not-a-uuid\"")
    assert "extensions" not in error
    huge = "z" * 100_000
    response = gql.raw({"query": '{ checkout(token: "' + huge + '") { id } }'})
    [error] = response.json()["errors"]
    assert len(error["message"]) == 301 and error["message"].endswith("…")
    no_errors_logged(caplog)


@pytest.mark.parametrize("serial", ["", "   ", "AB/CD", "Z" * 65])
def test_a_serial_no_verify_url_could_carry_is_refused(gql, caplog, serial):
    body = gql.execute(
        "query($s: String!) { certificate(serial: $s) { status verifyUrl } }", {"s": serial}
    )
    assert body["errors"][0]["message"] == "`serial` is not a certificate serial."
    assert body["data"] == {"certificate": None}
    no_errors_logged(caplog)


def test_a_technique_name_longer_than_its_column_is_refused(staff_gql, caplog):
    from marketplace.provenance.models import Technique

    query = """mutation($n: String!, $t: String!) { techniqueCreate(slug: "damascening", name: $n,
      translations: [{languageCode: "fr", name: $t}]) { technique { slug } errors { field code message } } }"""
    long_name = staff_gql.data(query, {"n": "D" * 129, "t": "Damasquinage"})["techniqueCreate"]
    long_translation = staff_gql.data(query, {"n": "Damascening", "t": "D" * 200})[
        "techniqueCreate"
    ]
    assert long_name == {
        "technique": None,
        "errors": [
            {
                "field": "name",
                "code": "INVALID",
                "message": "Ensure this value has at most 128 characters (it has 129).",
            }
        ],
    }
    assert long_translation["errors"] == [
        {
            "field": "translations",
            "code": "INVALID",
            "message": "Ensure this value has at most 128 characters (it has 200).",
        }
    ]
    assert not Technique.objects.filter(slug="damascening").exists()
    no_errors_logged(caplog)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "B" * 129}, "name", "Ensure this value has at most 128 characters (it has 129)."),
        (
            {"material": "m" * 200},
            "material",
            "Ensure this value has at most 128 characters (it has 200).",
        ),
        ({"lengthCm": "1e30"}, "lengthCm", "Ensure this value is less than 1000000 in size."),
        (
            {"addedWeightKg": "12345"},
            "addedWeightKg",
            "Ensure this value is less than 10000 in size.",
        ),
        (
            {"extraLeadDays": 40000},
            "extraLeadDays",
            "Ensure this value is less than or equal to 32767.",
        ),
    ],
)
def test_packaging_values_beyond_their_columns_are_refused(catalog, caplog, change, field, message):
    from django.test import Client

    from conftest import GraphQLClient
    from marketplace.packaging.models import PackagingOption
    from marketplace.vendors.models import VendorMembership

    owner = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=owner, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(owner)
    query = """mutation($v: ID!, $i: PackagingOptionInput!) { packagingOptionCreate(vendor: $v,
      input: $i) { packagingOption { id } errors { field code message } } }"""
    box = {"name": "Box", "kind": "GIFT", "lengthCm": "30", "widthCm": "30", "heightCm": "10"}
    result = GraphQLClient(client).data(
        query, {"v": to_global_id("Vendor", catalog.workshop.pk), "i": {**box, **change}}
    )["packagingOptionCreate"]
    assert result == {
        "packagingOption": None,
        "errors": [{"field": field, "code": "INVALID", "message": message}],
    }
    assert not PackagingOption.objects.exists()
    no_errors_logged(caplog)


def test_a_file_written_as_a_literal_is_refused_before_any_service(catalog, caplog):
    from django.test import Client

    from conftest import GraphQLClient
    from marketplace.provenance.models import ProvenancePhoto
    from marketplace.vendors.models import VendorMembership

    owner = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=owner, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(owner)
    product = to_global_id("Product", catalog.product("Tray").pk)
    response = GraphQLClient(client).raw(
        {
            "query": 'mutation($p: ID!) { provenancePhotoAdd(product: $p, image: "photo.jpg") '
            "{ errors { field code } } }",
            "variables": {"p": product},
        }
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == (
        "Expected value of type 'Upload!', found \"photo.jpg\"; "
        "A file is sent with a multipart request and named by a variable."
    )
    assert not ProvenancePhoto.objects.exists()
    no_errors_logged(caplog)
