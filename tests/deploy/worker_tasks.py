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
