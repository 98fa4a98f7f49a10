"""Read replicas: catalog and storefront reads go to a replica, everything else to the primary.

A replica lags the primary by a moment, so three rules keep a person from reading stale data
they have just written:

- only apps whose data is public and slow-changing are read from replicas (the catalog,
  workshops and clusters, content, channels, packaging, provenance); baskets, orders,
  payments, stock and accounts are always read from the primary;
- inside a transaction (every mutation is one) reads stay on the primary, which also keeps
  ``select_for_update`` where it belongs;
- once a request or a task has written, its later reads are pinned to the primary, and the
  next requests of the same browser too for ``REPLICA_PIN_SECONDS`` (a cookie), long enough
  for the replica to catch up.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA_APPS = frozenset({"catalog", "vendors", "content", "channels", "packaging", "provenance"})
PIN_COOKIE = "db_primary_pin"

_pinned: ContextVar[bool] = ContextVar("db_primary_pinned", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def pin_to_primary() -> None:
    _pinned.set(True)


def unpin() -> None:
    _pinned.set(False)


def pinned() -> bool:
    return _pinned.get()


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        replicas = replica_aliases()
        if (
            not replicas
            or model._meta.app_label not in REPLICA_APPS
            or _pinned.get()
            or connections["default"].in_atomic_block
        ):
            return "default"
        return random.choice(replicas)  # load spreading, not security

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        _pinned.set(True)
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # replicas hold the same rows as the primary


class ReplicaPinMiddleware:
    """Starts each request unpinned (or pinned by a recent write) and remembers its writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        _pinned.set(PIN_COOKIE in request.COOKIES)
        response = self.get_response(request)
        if _pinned.get():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                secure=request.is_secure(),
                samesite="Lax",
            )
        _pinned.set(False)
        return response


def _reset_for_task(**_: Any) -> None:
    unpin()


def connect_task_signals() -> None:
    """Celery reuses worker threads: each task starts unpinned, like each request."""
    from celery.signals import task_prerun

    task_prerun.connect(_reset_for_task, weak=False, dispatch_uid="db-router-unpin")
