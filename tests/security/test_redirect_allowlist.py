"""Issue #8, item 2: a redirectUrl may only name an allowed client host.

Every mutation that mails a link built on a client-supplied redirectUrl (password reset,
e-mail change, account deletion), accountRegister, and checkoutComplete refuse a URL on any
other host with INVALID on redirectUrl, mail nothing and change nothing. The test settings
allow shop.example and shop.example.com (ALLOWED_CLIENT_HOSTS) besides ALLOWED_HOSTS.
"""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from tests.commerce import Shop, checkout_ready, pay

pytestmark = pytest.mark.django_db

PASSWORD = "copper-and-silver-2026"
EVIL = [
    "https://evil.example/reset",
    "https://shop.example@evil.example/reset",  # userinfo: the host is evil.example
    "https://evil.example/shop.example/reset",
    "https://shop.example.evil.example/reset",
    "http://evil.example:8000/?next=https://shop.example/",
]
INVALID = [{"field": "redirectUrl", "code": "INVALID"}]
RESET = """mutation($e: String!, $u: String!) { requestPasswordReset(email: $e, redirectUrl: $u) {
  errors { field code message } } }"""
REGISTER = """mutation($i: AccountRegisterInput!) { accountRegister(input: $i) {
  requiresConfirmation errors { field code message } } }"""
DELETION = """mutation($u: String!) { accountRequestDeletion(redirectUrl: $u) {
  errors { field code message } } }"""
EMAIL_CHANGE = """mutation($p: String!, $u: String!) { requestEmailChange(newEmail: "moved@example.com",
  password: $p, redirectUrl: $u) { errors { field code message } } }"""
COMPLETE = """mutation($id: ID, $u: String) { checkoutComplete(id: $id, redirectUrl: $u) {
  order { id redirectUrl } errors { field code message } } }"""


def _codes(payload: dict) -> list[dict]:
    return [{"field": e["field"], "code": e["code"]} for e in payload["errors"]]


@pytest.fixture
def amina(db):
    return User.objects.create_user("amina@example.com", PASSWORD, first_name="Amina")


@pytest.fixture
def signed_in(amina) -> GraphQLClient:
    client = Client()
    client.force_login(amina)
    return GraphQLClient(client)


@pytest.mark.parametrize("url", EVIL)
def test_password_reset_refuses_a_foreign_host_and_mails_nothing(
    gql, amina, url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payload = gql.data(RESET, {"e": amina.email, "u": url})["requestPasswordReset"]
    assert _codes(payload) == INVALID
    assert "is not an allowed client host" in payload["errors"][0]["message"]
    assert mailoutbox == []


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example/reset",  # ALLOWED_CLIENT_HOSTS
        "https://SHOP.example.com:8443/reset",  # case and port do not matter
        "http://localhost:8000/reset",  # a host this site serves (ALLOWED_HOSTS)
        "https://market.example.org/reset",  # PUBLIC_URL's host
    ],
)
def test_password_reset_mails_a_link_to_an_allowed_host(
    gql, amina, url, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PUBLIC_URL = "https://market.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        payload = gql.data(RESET, {"e": amina.email, "u": url})["requestPasswordReset"]
    assert payload["errors"] == []
    assert len(mailoutbox) == 1
    assert f"{url}?email=amina%40example.com&token=" in mailoutbox[0].body


def test_a_wildcard_allowed_host_is_not_a_way_around(
    gql, amina, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["*"]
    settings.ALLOWED_CLIENT_HOSTS = []
    with django_capture_on_commit_callbacks(execute=True):
        payload = gql.data(RESET, {"e": amina.email, "u": EVIL[0]})["requestPasswordReset"]
    assert _codes(payload) == INVALID
    assert mailoutbox == []


def test_registration_refuses_a_foreign_redirect_and_creates_nothing(
    gql, mailoutbox, django_capture_on_commit_callbacks
):
    account = {"email": "nour@example.com", "password": "hammered-copper-77"}
    with django_capture_on_commit_callbacks(execute=True):
        payload = gql.data(REGISTER, {"i": {**account, "redirectUrl": EVIL[0]}})
    assert _codes(payload["accountRegister"]) == INVALID
    assert not User.objects.exists()
    assert mailoutbox == []
    allowed = gql.data(REGISTER, {"i": {**account, "redirectUrl": "https://shop.example/ok"}})
    assert allowed["accountRegister"] == {"requiresConfirmation": False, "errors": []}
    assert User.objects.filter(email="nour@example.com").count() == 1


@pytest.mark.parametrize("url", EVIL[:2])
def test_account_deletion_link_refuses_a_foreign_host(
    signed_in, amina, url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payload = signed_in.data(DELETION, {"u": url})["accountRequestDeletion"]
    assert _codes(payload) == INVALID
    assert mailoutbox == []
    assert User.objects.filter(pk=amina.pk, is_active=True).exists()


def test_email_change_link_refuses_a_foreign_host(
    signed_in, amina, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        payload = signed_in.data(EMAIL_CHANGE, {"p": PASSWORD, "u": EVIL[1]})
    assert _codes(payload["requestEmailChange"]) == INVALID
    assert mailoutbox == []
    assert User.objects.get(pk=amina.pk).email == "amina@example.com"


def test_checkout_completion_refuses_a_foreign_redirect_and_places_no_order(gql, catalog):
    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    assert pay(gql, checkout_id, data={"card": "4242424242424242"})["errors"] == []

    refused = gql.data(COMPLETE, {"id": checkout_id, "u": EVIL[0]})["checkoutComplete"]
    assert refused["order"] is None
    assert _codes(refused) == INVALID
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 1

    placed = gql.data(COMPLETE, {"id": checkout_id, "u": "https://shop.example/thanks"})
    assert placed["checkoutComplete"]["errors"] == []
    assert placed["checkoutComplete"]["order"]["redirectUrl"] == "https://shop.example/thanks"
    assert Order.objects.get().redirect_url == "https://shop.example/thanks"
