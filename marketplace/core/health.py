"""Liveness and readiness probes for load balancers and Kubernetes.

``/health/live`` says only that the process answers: a probe that restarts a pod whose
database is down would turn one outage into many restarts. ``/health/ready`` checks every
dependency a request needs (database, cache, broker, storage), each with a short timeout, so
an orchestrator stops sending traffic while one is away and resumes when it is back.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

PROBE_TIMEOUT_SECONDS = 2


def _database() -> None:
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:
            # A broken connection would be reused by the next probe: drop it, so the check
            # after the database comes back dials afresh.
            connections[alias].close()
            raise


def _cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return  # tasks run in-process: there is no broker to reach
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=PROBE_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=0)


def _storage() -> None:
    # A write and a delete: reading a listing would pass on a bucket we may not write to.
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "storage": _storage,
}


def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def ready(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as exc:  # any failure means "not ready", said plainly
            results[name] = {"ok": False, "error": type(exc).__name__}
        else:
            results[name] = {"ok": True}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )


PROBES: dict[str, Callable[[HttpRequest], JsonResponse]] = {
    "/health/live": live,
    "/health/ready": ready,
}


class HealthProbeMiddleware:
    """Answers the probes before host validation and the HTTPS redirect.

    Orchestrators probe a pod by its IP over plain HTTP: ``ALLOWED_HOSTS`` and
    ``SECURE_SSL_REDIRECT`` would answer 400 or 301 and the pod would never become ready.
    The probes reveal nothing but up/down, so they need neither.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path.rstrip("/"))
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response: HttpResponse = JsonResponse(
                {"status": "error", "error": "Use GET."}, status=405
            )
            response["Allow"] = "GET, HEAD"
        else:
            response = probe(request)
        add_never_cache_headers(response)
        return response
