"""While the database is unreachable the API answers HTTP 503 with a JSON error and
Retry-After, so proxies and clients retry (issue 8, item 15); nothing is logged at error level.

The server runs in a subprocess whose DATABASE_URL names a loopback port nobody listens on:
the real settings, middleware, view and resolvers, with a database that refuses connections.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, logging, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from marketplace.accounts.models import User
from marketplace.accounts.tokens import access_token_issue

setup_test_environment()
records = []

class Keep(logging.Handler):
    def emit(self, record):
        records.append([record.levelname, record.name, record.getMessage()])

logging.getLogger().addHandler(Keep(level=logging.WARNING))
requests = {
    "mutation": {"query": 'mutation { tokenCreate(email: "a@example.com", password: "x") { token } }'},
    "register": {
        "query": "mutation($i: AccountRegisterInput!) { accountRegister(input: $i) { errors { field } } }",
        "variables": {"i": {"email": "nour@example.com", "password": "hammered-copper-77"}},
    },
    "query": {"query": '{ products(first: 2, channel: "international") { edges { node { id } } } }'},
}
answers = {}
for name, payload in requests.items():
    response = Client().post("/graphql/", json.dumps(payload), content_type="application/json")
    answers[name] = [response.status_code, response.get("Retry-After"), response.json()]
token = access_token_issue(User(pk=1, email="a@example.com"))
response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
    "/graphql/", json.dumps({"query": "{ me { email } }"}), content_type="application/json"
)
answers["bearer"] = [response.status_code, response.get("Retry-After"), response.json()]
print(json.dumps({"answers": answers, "records": records}))
"""

UNAVAILABLE = {
    "errors": [
        {
            "message": "The service is temporarily unavailable. Please try again shortly.",
            "extensions": {"exception": {"code": "SERVICE_UNAVAILABLE"}},
        }
    ]
}


def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def outage() -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{dead_port()}/unreachable",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("request_name", ["mutation", "register", "query", "bearer"])
def test_every_request_answers_503_with_retry_after(outage, request_name):
    assert outage["answers"][request_name] == [503, "5", UNAVAILABLE]


def test_the_outage_is_logged_as_a_warning_never_as_an_error(outage):
    levels = {level for level, _name, _message in outage["records"]}
    assert levels == {"WARNING"}
    assert all(
        name == "marketplace.graphql.core.failures"
        and message.startswith("Database unavailable, answered 503: ")
        for _level, name, message in outage["records"]
    ), outage["records"]
