"""Runtime behaviour Saleor clients rely on: the token's `iss`, the `JWT` scheme, and
Saleor's default channel slug."""

from __future__ import annotations

import json

import jwt
import pytest
from django.test import Client

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

TOKEN = """mutation TokenCreate($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken errors { code } }
}"""
REFRESH = """mutation($r: String!) { tokenRefresh(refreshToken: $r) { token errors { code } } }"""
ME = "{ me { email } }"


@pytest.fixture
def amina(db):
    return User.objects.create_user("amina@example.com", "copper-and-silver-2026")


def _claims(token):
    return jwt.decode(token, options={"verify_signature": False})


def _log_in(gql):
    body = gql.data(TOKEN, {"email": "amina@example.com", "password": "copper-and-silver-2026"})
    assert body["tokenCreate"]["errors"] == []
    return body["tokenCreate"]


def test_token_create_names_the_api_url_as_issuer(gql, amina):
    tokens = _log_in(gql)
    assert _claims(tokens["token"])["iss"] == "http://testserver/graphql/"
    assert _claims(tokens["refreshToken"])["iss"] == "http://testserver/graphql/"
    refreshed = gql.data(REFRESH, {"r": tokens["refreshToken"]})["tokenRefresh"]
    assert _claims(refreshed["token"])["iss"] == "http://testserver/graphql/"


def test_behind_a_proxy_the_issuer_is_the_public_url(gql, amina, settings):
    settings.PUBLIC_URL = "https://shop.example.com"
    assert _claims(_log_in(gql)["token"])["iss"] == "https://shop.example.com/graphql/"


@pytest.mark.parametrize("scheme", ["JWT", "Bearer", "bearer"])
def test_the_token_is_accepted_under_saleors_jwt_scheme_and_bearer(gql, amina, scheme):
    client = Client(HTTP_AUTHORIZATION=f"{scheme} {_log_in(gql)['token']}")
    response = client.post("/graphql/", json.dumps({"query": ME}), content_type="application/json")
    assert response.json() == {"data": {"me": {"email": "amina@example.com"}}}


def test_a_token_without_issuer_is_refused(amina):
    from marketplace.accounts.tokens import _key

    forged = jwt.encode(
        {"sub": str(amina.pk), "type": "access", "token": amina.jwt_token_key, "exp": 2**31},
        _key(),
        algorithm="HS256",
    )
    response = Client(HTTP_AUTHORIZATION=f"JWT {forged}").post(
        "/graphql/", json.dumps({"query": ME}), content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Invalid token."


def test_saleors_default_channel_slug_is_the_marketplace_default(gql, catalog, settings):
    settings.DEFAULT_CHANNEL_SLUG = "international"
    catalog.product("Chased tray", prices={"international": "100.00"})
    query = """query($channel: String!) {
      channel(slug: $channel) { slug currencyCode }
      products(first: 20, channel: $channel) { edges { node { name
        pricing { priceRange { start { gross { amount currency } } } } } } }
    }"""
    data = gql.data(query, {"channel": "default-channel"})
    assert data["channel"] == {"slug": "international", "currencyCode": "EUR"}
    assert data["products"]["edges"] == [
        {
            "node": {
                "name": "Chased tray",
                "pricing": {
                    "priceRange": {"start": {"gross": {"amount": 100.0, "currency": "EUR"}}}
                },
            }
        }
    ]
    created = gql.data(
        """mutation { checkoutCreate(input: {channel: "default-channel", lines: []}) {
            checkout { channel { slug } } errors { code } } }"""
    )
    assert created["checkoutCreate"] == {
        "checkout": {"channel": {"slug": "international"}},
        "errors": [],
    }
