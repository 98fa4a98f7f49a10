"""Prometheus metrics at ``/metrics``: latency per operation, checkouts, payments, tasks.

Label values are bounded (a GraphQL operation name must look like one, else "anonymous";
a page is named by its URL pattern, not its path) so that a client cannot grow the series
without limit. Under gunicorn with several workers, set ``PROMETHEUS_MULTIPROC_DIR`` to a
writable folder and every worker's figures are summed at scrape time.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

TASK_QUEUES = ("celery", "mail", "media", "documents", "payouts", "webhooks")
_OPERATION = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_OPERATION_IN_BODY = re.compile(rb'"operationName"\s*:\s*"([A-Za-z_][A-Za-z0-9_]{0,63})"')

REQUEST_SECONDS = Histogram(
    "marketplace_request_seconds",
    "Server time per request, by GraphQL operation or page.",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
CHECKOUT_COMPLETIONS = Counter(
    "marketplace_checkout_completions_total",
    "checkoutComplete outcomes: completed, or the error code that stopped it.",
    ["outcome"],
)
PAYMENT_FAILURES = Counter(
    "marketplace_payment_failures_total", "Payments a gateway refused or failed.", ["gateway"]
)
TASK_FAILURES = Counter(
    "marketplace_task_failures_total", "Background tasks that failed for good.", ["task"]
)


def checkout_completed(*, outcome: str) -> None:
    CHECKOUT_COMPLETIONS.labels(outcome=outcome[:40]).inc()


def payment_failed(*, gateway: str) -> None:
    PAYMENT_FAILURES.labels(gateway=gateway[:64]).inc()


def _operation(request: HttpRequest) -> str:
    if request.path.startswith("/graphql"):
        name = request.GET.get("operationName", "")
        if not name and request.content_type == "application/json":
            found = _OPERATION_IN_BODY.search(request.body[:65536])
            name = found.group(1).decode() if found else ""
        return f"graphql:{name}" if _OPERATION.match(name) else "graphql:anonymous"
    match = request.resolver_match
    return match.view_name if match and match.view_name else "other"


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if request.path != "/metrics":
            try:
                operation = _operation(request)
            except Exception:  # a body already streamed, say: the timing still counts
                operation = "other"
            REQUEST_SECONDS.labels(operation=operation).observe(time.perf_counter() - started)
        return response


class TaskQueueCollector(Collector):
    """Waiting tasks per queue, read from the Redis broker at scrape time."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Without describe(), registering calls collect(), which reads settings: importing
        # the package (`python -m marketplace.cli`, before Django is set up) would then fail.
        return iter(())

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "marketplace_task_queue_depth", "Tasks waiting in each queue.", labels=["queue"]
        )
        url = settings.CELERY_BROKER_URL
        if url.startswith(("redis://", "rediss://")) and not settings.CELERY_TASK_ALWAYS_EAGER:
            import redis

            try:
                client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
                for queue in TASK_QUEUES:
                    family.add_metric([queue], float(client.llen(queue)))
            except redis.RedisError:
                pass  # /health/ready reports the broker; the scrape still answers
        yield family


REGISTRY.register(TaskQueueCollector())


def _task_failed(sender: Any = None, **_: Any) -> None:
    TASK_FAILURES.labels(task=getattr(sender, "name", "unknown")[:100]).inc()


def connect_task_signals() -> None:
    from celery.signals import task_failure

    task_failure.connect(_task_failed, weak=False, dispatch_uid="metrics-task-failure")


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if token:
        offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(offered.encode(), token.encode()):
            return HttpResponse(
                json.dumps({"errors": [{"message": "A metrics token is required."}]}),
                status=401,
                content_type="application/json",
            )
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(TaskQueueCollector())
        payload = generate_latest(registry)
    else:
        payload = generate_latest(REGISTRY)
    return HttpResponse(payload, content_type=CONTENT_TYPE_LATEST)
