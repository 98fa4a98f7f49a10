"""CORS on /graphql/: a storefront on another origin may call the API only when configured.

Checked as a browser does it: a preflight (OPTIONS with Access-Control-Request-*) and then the
request itself carrying Origin. An origin that is not allowed gets no Access-Control header at
all, so the browser withholds the answer from the page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.accounts.models import User
from marketplace.accounts.tokens import access_token_issue

REPO = Path(__file__).resolve().parent.parent.parent
SHOP = "https://shop.example.com"
ALLOWED_HEADERS = "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with"
ALLOWED_METHODS = "DELETE, GET, OPTIONS, PATCH, POST, PUT"


def _cors_headers(response) -> dict[str, str]:
    return {k: v for k, v in response.items() if k.lower().startswith("access-control-")}


def _preflight(client, origin: str, path: str = "/graphql/"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )


def test_an_allowed_storefront_passes_the_preflight_and_reads_the_answer(client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = [SHOP]
    preflight = _preflight(client, SHOP)
    assert preflight.status_code == 200
    assert _cors_headers(preflight) == {
        "access-control-allow-origin": SHOP,
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-max-age": "86400",
    }

    buyer = User.objects.create_user("buyer@example.com", "pw-123456789")
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": "{ me { email } }"}),
        content_type="application/json",
        HTTP_ORIGIN=SHOP,
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(buyer)}",
    )
    assert response.json() == {"data": {"me": {"email": "buyer@example.com"}}}
    # No credentials mode: the token travels in a header, never a cookie another site could use.
    assert _cors_headers(response) == {"access-control-allow-origin": SHOP}
    assert "origin" in response["Vary"].split(", ")  # caches keep answers per origin


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://shop.example.com", "https://shop.example.com.evil.example"],
)
def test_any_other_origin_gets_no_cors_header(client, db, settings, origin):
    settings.CORS_ALLOWED_ORIGINS = [SHOP]
    assert _cors_headers(_preflight(client, origin)) == {}
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": "{ shop { name } }"}),
        content_type="application/json",
        HTTP_ORIGIN=origin,
    )
    assert response.status_code == 200
    assert _cors_headers(response) == {}


def test_only_the_api_answers_cross_origin(client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = [SHOP]
    assert _cors_headers(client.get("/", HTTP_ORIGIN=SHOP)) == {}


def _headers_under(settings_module: str, origin: str, tmp_path: Path, **env: str) -> dict:
    """The preflight's Access-Control headers under real settings, loaded as an operator would."""
    code = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        f"r = Client().options('/graphql/', HTTP_HOST='localhost', secure=True, HTTP_ORIGIN={origin!r},"
        " HTTP_ACCESS_CONTROL_REQUEST_METHOD='POST',"
        " HTTP_ACCESS_CONTROL_REQUEST_HEADERS='authorization, content-type')\n"
        "print(json.dumps({k: v for k, v in r.items() if k.lower().startswith('access-control-')}))"
    )
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "MARKETPLACE_", "CORS_"))
    }
    environment.update(
        DATABASE_URL="postgresql://nobody@127.0.0.1:1/none",  # a preflight touches no database
        DJANGO_SETTINGS_MODULE=settings_module,
        MARKETPLACE_HOME=str(tmp_path),
        SECRET_KEY="x" * 64 + "-not-a-real-secret-but-long-and-varied-0123456789",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer: dict = json.loads(result.stdout)
    return answer


PRODUCTION = "marketplace.settings.production"
BASE = "marketplace.settings.base"


@pytest.mark.parametrize(
    ("settings_module", "env", "origin", "allowed"),
    [
        # Production allows nothing by default, even with the demo flag set...
        (PRODUCTION, {}, SHOP, False),
        (PRODUCTION, {"MARKETPLACE_DEMO": "1"}, "http://localhost:3000", False),
        # ...and exactly the configured storefronts when told.
        (PRODUCTION, {"CORS_ALLOWED_ORIGINS": f"{SHOP}, https://b.example"}, SHOP, True),
        (PRODUCTION, {"CORS_ALLOWED_ORIGINS": SHOP}, "https://evil.example", False),
        # The demo answers storefronts run on this machine, on any port, and nothing else.
        (BASE, {"MARKETPLACE_DEMO": "1"}, "http://localhost:3000", True),
        (BASE, {"MARKETPLACE_DEMO": "1"}, "http://127.0.0.1:5173", True),
        (BASE, {"MARKETPLACE_DEMO": "1"}, "http://localhost.evil.example", False),
        (BASE, {"MARKETPLACE_DEMO": "1"}, "https://evil.example", False),
        (BASE, {}, "http://localhost:3000", False),
    ],
)
def test_configured_origins_per_environment(tmp_path, settings_module, env, origin, allowed):
    headers = _headers_under(settings_module, origin, tmp_path, **env)
    if allowed:
        assert headers["access-control-allow-origin"] == origin
        assert headers["access-control-allow-headers"] == ALLOWED_HEADERS
    else:
        assert headers == {}
