"""Entries for the account's life (Saleor's accountUpdate, e-mail change, deletion,
confirmation) and deliveryOptionsCalculate. Mailed tokens are made here the way the service
signs them; a token naming a user that does not exist plays the missing object."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core import signing

from marketplace.accounts.models import User

from .accounts import LOGIN_NEEDED, buyer_a_account
from .checkout import checkout_entry
from .core import EVERYONE, GATED, SELF, Entry, only, payload_ok, refused_with
from .world import LOGGED_IN, PASSWORD, World, missing_gid

ERRORS = "errors { field code message }"
NOBODY_PK = 2_000_000_000
REDIRECT = "http://localhost:8000/account/"


def _buyer_a(world: World) -> User:
    return User.objects.get(pk=world.users["buyer_a"].pk)


def _deletion_token(pk: int, key: str) -> str:
    from marketplace.accounts.lifecycle import DELETION_SALT

    return signing.dumps({"user": pk, "key": key}, salt=DELETION_SALT)


def _email_change_token(pk: int, old: str) -> str:
    from marketplace.accounts.lifecycle import EMAIL_CHANGE_SALT

    return signing.dumps(
        {"user": pk, "old": old, "new": "moved@example.com"}, salt=EMAIL_CHANGE_SALT
    )


ENTRIES = [
    Entry(
        "mutation.accountUpdate",
        f'mutation {{ accountUpdate(input: {{firstName: "Changed"}}) {{ user {{ firstName }} {ERRORS} }} }}',
        lambda w: {},
        allowed=LOGGED_IN,  # the caller's own profile
        ok=payload_ok("accountUpdate", "user"),
        kind=SELF,
        guard=buyer_a_account,
        denied=refused_with("accountUpdate", *LOGIN_NEEDED),
    ),
    Entry(
        "mutation.accountUpdate",
        f'mutation($c: ID) {{ accountUpdate(customerId: $c, input: {{firstName: "Changed"}}) {{ user {{ firstName }} {ERRORS} }} }}',
        lambda w: {"c": w.ids["buyer_a_user"]},
        allowed=only("buyer_a"),  # one's own id only: naming another needs staff tools
        ok=payload_ok("accountUpdate", "user"),
        missing=lambda w: {"c": missing_gid("User")},
        label="naming buyer A",
    ),
    Entry(
        "mutation.requestEmailChange",
        f'mutation($p: String!, $u: String!) {{ requestEmailChange(newEmail: "moved@example.com", password: $p, redirectUrl: $u) {{ user {{ email }} {ERRORS} }} }}',
        lambda w: {"p": PASSWORD, "u": REDIRECT},
        allowed=LOGGED_IN,
        ok=payload_ok("requestEmailChange", "user"),
        kind=SELF,
        guard=buyer_a_account,
        denied=refused_with("requestEmailChange", *LOGIN_NEEDED),
    ),
    Entry(
        "mutation.accountRequestDeletion",
        f"mutation($u: String!) {{ accountRequestDeletion(redirectUrl: $u) {{ {ERRORS} }} }}",
        lambda w: {"u": REDIRECT},
        allowed=only("buyer_a", "buyer_b"),  # staff and workshop members are closed otherwise
        ok=payload_ok("accountRequestDeletion"),
        kind=SELF,
        guard=buyer_a_account,
        denied=refused_with("accountRequestDeletion", "INVALID", *LOGIN_NEEDED),
    ),
    Entry(
        "mutation.accountDelete",
        f"mutation($t: String!) {{ accountDelete(token: $t) {{ user {{ email }} {ERRORS} }} }}",
        lambda w: {"t": _deletion_token(_buyer_a(w).pk, _buyer_a(w).jwt_token_key)},
        allowed=only("buyer_a"),
        ok=payload_ok("accountDelete", "user"),
        missing=lambda w: {"t": _deletion_token(NOBODY_PK, _buyer_a(w).jwt_token_key)},
    ),
    Entry(
        "mutation.confirmEmailChange",
        f"mutation($t: String!) {{ confirmEmailChange(token: $t) {{ user {{ email }} {ERRORS} }} }}",
        lambda w: {"t": _email_change_token(_buyer_a(w).pk, _buyer_a(w).email)},
        allowed=only("buyer_a"),
        ok=payload_ok("confirmEmailChange", "user"),
        missing=lambda w: {"t": _email_change_token(NOBODY_PK, _buyer_a(w).email)},
    ),
    Entry(
        "mutation.confirmAccount",
        f"mutation($e: String!, $t: String!) {{ confirmAccount(email: $e, token: $t) {{ user {{ email }} {ERRORS} }} }}",
        lambda w: {"e": _buyer_a(w).email, "t": default_token_generator.make_token(_buyer_a(w))},
        allowed=EVERYONE,  # the mailed token is the key
        ok=payload_ok("confirmAccount", "user"),
        kind=GATED,
    ),
    checkout_entry(
        "deliveryOptionsCalculate",
        f"mutation($id: ID!) {{ deliveryOptionsCalculate(id: $id) {{ deliveries {{ id }} {ERRORS} }} }}",
        result="deliveries",
    ),
]
