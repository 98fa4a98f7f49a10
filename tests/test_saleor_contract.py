"""Our schema speaks Saleor's dialect, measured against Saleor: every type reachable from
our Query and Mutation roots that Saleor 3.23 also has must have Saleor's whole surface
(fields, arguments, types with nullability and list wrappers, deprecations, enum values,
interfaces, union members, input fields), except the reviewed differences listed with their
reason in tests/saleor_contract_allowlist.toml. Storefront documents written for Saleor
validate against both schemas.

The contract lives beside the repository in ../shared/saleor-dialect (CI has it). Set
SALEOR_SCHEMA to point elsewhere; set REQUIRE_SALEOR_SCHEMA=1 to fail rather than skip
when it is missing.
"""

from __future__ import annotations

import os
import tomllib

import pytest
from graphql import GraphQLSchema, parse, validate

from tests.saleor_contract import (
    ALLOWLIST_PATH,
    differences,
    load_allowlist,
    load_saleor_schema,
    saleor_schema_path,
)
from tests.storefront_checkout import CHECKOUT_DOCUMENTS
from tests.storefront_queries import STOREFRONT_QUERIES


def saleor_schema() -> GraphQLSchema:
    path = saleor_schema_path()
    if not path.exists():
        if os.environ.get("REQUIRE_SALEOR_SCHEMA") == "1":
            pytest.fail(f"Saleor's schema is required but missing at {path}")
        pytest.skip(f"Saleor's schema not found at {path}")
    return load_saleor_schema(path)


def our_schema() -> GraphQLSchema:
    from marketplace.graphql.api import schema

    return schema.graphql_schema


def test_every_shared_type_has_saleors_whole_surface():
    """Any difference not reviewed and explained in the allow-list fails, by its key."""
    allowed = load_allowlist()
    unexplained = {
        key: description
        for key, description in differences(our_schema(), saleor_schema()).items()
        if key not in allowed
    }
    assert unexplained == {}


def test_the_allowlist_names_only_differences_that_still_exist():
    """Built or fixed surface leaves the list, so the list stays the truth."""
    found = differences(our_schema(), saleor_schema())
    assert sorted(set(load_allowlist()) - set(found)) == []


def test_every_allowlisted_difference_has_one_reason():
    groups = tomllib.loads(ALLOWLIST_PATH.read_text())["group"]
    keys = [key for group in groups for key in group["keys"]]
    assert all(len(group["reason"]) > 40 for group in groups)
    assert len(keys) == len(set(keys))


def test_the_comparison_sees_a_missing_field_a_changed_type_and_a_missing_member():
    """The comparison itself: a schema lacking Saleor's surface is reported, key by key."""
    from graphql import build_schema

    ours = build_schema(
        """
        type Query { product(id: ID): Product  problem: Problem  kind: Kind }
        type Product { id: ID  name: String }
        type A { a: Int } type B { b: Int }
        union Problem = A
        enum Kind { ONE }
        """
    )
    theirs = build_schema(
        """
        type Query { product(id: ID!, channel: String): Product  problem: Problem  kind: Kind }
        type Product { id: ID!  name: String!  slug: String! @deprecated }
        type A { a: Int } type B { b: Int }
        union Problem = A | B
        enum Kind { ONE TWO }
        """
    )
    assert differences(ours, theirs) == {
        "Query.product(id)": "argument type ID vs Saleor ID!",
        "Query.product(channel)": "argument missing (Saleor: String)",
        "Product.id": "type ID vs Saleor ID!",
        "Product.name": "type String vs Saleor String!",
        "Product.slug": "missing (Saleor: String!)",
        "Problem|B": "union member missing",
        "Kind.TWO": "enum value missing",
    }


@pytest.mark.parametrize("name", sorted(STOREFRONT_QUERIES))
def test_storefront_queries_validate_against_both_schemas(name):
    document = parse(STOREFRONT_QUERIES[name])
    assert validate(saleor_schema(), document) == []
    assert validate(our_schema(), document) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(STOREFRONT_QUERIES))
def test_storefront_queries_run_against_the_demo_catalog(name, gql, catalog):
    from marketplace.content.models import Menu

    catalog.product("Chased tray")
    Menu.objects.create(name="navbar", slug="navbar")
    variables = {
        "channel": "international",
        "slug": "trays",
        "first": 12,
        "locale": "FR",
        "search": "tray",
    }
    body = gql.execute(STOREFRONT_QUERIES[name], variables)
    assert "errors" not in body, body


@pytest.mark.parametrize("name", sorted(CHECKOUT_DOCUMENTS))
def test_checkout_documents_validate_against_both_schemas(name):
    document = parse(CHECKOUT_DOCUMENTS[name])
    assert validate(saleor_schema(), document) == []
    assert validate(our_schema(), document) == []


@pytest.mark.django_db
def test_a_saleor_storefront_buys_with_its_own_documents(gql, catalog):
    from marketplace.shipping.models import ShippingMethod
    from tests.commerce import ADDRESS, ship_with
    from tests.helpers import to_global_id

    tray = catalog.product("Chased tray", prices={"international": "100.00"})
    ship_with(catalog.cluster, catalog.eur, name="Colissimo International", price="15.00")

    def run(name, **variables):
        body = gql.execute(CHECKOUT_DOCUMENTS[name], variables)
        assert "errors" not in body, body
        payload = next(iter(body["data"].values()))
        assert not payload.get("errors"), payload
        return payload

    lines = [{"variantId": to_global_id("ProductVariant", tray.variants.get().pk), "quantity": 1}]
    checkout = run("create", channel="international", lines=lines)["checkout"]
    run("email", id=checkout["id"], email="claire@example.com")
    methods = run("shipping_address", id=checkout["id"], address=ADDRESS)["checkout"][
        "shippingMethods"
    ]
    run("billing_address", id=checkout["id"], address=ADDRESS)
    chosen = run("delivery", id=checkout["id"], methodId=methods[0]["id"])["checkout"]
    assert chosen["deliveryMethod"]["name"] == "Colissimo International"
    assert chosen["totalPrice"]["gross"] == {"amount": 115.0, "currency": "EUR"}
    assert [g["id"] for g in chosen["availablePaymentGateways"]] == [
        "marketplace.payments.demo",
        "saleor.io.dummy-payment-app",
    ]
    run("gateways", id=checkout["id"])
    paid = run(
        "pay",
        id=checkout["id"],
        gateway={"id": "marketplace.payments.demo", "data": {"card": "4242424242424242"}},
    )
    assert paid["transactionEvent"]["type"] == "CHARGE_SUCCESS"
    order = run("complete", id=checkout["id"])["order"]
    assert order["isPaid"] and order["status"] == "UNFULFILLED"
    assert run("order", id=order["id"])["lines"] == [{"productName": "Chased tray"}]
    assert ShippingMethod.objects.count() == 1
