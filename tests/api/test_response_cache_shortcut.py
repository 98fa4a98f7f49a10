"""Cached answers served before the session and CSRF middleware
(marketplace/graphql/core/response_cache_shortcut.py): the same bytes and headers as the
view's own hit, only for requests anonymous on their face, and never in anyone's way."""

from __future__ import annotations

import json
from typing import Any
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.graphql.view import MarketplaceGraphQLView
from tests.api.test_response_cache import LIST, post

pytestmark = pytest.mark.django_db

# Headers every hit carries, whichever path answered it (Date, request ids and cookies aside).
SAME_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Length",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Response-Cache",
)


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.RESPONSE_CACHE_ENABLED = True


def _view_calls() -> Any:
    return mock.patch.object(
        MarketplaceGraphQLView,
        "dispatch",
        autospec=True,
        side_effect=MarketplaceGraphQLView.dispatch,
    )


def test_an_anonymous_hit_never_reaches_the_view_and_matches_its_answer(catalog, settings):
    catalog.product("Chased tray")
    anonymous = Client()
    assert post(anonymous)["X-Response-Cache"] == "miss"
    with_session = Client()
    # Anonymous too, but only the view can tell.
    with_session.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    with _view_calls() as dispatch:
        from_view = post(with_session)
    assert dispatch.call_count == 1
    assert from_view["X-Response-Cache"] == "hit"
    with _view_calls() as dispatch, CaptureQueriesContext(connection) as queries:
        shortcut = post(anonymous)
    assert dispatch.call_count == 0
    assert len(queries) == 0
    assert shortcut.status_code == 200
    assert shortcut.content == from_view.content
    for header in SAME_HEADERS:
        assert shortcut[header] == from_view[header], header
    assert set(shortcut["Vary"].replace(" ", "").split(",")) == set(
        from_view["Vary"].replace(" ", "").split(",")
    )


def test_the_language_is_the_one_the_view_would_use(catalog):
    """Cookie first, then Accept-Language, as LocaleMiddleware decides: each language its
    own entry, each hit labelled with its language."""
    catalog.product("Chased tray")
    for cookie, accept, expected in (
        (None, "fr", "fr"),
        (None, "ar,fr;q=0.5", "ar"),
        ("en", "ar", "en"),
    ):
        client = Client()
        if cookie:
            client.cookies["django_language"] = cookie
        assert post(client, HTTP_ACCEPT_LANGUAGE=accept)["Content-Language"] == expected
        with _view_calls() as dispatch:
            hit = post(client, HTTP_ACCEPT_LANGUAGE=accept)
        assert dispatch.call_count == 0
        assert hit["X-Response-Cache"] == "hit"
        assert hit["Content-Language"] == expected
    first_seen = {}
    for accept in ("fr", "ar", "en"):
        first_seen[accept] = post(
            Client(), query=LIST.replace(" slug", ""), HTTP_ACCEPT_LANGUAGE=accept
        )
    assert [r["X-Response-Cache"] for r in first_seen.values()] == ["miss", "miss", "miss"]


def test_a_logged_in_buyer_and_a_bearer_token_go_to_the_view(catalog):
    from marketplace.accounts.models import User
    from marketplace.accounts.tokens import access_token_issue

    catalog.product("Chased tray")
    user = User.objects.create_user("claire@example.com", "pw-claire-123")
    post(Client())
    buyer = Client()
    buyer.force_login(user)
    with _view_calls() as dispatch:
        assert "X-Response-Cache" not in post(buyer)
        bearer = post(Client(), HTTP_AUTHORIZATION=f"Bearer {access_token_issue(user)}")
        assert "X-Response-Cache" not in bearer
        refused = post(Client(), HTTP_AUTHORIZATION="Bearer not-a-token")
    assert dispatch.call_count == 3
    assert refused.status_code == 401  # a bad token is the view's to refuse, cached or not


def test_get_hits_carry_the_etag_and_answer_304_without_the_view(catalog):
    catalog.product("Chased tray")
    client = Client()
    params = {"query": LIST, "variables": json.dumps({"channel": "international"})}
    first = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
    with _view_calls() as dispatch:
        again = client.get("/graphql/", params, HTTP_ACCEPT="application/json")
        not_modified = client.get(
            "/graphql/", params, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"]
        )
    assert dispatch.call_count == 0
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] and again["Cache-Control"] == "no-cache"
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]


def test_graphiql_and_odd_bodies_are_left_to_the_view(catalog, settings):
    settings.GRAPHQL_PLAYGROUND = True
    catalog.product("Chased tray")
    client = Client()
    post(client)
    params = {"query": LIST, "variables": json.dumps({"channel": "international"})}
    page = client.get("/graphql/", params, HTTP_ACCEPT="text/html")
    assert "X-Response-Cache" not in page
    posted = post(client, HTTP_ACCEPT="text/html")
    assert "X-Response-Cache" not in posted and b"<html" in posted.content.lower()
    broken = client.post("/graphql/", "{not json", content_type="application/json")
    assert broken.status_code == 400
    assert "not valid JSON" in broken.content.decode()
    batch = client.post("/graphql/", json.dumps([{"query": LIST}]), content_type="application/json")
    assert batch.status_code == 400
    assert "batching" in batch.content.decode()


def test_a_cache_that_fails_leaves_the_view_to_answer_afresh(catalog):
    catalog.product("Chased tray")
    client = Client()
    post(client)
    down = ConnectionError("redis is down")
    with (
        mock.patch.object(cache, "get", side_effect=down),
        mock.patch.object(cache, "get_many", side_effect=down),
        mock.patch.object(cache, "set", side_effect=down),
    ):
        response = post(client)
    assert response.status_code == 200
    assert "X-Response-Cache" not in response
    assert response.json()["data"]["products"]["totalCount"] == 1


def test_what_the_view_refuses_is_never_a_hit(catalog):
    """Bodies and parameters the view answers 400 get that 400, even with the answer stored."""
    catalog.product("Chased tray")
    client = Client()
    post(client)
    payload = {"query": LIST, "variables": {"channel": "international"}}
    for encoded in (
        json.dumps(payload).encode("utf-16"),
        b"\xef\xbb\xbf" + json.dumps(payload).encode(),  # a byte-order mark
    ):
        refused = client.post("/graphql/", encoded, content_type="application/json")
        assert refused.status_code == 400, encoded[:10]
    for variables in ([], 0, False, "x"):
        refused = client.post(
            "/graphql/",
            json.dumps({"query": LIST, "variables": variables}),
            content_type="application/json",
        )
        assert refused.status_code == 400, variables
        assert "X-Response-Cache" not in refused


def test_a_get_with_a_body_is_the_views_to_read(catalog):
    catalog.product("Chased tray")
    query = """query($channel: String = "international") {
      products(first: 5, channel: $channel) { totalCount } }"""
    url = "/graphql/?" + urlencode({"query": query})
    client = Client()
    stored = client.get(url, HTTP_ACCEPT="application/json")
    assert stored.json()["data"]["products"]["totalCount"] == 1
    body = json.dumps({"variables": {"channel": "nope"}})
    with _view_calls() as dispatch:
        answer = client.generic(
            "GET", url, body, content_type="application/json", HTTP_ACCEPT="application/json"
        )
    assert dispatch.call_count == 1
    assert "X-Response-Cache" not in answer
    assert answer.json() != stored.json()  # the body's channel, as the view reads it


def test_answers_are_kept_apart_per_host_when_urls_name_the_request_host(catalog, settings):
    settings.PUBLIC_URL = ""
    settings.ALLOWED_HOSTS = ["shop.example", "api.example", "testserver"]
    catalog.product("Chased tray")
    query = LIST.replace("media { alt }", "media { alt url }")
    client = Client()
    for host in ("shop.example", "api.example"):
        first = post(client, query=query, HTTP_HOST=host)
        again = post(client, query=query, HTTP_HOST=host)
        assert (first["X-Response-Cache"], again["X-Response-Cache"]) == ("miss", "hit"), host
        url = again.json()["data"]["products"]["edges"][0]["node"]["media"][0]["url"]
        assert url.startswith(f"http://{host}/"), url


def test_a_change_is_seen_at_once_through_the_shortcut(catalog):
    product = catalog.product("Chased tray")
    client = Client()
    post(client)
    assert post(client)["X-Response-Cache"] == "hit"
    product.name = "Chased tray, large"
    product.save()
    fresh = post(client)
    assert fresh["X-Response-Cache"] == "miss"
    assert fresh.json()["data"]["products"]["edges"][0]["node"]["name"] == "Chased tray, large"


def test_an_unknown_host_is_refused_as_on_the_view(catalog):
    catalog.product("Chased tray")
    client = Client()
    post(client)
    refused = post(client, HTTP_HOST="attacker.example")
    assert refused.status_code == 400
    assert "X-Response-Cache" not in refused
