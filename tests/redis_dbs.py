"""Redis database numbers for the tests that need a real Redis (broker, shared cache).

The test command runs its two passes (embedded PostgreSQL and DATABASE_URL) side by side on
one Redis: each pass takes its own numbers, shifted by TEST_REDIS_DB_OFFSET, so one pass's
worker never takes the other's tasks and a flush in one never empties the other's."""

from __future__ import annotations

import os

OFFSET = int(os.environ.get("TEST_REDIS_DB_OFFSET", "0"))


def redis_url(number: int) -> str:
    """``redis://127.0.0.1:6379/<number + offset>`` (numbers 13 to 15 by default)."""
    return f"redis://127.0.0.1:6379/{number + OFFSET}"
