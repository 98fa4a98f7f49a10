"""Issue #8, item 6: tokenCreate, requestPasswordReset and accountRegister are throttled.

From the outside, through GraphQL: the exact Saleor error codes, what was (not) mailed, and
that nothing changed. Time is moved by patching ``time.time``, which both the throttle and
Django's local-memory cache read, so lockouts expire as they would in real life.
"""

from __future__ import annotations

import re
import secrets
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from marketplace.accounts.models import User
from tests.redis_dbs import redis_url

pytestmark = pytest.mark.django_db

PASSWORD = "copper-and-silver-2026"
TOKEN = """mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) {
  token user { email } errors { field code message } } }"""
RESET = """mutation($e: String!) { requestPasswordReset(email: $e,
  redirectUrl: "https://shop.example/reset") { errors { field code message } } }"""
SET_PASSWORD = """mutation($e: String!, $t: String!, $p: String!) {
  setPassword(email: $e, token: $t, password: $p) { token errors { field code } } }"""
REGISTER = """mutation($i: AccountRegisterInput!) { accountRegister(input: $i) {
  user { email } requiresConfirmation errors { field code message } } }"""


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def amina(db):
    return User.objects.create_user("amina@example.com", PASSWORD, first_name="Amina")


def _login(gql, email: str, password: str, ip: str = "127.0.0.1") -> dict:
    response = gql.raw({"query": TOKEN, "variables": {"e": email, "p": password}}, REMOTE_ADDR=ip)
    assert response.status_code == 200
    return response.json()["data"]["tokenCreate"]


def _codes(payload: dict) -> list[dict]:
    return [{"field": e["field"], "code": e["code"]} for e in payload["errors"]]


DELAYED = [{"field": "email", "code": "LOGIN_ATTEMPT_DELAYED"}]
WRONG = [{"field": "email", "code": "INVALID_CREDENTIALS"}]


def test_wrong_passwords_lock_the_account_even_against_the_right_one(gql, amina, clock, settings):
    assert settings.LOGIN_FAILURES_PER_ACCOUNT == 5 and settings.LOGIN_LOCKOUT_SECONDS == 60
    for _ in range(5):
        assert _codes(_login(gql, amina.email, "wrong-guess")) == WRONG
    locked = _login(gql, amina.email, PASSWORD)
    assert locked["token"] is None and locked["user"] is None
    assert _codes(locked) == DELAYED
    assert locked["errors"][0]["message"] == "Too many attempts. Try again in 60 seconds."
    # From another address too: the account is locked, not just the pair.
    assert _codes(_login(gql, "AMINA@example.com", PASSWORD, ip="10.0.0.9")) == DELAYED
    assert User.objects.get(pk=amina.pk).last_login is None

    clock.advance(61)
    assert _login(gql, amina.email, PASSWORD)["user"] == {"email": "amina@example.com"}


def test_the_lockout_grows_with_each_further_failure(gql, amina, clock):
    for _ in range(5):
        _login(gql, amina.email, "wrong-guess")
    clock.advance(61)
    assert _codes(_login(gql, amina.email, "wrong-again")) == WRONG  # the sixth failure
    locked = _login(gql, amina.email, PASSWORD)
    assert locked["errors"][0]["message"] == "Too many attempts. Try again in 120 seconds."
    clock.advance(100)
    assert _codes(_login(gql, amina.email, PASSWORD)) == DELAYED
    clock.advance(21)
    assert _codes(_login(gql, amina.email, "wrong-third")) == WRONG  # the seventh
    assert "240 seconds" in _login(gql, amina.email, PASSWORD)["errors"][0]["message"]


def test_a_success_forgets_earlier_failures(gql, amina):
    for _ in range(4):
        _login(gql, amina.email, "wrong-guess")
    assert _login(gql, amina.email, PASSWORD)["errors"] == []
    for _ in range(4):
        assert _codes(_login(gql, amina.email, "wrong-guess")) == WRONG
    assert _login(gql, amina.email, PASSWORD)["errors"] == []


def test_one_address_guessing_many_accounts_is_locked_out(gql, amina, settings):
    assert settings.LOGIN_FAILURES_PER_IP == 20
    for n in range(20):  # four tries on each of five accounts: no account is locked
        assert _codes(_login(gql, f"guess{n % 5}@example.com", "x", ip="203.0.113.7")) == WRONG
    assert _codes(_login(gql, amina.email, PASSWORD, ip="203.0.113.7")) == DELAYED
    assert _login(gql, amina.email, PASSWORD, ip="198.51.100.2")["errors"] == []


def test_unknown_accounts_are_locked_like_known_ones(gql):
    for _ in range(5):
        assert _codes(_login(gql, "ghost@example.com", "x")) == WRONG
    assert _codes(_login(gql, "ghost@example.com", "x")) == DELAYED


def test_a_caller_without_an_ip_address_is_refused(gql, amina):
    payload = _login(gql, amina.email, PASSWORD, ip="")
    assert payload["token"] is None
    assert _codes(payload) == [{"field": None, "code": "UNKNOWN_IP_ADDRESS"}]


def test_a_password_reset_lifts_the_lockout(
    gql, amina, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        _login(gql, amina.email, "wrong-guess")
    assert _codes(_login(gql, amina.email, PASSWORD)) == DELAYED
    with django_capture_on_commit_callbacks(execute=True):
        assert gql.data(RESET, {"e": amina.email})["requestPasswordReset"]["errors"] == []
    token = re.search(r"token=([\w-]+)", mailoutbox[0].body).group(1)
    reset = gql.data(SET_PASSWORD, {"e": amina.email, "t": token, "p": "new-filigree-2026"})
    assert reset["setPassword"]["errors"] == []
    assert _login(gql, amina.email, "new-filigree-2026")["user"] == {"email": amina.email}


def test_reset_mails_to_one_address_are_capped(
    gql, amina, clock, settings, mailoutbox, django_capture_on_commit_callbacks
):
    assert settings.PASSWORD_RESETS_PER_ACCOUNT == 3
    with django_capture_on_commit_callbacks(execute=True):
        answers = [gql.data(RESET, {"e": amina.email})["requestPasswordReset"] for _ in range(5)]
    assert [a["errors"] for a in answers[:3]] == [[], [], []]
    for refused in answers[3:]:
        assert _codes(refused) == [{"field": "email", "code": "PASSWORD_RESET_ALREADY_REQUESTED"}]
    assert answers[3]["errors"][0]["message"] == "Too many attempts. Try again in 3600 seconds."
    assert len(mailoutbox) == 3
    # An address without an account is capped the same way: the cap tells nothing.
    ghost = [gql.data(RESET, {"e": "ghost@example.com"})["requestPasswordReset"] for _ in range(4)]
    assert [_codes(g) for g in ghost] == [[], [], [], _codes(answers[3])]

    clock.advance(3601)
    with django_capture_on_commit_callbacks(execute=True):
        assert gql.data(RESET, {"e": amina.email})["requestPasswordReset"]["errors"] == []
    assert len(mailoutbox) == 4


def test_reset_requests_from_one_address_are_capped(
    gql, amina, settings, mailoutbox, django_capture_on_commit_callbacks
):
    assert settings.PASSWORD_RESETS_PER_IP == 10
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(9):
            assert gql.data(RESET, {"e": f"n{n}@example.com"})["requestPasswordReset"] == {
                "errors": []
            }
        assert gql.data(RESET, {"e": amina.email})["requestPasswordReset"]["errors"] == []
        refused = gql.data(RESET, {"e": amina.email})["requestPasswordReset"]
    assert _codes(refused) == [{"field": None, "code": "PASSWORD_RESET_ALREADY_REQUESTED"}]
    assert len(mailoutbox) == 1


def _register(gql, email: str, ip: str = "127.0.0.1") -> dict:
    variables = {"i": {"email": email, "password": "hammered-copper-77", "firstName": "Nour"}}
    response = gql.raw({"query": REGISTER, "variables": variables}, REMOTE_ADDR=ip)
    return response.json()["data"]["accountRegister"]


def test_registering_a_taken_address_answers_alike_and_mails_its_owner(
    gql, amina, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    hashes: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        hashes.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    with django_capture_on_commit_callbacks(execute=True):
        fresh = _register(gql, "nour@example.com")
    fresh_hashes, hashes[:] = list(hashes), []
    with django_capture_on_commit_callbacks(execute=True):
        taken = _register(gql, "Amina@Example.com")

    assert taken == fresh == {"user": None, "requiresConfirmation": False, "errors": []}
    assert hashes == fresh_hashes == ["hammered-copper-77"]  # one hash each: same time
    assert User.objects.get(pk=amina.pk).check_password(PASSWORD)  # her password stands
    assert User.objects.filter(email__iexact="amina@example.com").count() == 1
    assert [m.to for m in mailoutbox] == [["amina@example.com"]]
    assert mailoutbox[0].subject.startswith("Someone tried to register with your address")
    assert "hammered-copper-77" not in mailoutbox[0].body


def test_registrations_from_one_address_are_capped(gql, settings):
    assert settings.REGISTRATIONS_PER_IP == 10
    for n in range(10):
        assert _register(gql, f"buyer{n}@example.com", ip="203.0.113.5")["errors"] == []
    refused = _register(gql, "buyer10@example.com", ip="203.0.113.5")
    assert _codes(refused) == [{"field": None, "code": "LOGIN_ATTEMPT_DELAYED"}]
    assert not User.objects.filter(email="buyer10@example.com").exists()
    assert _register(gql, "buyer10@example.com", ip="198.51.100.3")["errors"] == []
    assert User.objects.count() == 11


@pytest.fixture
def redis_cache(settings):
    """The cache as production has it with REDIS_URL: counters shared by every worker."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(12),
            "KEY_PREFIX": f"test-throttling-{secrets.token_hex(6)}",
        }
    }
    from django.core.cache import cache

    yield cache
    client = cache._cache.get_client(write=True)
    keys = client.keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*")
    if keys:
        client.delete(*keys)


def test_lockouts_hold_in_redis_across_clients(redis_cache, amina):
    from django.test import Client

    from conftest import GraphQLClient

    for _ in range(5):  # each wrong guess through a fresh client, as if from another worker
        assert _codes(_login(GraphQLClient(Client()), amina.email, "wrong-guess")) == WRONG
    assert redis_cache.get(f"throttle:login:lock:{_digest('account:amina@example.com')}")
    assert _codes(_login(GraphQLClient(Client()), amina.email, PASSWORD)) == DELAYED


def _digest(key: str) -> str:
    import hashlib

    return hashlib.sha256(key.encode()).hexdigest()[:40]
