"""The account side: register, tokens (Bearer), passwords, address book."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

REGISTER = "mutation($i: AccountRegisterInput!) { accountRegister(input: $i) { requiresConfirmation errors { field code } } }"
TOKEN = "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token refreshToken user { email } errors { field code message } } }"
ME = "{ me { email firstName isStaff addresses { city } defaultShippingAddress { city } } }"
ADDRESS = """mutation($a: AddressInput!) { accountAddressCreate(input: $a, type: SHIPPING) { address { id city } user { email } errors { field code } } }"""
HOME = {
    "streetAddress1": "3 rue Didouche Mourad",
    "city": "Constantine",
    "postalCode": "25000",
    "country": "DZ",
}


def bearer(token):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", enforce_csrf_checks=True)

    def run(query, variables=None):
        return client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )

    return run


@pytest.fixture
def amina(db):
    return User.objects.create_user(
        "amina@example.com", "copper-and-silver-2026", first_name="Amina"
    )


def test_register_then_log_in_with_tokens(gql):
    result = gql.data(
        REGISTER,
        {"i": {"email": "New@Example.com", "password": "hammered-copper-77", "firstName": "Nour"}},
    )
    assert result["accountRegister"] == {"requiresConfirmation": False, "errors": []}
    tokens = gql.data(TOKEN, {"e": "new@example.com", "p": "hammered-copper-77"})["tokenCreate"]
    assert tokens["errors"] == [] and tokens["user"] == {"email": "new@example.com"}
    me = bearer(tokens["token"])(ME).json()
    assert me == {
        "data": {
            "me": {
                "email": "new@example.com",
                "firstName": "Nour",
                "isStaff": False,
                "addresses": [],
                "defaultShippingAddress": None,
            }
        }
    }


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short", "PASSWORD_TOO_SHORT"),
        ("83649172058", "PASSWORD_ENTIRELY_NUMERIC"),
        ("password123", "PASSWORD_TOO_COMMON"),
    ],
)
def test_weak_passwords_are_refused(gql, password, code):
    result = gql.data(REGISTER, {"i": {"email": "x@example.com", "password": password}})[
        "accountRegister"
    ]
    assert result["errors"][0] == {"field": "password", "code": code}
    assert not User.objects.exists()


def test_duplicate_and_invalid_emails(gql, amina):
    dup = gql.data(
        REGISTER, {"i": {"email": "AMINA@example.com", "password": "another-long-pass-9"}}
    )
    bad = gql.data(REGISTER, {"i": {"email": "not-an-email", "password": "another-long-pass-9"}})
    # An address that has an account answers like a free one (its owner is mailed instead):
    # tests/security/test_throttling.py checks the mail and the identical answer.
    assert dup["accountRegister"] == {"requiresConfirmation": False, "errors": []}
    assert bad["accountRegister"]["errors"] == [{"field": "email", "code": "INVALID"}]
    assert User.objects.count() == 1


def test_wrong_password_and_unknown_email_answer_alike(gql, amina):
    wrong = gql.data(TOKEN, {"e": "amina@example.com", "p": "nope"})["tokenCreate"]
    unknown = gql.data(TOKEN, {"e": "ghost@example.com", "p": "nope"})["tokenCreate"]
    assert (
        wrong
        == unknown
        == {
            "token": None,
            "refreshToken": None,
            "user": None,
            "errors": [
                {
                    "field": "email",
                    "code": "INVALID_CREDENTIALS",
                    "message": "Please, enter valid credentials.",
                }
            ],
        }
    )


def test_bad_bearer_tokens_are_401(amina, settings):
    for header_token, code in (("garbage", "JWT_DECODE_ERROR"), ("", "JWT_INVALID_TOKEN")):
        response = bearer(header_token)(ME)
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["exception"]["code"] == code
    settings.JWT_ACCESS_TTL = timedelta(seconds=-1)
    from marketplace.accounts.tokens import access_token_issue

    expired = bearer(access_token_issue(amina))(ME)
    assert expired.status_code == 401
    assert expired.json()["errors"][0]["message"] == "Signature has expired."


def test_refresh_and_verify(gql, amina):
    tokens = gql.data(TOKEN, {"e": "amina@example.com", "p": "copper-and-silver-2026"})[
        "tokenCreate"
    ]
    refreshed = gql.data(
        "mutation($r: String) { tokenRefresh(refreshToken: $r) { token user { email } errors { code } } }",
        {"r": tokens["refreshToken"]},
    )
    assert refreshed["tokenRefresh"]["user"] == {"email": "amina@example.com"}
    verified = gql.data(
        "mutation($t: String!) { tokenVerify(token: $t) { isValid payload user { email } } }",
        {"t": refreshed["tokenRefresh"]["token"]},
    )
    assert (
        verified["tokenVerify"]["isValid"] is True
        and verified["tokenVerify"]["payload"]["email"] == "amina@example.com"
    )
    access_as_refresh = gql.data(
        "mutation($r: String) { tokenRefresh(refreshToken: $r) { token errors { code } } }",
        {"r": tokens["token"]},
    )
    assert access_as_refresh["tokenRefresh"] == {
        "token": None,
        "errors": [{"code": "JWT_INVALID_TOKEN"}],
    }


def test_password_change_signs_every_other_device_out(gql, amina):
    tokens = gql.data(TOKEN, {"e": "amina@example.com", "p": "copper-and-silver-2026"})[
        "tokenCreate"
    ]
    api = bearer(tokens["token"])
    wrong = api(
        'mutation { passwordChange(oldPassword: "x", newPassword: "brass-lantern-2027") { errors { field code } } }'
    ).json()
    assert wrong["data"]["passwordChange"]["errors"] == [
        {"field": "oldPassword", "code": "INVALID_CREDENTIALS"}
    ]
    done = api(
        'mutation { passwordChange(oldPassword: "copper-and-silver-2026", newPassword: "brass-lantern-2027") { errors { code } } }'
    ).json()
    assert done["data"]["passwordChange"]["errors"] == []
    assert api(ME).status_code == 401  # the old token died with the old password


def test_password_reset_by_mail(gql, amina, mailoutbox, django_capture_on_commit_callbacks):
    query = 'mutation($e: String!) { requestPasswordReset(email: $e, redirectUrl: "https://shop.example/reset") { errors { field code } } }'
    with django_capture_on_commit_callbacks(execute=True):
        assert gql.data(query, {"e": "amina@example.com"})["requestPasswordReset"]["errors"] == []
        assert gql.data(query, {"e": "ghost@example.com"})["requestPasswordReset"]["errors"] == []
    assert len(mailoutbox) == 1
    token = re.search(r"token=([\w-]+)", mailoutbox[0].body).group(1)
    reset = gql.data(
        'mutation($t: String!) { setPassword(email: "amina@example.com", token: $t, password: "new-filigree-2026") { token errors { code } } }',
        {"t": token},
    )
    assert reset["setPassword"]["errors"] == [] and reset["setPassword"]["token"]
    reused = gql.data(
        'mutation($t: String!) { setPassword(email: "amina@example.com", token: $t, password: "other-filigree-2026") { errors { field code } } }',
        {"t": token},
    )
    assert reused["setPassword"]["errors"] == [{"field": "token", "code": "INVALID"}]
    bad_url = gql.data(
        'mutation { requestPasswordReset(email: "amina@example.com", redirectUrl: "javascript:alert(1)") { errors { field code } } }'
    )
    assert bad_url["requestPasswordReset"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID"}
    ]


def test_address_book(gql, amina):
    rival = User.objects.create_user("rival@example.com", "someone-else-2026")
    from marketplace.accounts.tokens import access_token_issue

    mine, theirs = bearer(access_token_issue(amina)), bearer(access_token_issue(rival))
    created = mine(ADDRESS, {"a": HOME}).json()["data"]["accountAddressCreate"]
    assert created["errors"] == [] and created["address"]["city"] == "CONSTANTINE"
    assert mine(ME).json()["data"]["me"]["defaultShippingAddress"] == {"city": "CONSTANTINE"}

    address_id = created["address"]["id"]
    foreign = theirs(
        "mutation($id: ID!) { accountAddressDelete(id: $id) { errors { field code } } }",
        {"id": address_id},
    ).json()
    assert foreign["data"]["accountAddressDelete"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]
    assert amina.addresses.count() == 1
    bad = mine(ADDRESS, {"a": {**HOME, "postalCode": "ABC"}}).json()["data"]["accountAddressCreate"]
    assert bad["errors"] == [{"field": "postalCode", "code": "INVALID"}]
    gone = mine(
        "mutation($id: ID!) { accountAddressDelete(id: $id) { address { city } errors { code } } }",
        {"id": address_id},
    ).json()
    assert gone["data"]["accountAddressDelete"] == {
        "address": {"city": "CONSTANTINE"},
        "errors": [],
    }
    assert amina.addresses.count() == 0


def test_anonymous_address_book_is_refused(gql):
    result = gql.data(ADDRESS, {"a": HOME})["accountAddressCreate"]
    assert result["errors"] == [{"field": None, "code": "JWT_MISSING_TOKEN"}]
