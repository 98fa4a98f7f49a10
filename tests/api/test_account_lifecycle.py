"""A buyer's own account in Saleor's mutations: accountUpdate, confirmAccount, e-mail change
and deletion, each confirmed through a mailed link; nothing changes on a refusal."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import User
from tests.commerce import ADDRESS

pytestmark = pytest.mark.django_db

UPDATE = """mutation($input: AccountInput!) { accountUpdate(input: $input) {
  user { firstName lastName languageCode metadata { key value }
    defaultShippingAddress { city } addresses { city } }
  errors { field code message } } }"""
EMAIL_REQUEST = """mutation($email: String!, $password: String!, $url: String!) {
  requestEmailChange(newEmail: $email, password: $password, redirectUrl: $url,
      channel: "default-channel") { user { email } errors { field code message } } }"""
EMAIL_CONFIRM = """mutation($token: String!) { confirmEmailChange(token: $token) {
  user { email } errors { field code message } } }"""
DELETION_REQUEST = """mutation($url: String!) { accountRequestDeletion(redirectUrl: $url) {
  errors { field code message } } }"""
DELETE = """mutation($token: String!) { accountDelete(token: $token) {
  user { email } errors { field code message } } }"""
CONFIRM = """mutation($email: String!, $token: String!) { confirmAccount(email: $email, token: $token) {
  user { email isConfirmed } errors { field code } } }"""


@pytest.fixture(autouse=True)
def _storefront_host(settings):
    settings.ALLOWED_CLIENT_HOSTS = ["shop.example.com"]  # where the mailed links may point


@pytest.fixture
def amina(db):
    return User.objects.create_user("amina@example.com", "copper-and-silver-2026")


@pytest.fixture
def signed_in(amina):
    client = Client()
    client.force_login(amina)
    return GraphQLClient(client)


def _token_from(mail) -> str:
    return re.search(r"token=([^\s&]+)", mail.body).group(1).replace("%3A", ":")


def test_account_update_changes_the_profile_and_adds_a_default_address(signed_in, amina):
    result = signed_in.data(
        UPDATE,
        {
            "input": {
                "firstName": " Amina ",
                "lastName": "Bouzid",
                "languageCode": "FR",
                "defaultShippingAddress": ADDRESS,
                "metadata": [{"key": "newsletter", "value": "yes"}],
            }
        },
    )["accountUpdate"]
    assert result == {
        "user": {
            "firstName": "Amina",
            "lastName": "Bouzid",
            "languageCode": "FR",
            "metadata": [{"key": "newsletter", "value": "yes"}],
            "defaultShippingAddress": {"city": "PARIS"},
            "addresses": [{"city": "PARIS"}],
        },
        "errors": [],
    }


def test_account_update_with_a_bad_address_changes_nothing(signed_in, amina):
    result = signed_in.data(
        UPDATE,
        {"input": {"firstName": "Nour", "defaultBillingAddress": {**ADDRESS, "postalCode": "x"}}},
    )["accountUpdate"]
    assert result["user"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("defaultBillingAddress.postalCode", "INVALID")
    ]
    amina.refresh_from_db()
    assert (amina.first_name, amina.addresses.count()) == ("", 0)


def test_account_update_refuses_anonymous_callers_and_other_customers(gql, signed_in, amina):
    anonymous = gql.data(UPDATE, {"input": {"firstName": "X"}})["accountUpdate"]
    assert [e["code"] for e in anonymous["errors"]] == ["JWT_MISSING_TOKEN"]
    other = signed_in.data(
        """mutation { accountUpdate(customerId: "VXNlcjox", input: {firstName: "X"}) {
            errors { field code } } }"""
    )["accountUpdate"]
    assert other["errors"] == [{"field": "customerId", "code": "INVALID"}]
    amina.refresh_from_db()
    assert amina.first_name == ""


def test_confirm_account_accepts_only_a_token_made_for_the_account(gql, amina):
    good = gql.data(
        CONFIRM, {"email": amina.email, "token": default_token_generator.make_token(amina)}
    )
    assert good["confirmAccount"] == {
        "user": {"email": "amina@example.com", "isConfirmed": True},
        "errors": [],
    }
    bad = gql.data(CONFIRM, {"email": amina.email, "token": "nope"})
    assert bad["confirmAccount"] == {
        "user": None,
        "errors": [{"field": "token", "code": "INVALID"}],
    }


def test_an_email_change_takes_effect_only_through_the_mailed_link(
    signed_in, amina, mailoutbox, django_capture_on_commit_callbacks
):
    variables = {
        "email": "Amina.New@Example.com",
        "password": "copper-and-silver-2026",
        "url": "https://shop.example.com/account/email",
    }
    with django_capture_on_commit_callbacks(execute=True):
        asked = signed_in.data(EMAIL_REQUEST, variables)["requestEmailChange"]
    assert asked == {"user": {"email": "amina@example.com"}, "errors": []}
    assert [m.to for m in mailoutbox] == [["amina.new@example.com"]]
    assert "https://shop.example.com/account/email?token=" in mailoutbox[0].body
    amina.refresh_from_db()
    assert amina.email == "amina@example.com"

    token = _token_from(mailoutbox[0])
    confirmed = signed_in.data(EMAIL_CONFIRM, {"token": token})["confirmEmailChange"]
    assert confirmed == {"user": {"email": "amina.new@example.com"}, "errors": []}
    replayed = signed_in.data(EMAIL_CONFIRM, {"token": token})["confirmEmailChange"]
    assert [e["code"] for e in replayed["errors"]] == ["JWT_INVALID_TOKEN"]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"password": "wrong"}, "password", "INVALID_CREDENTIALS"),
        ({"email": "not-an-email"}, "newEmail", "INVALID"),
        ({"email": "taken@example.com"}, "newEmail", "UNIQUE"),
        ({"url": "javascript:alert(1)"}, "redirectUrl", "INVALID"),
    ],
)
def test_a_bad_email_change_request_mails_nothing(
    signed_in, amina, mailoutbox, django_capture_on_commit_callbacks, changes, field, code
):
    User.objects.create_user("taken@example.com", "pw-123456789")
    variables = {
        "email": "new@example.com",
        "password": "copper-and-silver-2026",
        "url": "https://shop.example.com/e",
        **changes,
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = signed_in.data(EMAIL_REQUEST, variables)["requestEmailChange"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    assert mailoutbox == []


def test_deletion_needs_the_mailed_link(
    signed_in, amina, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = signed_in.data(DELETION_REQUEST, {"url": "https://shop.example.com/bye"})
    assert asked == {"accountRequestDeletion": {"errors": []}}
    assert [m.to for m in mailoutbox] == [["amina@example.com"]]
    forged = signed_in.data(DELETE, {"token": "forged"})["accountDelete"]
    assert [e["code"] for e in forged["errors"]] == ["JWT_INVALID_TOKEN"]
    assert User.objects.filter(pk=amina.pk).exists()

    deleted = signed_in.data(DELETE, {"token": _token_from(mailoutbox[0])})["accountDelete"]
    assert deleted == {"user": {"email": "amina@example.com"}, "errors": []}
    assert not User.objects.filter(email="amina@example.com").exists()


def test_staff_accounts_are_not_closed_from_the_storefront(staff_gql, mailoutbox):
    result = staff_gql.data(DELETION_REQUEST, {"url": "https://shop.example.com/bye"})
    assert result["accountRequestDeletion"]["errors"] == [
        {
            "field": "id",
            "code": "INVALID",
            "message": "Staff accounts are closed by an administrator.",
        }
    ]
    assert mailoutbox == []
