"""Throttling: how often one client may do something, counted in Django's cache.

The cache is Redis when REDIS_URL is configured (shared by every worker and process, so the
limits hold across gunicorn workers), the local memory otherwise (per process: a demo or a
single-worker install). Counters are fixed windows; a lockout is its own cache entry that
expires by itself. Keys are hashed, so e-mail addresses and IPs of any length or spelling
are safe cache keys and never stored in the clear.

Two tools, reusable by any layer that calls the domain (GraphQL, storefront pages):

- ``rate_limit`` counts an action (a password-reset mail, a registration, a basket) and
  refuses it once a key used up its allowance for the window;
- ``failure_lockout_check`` / ``failure_record`` / ``failures_clear`` lock a key out after
  repeated failures (wrong passwords), for a window that doubles with each further failure.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterable

from django.core.cache import cache

from .errors import DomainError

PREFIX = "throttle"


class Throttled(DomainError):
    """Too many attempts: try again in ``retry_after`` seconds."""

    code = "LOGIN_ATTEMPT_DELAYED"

    def __init__(
        self, message: str, *, retry_after: int, field: str | None = None, code: str | None = None
    ):
        super().__init__(message, field=field, code=code)
        self.retry_after = retry_after


def _key(scope: str, kind: str, key: str) -> str:
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:40]
    return f"{PREFIX}:{scope}:{kind}:{digest}"


def _count(name: str, window_seconds: int) -> int:
    """Add one to the counter ``name`` (created for ``window_seconds``); the new count."""
    cache.add(name, 0, window_seconds)
    try:
        return int(cache.incr(name))
    except ValueError:  # expired between add and incr: a fresh window starts with this one
        cache.add(name, 1, window_seconds)
        return 1


def _retry_after(started_name: str, window_seconds: int) -> int:
    started = cache.get(started_name)
    if started is None:
        return window_seconds
    return max(1, math.ceil(float(started) + window_seconds - time.time()))


def _wait_message(seconds: int) -> str:
    return f"Too many attempts. Try again in {seconds} seconds."


def rate_limit(
    *,
    scope: str,
    key: str,
    limit: int,
    window_seconds: int,
    code: str = "LOGIN_ATTEMPT_DELAYED",
    field: str | None = None,
) -> None:
    """Count one ``scope`` action for ``key`` (an IP address, an e-mail, a user id); raise
    Throttled (``code`` on ``field``, nothing else done) when ``key`` already had ``limit`` of
    them in the current window of ``window_seconds``. A refused attempt counts too, so
    hammering does not shorten the wait."""
    counter = _key(scope, "count", key)
    started = _key(scope, "start", key)
    cache.add(started, time.time(), window_seconds)
    if _count(counter, window_seconds) > limit:
        wait = _retry_after(started, window_seconds)
        raise Throttled(_wait_message(wait), retry_after=wait, field=field, code=code)


def failure_lockout_check(
    *,
    scope: str,
    keys: Iterable[str],
    code: str = "LOGIN_ATTEMPT_DELAYED",
    field: str | None = None,
) -> None:
    """Raise Throttled if any of ``keys`` is locked out of ``scope`` right now."""
    for key in keys:
        until = cache.get(_key(scope, "lock", key))
        if until is not None and float(until) > time.time():
            wait = max(1, math.ceil(float(until) - time.time()))
            raise Throttled(_wait_message(wait), retry_after=wait, field=field, code=code)


def failure_record(
    *,
    scope: str,
    key: str,
    limit: int,
    window_seconds: int,
    lockout_seconds: int,
    lockout_max_seconds: int,
) -> int:
    """Count a failure for ``key``; from the ``limit``-th failure within ``window_seconds``
    on, lock ``key`` out for ``lockout_seconds``, doubled at each further failure and capped
    at ``lockout_max_seconds``. Returns the lockout in seconds (0: not locked)."""
    failures = _count(_key(scope, "failures", key), window_seconds)
    if failures < limit:
        return 0
    lock = min(lockout_seconds * 2 ** min(failures - limit, 32), lockout_max_seconds)
    cache.set(_key(scope, "lock", key), time.time() + lock, lock)
    return int(lock)


def failures_clear(*, scope: str, key: str) -> None:
    """Forget ``key``'s failures and lift its lockout (a success, a password reset)."""
    cache.delete_many([_key(scope, "failures", key), _key(scope, "lock", key)])
