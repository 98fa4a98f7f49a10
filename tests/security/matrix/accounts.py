"""Entries for the account side: tokens, registration, passwords, the address book."""

from __future__ import annotations

from typing import Any

from marketplace.accounts.models import User

from .core import (
    EVERYONE,
    GATED,
    OBJECT,
    SELF,
    Entry,
    only,
    payload_ok,
    refused_with,
)
from .world import LOGGED_IN, PASSWORD, World, missing_gid

ERRORS = "errors { field code message }"
NEW_ADDRESS = {
    "firstName": "Nour",
    "lastName": "Haddad",
    "streetAddress1": "3 rue Didouche Mourad",
    "city": "Constantine",
    "postalCode": "25000",
    "country": "DZ",
}
LOGIN_NEEDED = ("JWT_MISSING_TOKEN", "PERMISSION_DENIED")


def buyer_a_account(world: World) -> Any:
    """Buyer A's own rows: the account (every column) and its address book."""
    pk = world.users["buyer_a"].pk
    return (
        list(User.objects.filter(pk=pk).values()),
        sorted(
            User.addresses.through.objects.filter(user_id=pk).values_list(
                "address_id", "address__city", "address__street_address_1"
            )
        ),
    )


def _email(world: World) -> str:
    return world.users["buyer_a"].email


ENTRIES = [
    Entry(
        "mutation.tokenCreate",
        f"mutation($e: String!, $p: String!) {{ tokenCreate(email: $e, password: $p) {{ token {ERRORS} }} }}",
        lambda w: {"e": _email(w), "p": PASSWORD},
        allowed=EVERYONE,
        ok=payload_ok("tokenCreate", "token"),
        kind=GATED,  # the password is the key: whoever holds it may log in
    ),
    Entry(
        "mutation.tokenRefresh",
        f"mutation($t: String) {{ tokenRefresh(refreshToken: $t) {{ token {ERRORS} }} }}",
        lambda w: {"t": w.ids["buyer_a_refresh_token"]},
        allowed=EVERYONE,
        ok=payload_ok("tokenRefresh", "token"),
        kind=GATED,  # the refresh token is the key
    ),
    Entry(
        "mutation.tokenVerify",
        f"mutation($t: String!) {{ tokenVerify(token: $t) {{ isValid {ERRORS} }} }}",
        lambda w: {"t": w.ids["buyer_a_refresh_token"]},
        allowed=EVERYONE,
        ok=lambda data: (
            data["tokenVerify"]["isValid"] is False
        ),  # a refresh token is no access token
        kind=GATED,
    ),
    Entry(
        "mutation.accountRegister",
        f"mutation($i: AccountRegisterInput!) {{ accountRegister(input: $i) {{ requiresConfirmation {ERRORS} }} }}",
        lambda w: {"i": {"email": "newcomer@example.com", "password": "hammered-copper-77"}},
        allowed=EVERYONE,
        ok=payload_ok("accountRegister"),
        kind=GATED,
    ),
    Entry(
        "mutation.requestPasswordReset",
        f"mutation($e: String!, $u: String!) {{ requestPasswordReset(email: $e, redirectUrl: $u) {{ {ERRORS} }} }}",
        lambda w: {"e": _email(w), "u": "http://localhost:8000/account/reset/"},
        allowed=EVERYONE,
        ok=payload_ok("requestPasswordReset"),
        kind=GATED,  # mails the account's owner, whoever asks
    ),
    Entry(
        "mutation.setPassword",
        f'mutation($e: String!, $t: String!) {{ setPassword(email: $e, token: $t, password: "new-copper-tray-9") {{ token {ERRORS} }} }}',
        lambda w: {"e": _email(w), "t": w.ids["buyer_a_reset_token"]},
        allowed=EVERYONE,
        ok=payload_ok("setPassword", "token"),
        kind=GATED,  # the mailed token is the key
    ),
    Entry(
        "mutation.passwordChange",
        f'mutation($o: String) {{ passwordChange(oldPassword: $o, newPassword: "new-copper-tray-9") {{ user {{ email }} {ERRORS} }} }}',
        lambda w: {"o": PASSWORD},
        allowed=LOGGED_IN,
        ok=payload_ok("passwordChange", "user"),
        kind=SELF,
        guard=buyer_a_account,
        denied=refused_with("passwordChange", *LOGIN_NEEDED),
    ),
    Entry(
        "mutation.accountAddressCreate",
        f"mutation($c: ID, $a: AddressInput!) {{ accountAddressCreate(customerId: $c, input: $a, type: SHIPPING) {{ address {{ city }} {ERRORS} }} }}",
        lambda w: {"c": w.ids["buyer_a_user"], "a": NEW_ADDRESS},
        allowed=LOGGED_IN,  # into the caller's own book: customerId never reaches A's
        ok=payload_ok("accountAddressCreate", "address"),
        kind=SELF,
        guard=buyer_a_account,
        denied=refused_with("accountAddressCreate", *LOGIN_NEEDED),
    ),
    Entry(
        "mutation.accountAddressUpdate",
        f"mutation($id: ID!, $a: AddressInput!) {{ accountAddressUpdate(id: $id, input: $a) {{ address {{ city }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["buyer_a_address"], "a": NEW_ADDRESS},
        allowed=only("buyer_a"),
        ok=payload_ok("accountAddressUpdate", "address"),
        missing=lambda w: {"id": missing_gid("Address"), "a": NEW_ADDRESS},
        kind=OBJECT,
    ),
    Entry(
        "mutation.accountAddressDelete",
        f"mutation($id: ID!) {{ accountAddressDelete(id: $id) {{ address {{ city }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["buyer_a_address"]},
        allowed=only("buyer_a"),
        ok=payload_ok("accountAddressDelete", "address"),
        missing=lambda w: {"id": missing_gid("Address")},
    ),
    Entry(
        "mutation.accountSetDefaultAddress",
        f"mutation($id: ID!) {{ accountSetDefaultAddress(id: $id, type: BILLING) {{ user {{ email }} {ERRORS} }} }}",
        lambda w: {"id": w.ids["buyer_a_address"]},
        allowed=only("buyer_a"),
        ok=payload_ok("accountSetDefaultAddress", "user"),
        missing=lambda w: {"id": missing_gid("Address")},
    ),
]
