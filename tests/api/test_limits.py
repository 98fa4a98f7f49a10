from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_query_batching_is_refused(gql, catalog):
    response = gql.raw([{"query": "{ shop { name } }"}, {"query": "{ shop { name } }"}])
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "Query batching is not supported: send one operation per request."}]
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "The request body is not valid JSON."),
        (b'"just a string"', "The request body must be a JSON object."),
        (b'{"query": "{ shop { name } }", "variables": [1]}', "`variables` must be a JSON object."),
    ],
)
def test_malformed_bodies_are_400_with_a_reason(client, db, body, message):
    response = client.post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message


def test_syntax_error_is_reported_not_500(gql, catalog):
    response = gql.raw({"query": "{ products(first: 1) { "})
    assert response.status_code == 400
    assert "Syntax Error" in response.json()["errors"][0]["message"]


def test_depth_limit(gql, catalog, settings):
    settings.GRAPHQL_MAX_DEPTH = 4
    deep = "{ products(first: 1) { edges { node { category { parent { name } } } } } }"
    messages = gql.error_messages(deep)
    assert messages == ["The query is 6 levels deep; the limit is 4."]


def test_alias_limit(gql, catalog, settings):
    settings.GRAPHQL_MAX_ALIASES = 3
    aliased = "{ " + " ".join(f"a{i}: shop {{ name }}" for i in range(4)) + " }"
    assert gql.error_messages(aliased) == ["The query uses 4 aliases; the limit is 3."]


def test_cost_limit_counts_nested_pages(gql, catalog, settings):
    settings.GRAPHQL_MAX_COST = 1000
    nested = """{ categories(first: 100) { edges { node {
        products(first: 100) { edges { node { name } } } } } } }"""
    messages = gql.error_messages(nested)
    assert messages[0].startswith("The query's estimated cost is ")
    assert messages[0].endswith("the limit is 1000. Ask for fewer items or fewer nested lists.")


def test_a_variable_page_size_is_priced_by_its_value(gql, catalog, settings):
    """As Saleor prices it: `first: $n` costs what $n holds (4 per product here, plus 1)."""
    settings.GRAPHQL_MAX_COST = 300
    query = 'query($n: Int) { products(first: $n, channel: "international") { edges { node { name slug } } } }'
    assert gql.error_messages(query, {"n": 100}) == [
        "The query's estimated cost is 401; the limit is 300. "
        "Ask for fewer items or fewer nested lists."
    ]
    assert gql.data(query, {"n": 20}) == {"products": {"edges": []}}


def test_a_variable_default_and_nested_variable_pages_are_priced_by_value(gql, catalog, settings):
    settings.GRAPHQL_MAX_COST = 1000
    query = """query($outer: Int = 50, $inner: Int!) { categories(first: $outer) { edges { node {
        products(first: $inner, channel: "international") { edges { node { name } } } } } } }"""
    messages = gql.error_messages(query, {"inner": 10})
    assert messages == [
        "The query's estimated cost is 1651; the limit is 1000. "
        "Ask for fewer items or fewer nested lists."
    ]
    assert gql.data(query, {"outer": 5, "inner": 10}) == {
        "categories": {"edges": [{"node": {"products": {"edges": []}}}]}
    }


def test_introspection_is_off_outside_debug_and_demo(gql, catalog, settings):
    settings.GRAPHQL_PLAYGROUND = False
    messages = gql.error_messages("{ __schema { types { name } } }")
    assert "introspection" in messages[0].lower()
    page = gql.client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in page.content.lower()


def test_introspection_and_graphiql_in_demo_mode(gql, catalog, settings):
    settings.GRAPHQL_PLAYGROUND = True
    assert gql.data("{ __schema { queryType { name } } }") == {
        "__schema": {"queryType": {"name": "Query"}}
    }
    page = gql.client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert b"graphiql" in page.content.lower()


class Exploding:
    def __str__(self):
        raise RuntimeError("database password is hunter2")


def test_unexpected_errors_are_masked(gql, catalog, settings):
    settings.SHOP_NAME = Exploding()
    body = gql.execute("{ shop { name } }")
    assert body["errors"][0]["message"] == "Internal server error."
    assert "hunter2" not in str(body)
