"""Shared fixtures: a GraphQL client and a small catalog built with factories."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.factories import CatalogBuilder


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """Stop the embedded test database if these test settings started it."""
    from django.conf import settings

    if getattr(settings, "EMBEDDED_SERVER_STARTED_HERE", False):
        from django.db import connections

        from marketplace.core.embedded_db import stop_embedded_server

        connections.close_all()
        stop_embedded_server(settings.MARKETPLACE_HOME)


class GraphQLClient:
    def __init__(self, client: Client) -> None:
        self.client = client

    def raw(self, payload: Any, **headers: str) -> Any:
        return self.client.post(
            "/graphql/", data=json.dumps(payload), content_type="application/json", **headers
        )

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self.raw({"query": query, "variables": variables or {}})
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.execute(query, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result

    def error_messages(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        body = self.execute(query, variables)
        assert "errors" in body, f"expected errors, got {body}"
        return [e["message"] for e in body["errors"]]


@pytest.fixture
def gql(client: Client) -> GraphQLClient:
    return GraphQLClient(client)


@pytest.fixture
def staff_gql(db: Any) -> GraphQLClient:
    from marketplace.accounts.models import User

    staff = User.objects.create_user("staff@example.com", "pw-staff-123", is_staff=True)
    client = Client()
    client.force_login(staff)
    return GraphQLClient(client)


@pytest.fixture
def catalog(db: Any) -> CatalogBuilder:
    return CatalogBuilder()


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Each test starts with no throttling counters (marketplace/core/throttle.py) left by
    another: they live in the cache, which is process-wide local memory in tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def s3_endpoint() -> Any:
    """moto's S3 server on a free loopback port, for the tests of one module."""
    import socket

    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="session")
def localstripe() -> Any:
    """localstripe on a free loopback port for the whole session (tests/support)."""
    import socket
    import subprocess
    import sys
    import tempfile
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the session ends
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.localstripe_server", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.seek(0)
                raise RuntimeError(f"localstripe did not start: {log.read()!r}") from None
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture
def stripe_on(settings: Any, localstripe: str) -> Any:
    """The Stripe gateway switched on against localstripe, beside the demo gateway."""
    from marketplace.core.plugins import reset_plugin_manager

    settings.STRIPE_SECRET_KEY = "sk_test_marketplace"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_marketplace"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_marketplace"
    settings.STRIPE_API_BASE = localstripe
    settings.DEMO_PAYMENTS_ENABLED = True
    reset_plugin_manager()
    yield localstripe
    reset_plugin_manager()
