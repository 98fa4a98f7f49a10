"""Redis, Celery (queues, routes, the beat schedule), the cache and the response cache.
Read into every settings module through base.py."""

from __future__ import annotations

import os
from datetime import timedelta

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from .environment import env_flag, env_list


def _crontab_fields(expression: str) -> dict[str, str]:
    """ "minute hour day-of-month month day-of-week", as cron writes it."""
    fields = expression.split()
    if len(fields) != 5:
        raise ImproperlyConfigured(f"PAYOUTS_CRON needs five fields, got {expression!r}.")
    names = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")
    return dict(zip(names, fields, strict=True))


REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
# Without a broker, tasks run in-process: the demo needs nothing but Python.
CELERY_TASK_ALWAYS_EAGER = env_flag("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Named queues, so a flood of thumbnails never delays a buyer's confirmation mail and a
# worker pool can be sized per queue (see docs/operations.md).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "marketplace.accounts.tasks.*": {"queue": "mail"},
    # Queues the mail and certificate runs of a placed order: quick, never behind PDFs.
    "marketplace.orders.tasks.order_placed_work": {"queue": "celery"},
    "marketplace.orders.tasks.send_*": {"queue": "mail"},
    "marketplace.orders.tasks.*": {"queue": "documents"},
    "marketplace.provenance.tasks.*": {"queue": "documents"},
    "marketplace.catalog.tasks.*": {"queue": "media"},
    "marketplace.payouts.tasks.*": {"queue": "payouts"},
    "plugins.*": {"queue": "webhooks"},
}
# Acknowledged when done: a worker killed mid-task leaves the task to another one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# How long a task taken by a worker that died stays invisible before another worker gets it.
# Every CELERY_UNACKED_RESTORE_INTERVAL seconds a worker looks for such tasks (kombu's own
# default sweeps only every 10 x 10 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_INTERVAL", "60")),
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE = {
    **{
        f"payouts-{currency.lower()}": {
            "task": "marketplace.payouts.tasks.payouts_run",
            "schedule": crontab(**_crontab_fields(os.environ.get("PAYOUTS_CRON", "0 6 * * 1"))),
            "kwargs": {"currency": currency},
        }
        for currency in env_list("PAYOUT_CURRENCIES", "EUR,USD,DZD,TND")
    },
    "reservations-expire": {
        "task": "marketplace.inventory.tasks.reservations_expire_lapsed",
        "schedule": timedelta(minutes=5),
    },
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The GraphQL response cache for anonymous catalog queries (docs/architecture.md): on with
# Redis (shared by every worker, which also shares the invalidating version); without Redis
# only when asked (RESPONSE_CACHE=1), correct for a single process.
RESPONSE_CACHE_ENABLED = env_flag("RESPONSE_CACHE", default=bool(REDIS_URL))
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", "300"))
