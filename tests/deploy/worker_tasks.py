"""Tasks the real-worker test sends (the worker imports this module with --include).

Each counts its attempts in Redis, so the test sees what the worker did from outside.
"""

from __future__ import annotations

import time

import redis
from django.conf import settings

from marketplace.celery import app


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


@app.task(name="tests.deploy.flaky", retry_backoff=1, retry_jitter=False, max_retries=3)
def flaky(*, key: str, succeed_on: int) -> int:
    attempt = _redis().incr(f"{key}:attempts")
    _redis().rpush(f"{key}:times", time.time())
    if attempt < succeed_on:
        raise ConnectionError(f"attempt {attempt}: the mail server is away")
    _redis().set(f"{key}:result", attempt)
    return int(attempt)


@app.task(name="tests.deploy.killed_midway")
def killed_midway(*, key: str) -> str:
    """The first attempt hangs until the test kills its worker; any later one is quick (so
    it ends well inside the test worker's visibility timeout and is not handed out again)."""
    store = _redis()
    attempt = store.incr(f"{key}:attempts")
    if attempt == 1:
        store.set(f"{key}:running", 1)
        time.sleep(120)  # killed here
    # The effect is idempotent (a set member): a re-run after a crash would not double it.
    store.sadd(f"{key}:done", "effect")
    store.incr(f"{key}:completions")
    return "done"


@app.task(name="tests.deploy.broken")
def broken(*, key: str) -> None:
    """A fault no retry cures: recorded at once."""
    _redis().incr(f"{key}:attempts")
    raise ValueError("the invoice template is missing")
