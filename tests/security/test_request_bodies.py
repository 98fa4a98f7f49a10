"""Bodies that are not a GraphQL request answer HTTP 400 with a JSON `errors` list (issue 8,
item 12): a query that is not a string, JSON nested far beyond any real request, and a body over
the size limit."""

from __future__ import annotations

import json
import logging

import pytest

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db


def post(client, body: bytes | str):
    return client.post("/graphql/", data=body, content_type="application/json")


def only_message(response) -> str:
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    return str(error["message"])


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"query": {"a": 1}}, "`query` must be a string."),
        ({"query": ["{ shop { name } }"]}, "`query` must be a string."),
        ({"query": 42}, "`query` must be a string."),
        (
            {"query": "{ shop { name } }", "operationName": {"x": 1}},
            "`operationName` must be a string.",
        ),
    ],
)
def test_parameters_of_the_wrong_type_are_a_400_naming_them(client, caplog, payload, message):
    assert only_message(post(client, json.dumps(payload))) == message
    no_errors_logged(caplog)


def test_variables_of_the_wrong_type_in_a_get_request_are_a_400(client, caplog):
    response = client.get("/graphql/", {"query": "{ shop { name } }", "variables": "[1, 2]"})
    assert only_message(response) == "`variables` must be a JSON object."
    no_errors_logged(caplog)


def test_json_nested_100000_deep_is_a_400(client, caplog):
    body = (
        '{"query": "{ shop { name } }", "variables": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    )
    assert only_message(post(client, body)) == "The request body is nested too deeply."
    assert only_message(post(client, "[" * 100_000 + "]" * 100_000)) == (
        "The request body is nested too deeply."
    )
    no_errors_logged(caplog)


def test_a_body_over_the_size_limit_is_a_json_400_and_nothing_runs(client, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    register = """mutation($i: AccountRegisterInput!) { accountRegister(input: $i) { errors { field } } }"""
    payload = {
        "query": register,
        "variables": {
            "i": {
                "email": "nour@example.com",
                "password": "hammered-copper-77",
                "note": "x" * 20_000,
            }
        },
    }
    response = post(client, json.dumps(payload))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": "The request body is larger than the limit of 10000 bytes.",
                "extensions": {"exception": {"code": "REQUEST_TOO_LARGE"}},
            }
        ]
    }
    assert not User.objects.exists()
    no_errors_logged(caplog)
