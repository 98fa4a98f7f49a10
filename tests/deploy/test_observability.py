"""Metrics at /metrics and JSON logs carrying the request id."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from marketplace.core.metrics import checkout_completed, payment_failed
from marketplace.core.request_log import RequestIdFilter
from tests.redis_dbs import redis_url


def _sample(text: str, prefix: str) -> float:
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


@pytest.mark.django_db
def test_request_latency_is_recorded_per_graphql_operation(client: Any) -> None:
    before = _sample(
        client.get("/metrics").content.decode(),
        'marketplace_request_seconds_count{operation="graphql:ShopInfo"}',
    )
    for _ in range(3):
        client.post(
            "/graphql/",
            data=json.dumps(
                {"query": "query ShopInfo { shop { name } }", "operationName": "ShopInfo"}
            ),
            content_type="application/json",
        )
    client.post(
        "/graphql/",
        data=json.dumps({"query": "{ shop { name } }", "operationName": "bad name!"}),
        content_type="application/json",
    )
    text = client.get("/metrics").content.decode()
    assert (
        _sample(text, 'marketplace_request_seconds_count{operation="graphql:ShopInfo"}')
        == before + 3
    )
    assert 'operation="graphql:anonymous"' in text
    assert "bad name" not in text


@pytest.mark.django_db
def test_checkout_payment_and_queue_metrics_are_exposed(client: Any, settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url(15)
    checkout_completed(outcome="completed")
    payment_failed(gateway="marketplace.payments.demo")
    text = client.get("/metrics").content.decode()
    assert _sample(text, 'marketplace_checkout_completions_total{outcome="completed"}') >= 1
    assert (
        _sample(text, 'marketplace_payment_failures_total{gateway="marketplace.payments.demo"}')
        >= 1
    )
    assert 'marketplace_task_queue_depth{queue="mail"}' in text


@pytest.mark.django_db
def test_metrics_need_the_token_when_one_is_set(client: Any, settings: Any) -> None:
    settings.METRICS_TOKEN = "scrape-secret"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret").status_code == 200


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_keeps_a_sane_one(client: Any) -> None:
    fresh = client.get("/")
    assert len(fresh["X-Request-ID"]) == 32
    kept = client.get("/", HTTP_X_REQUEST_ID="proxy-req-12345678")
    assert kept["X-Request-ID"] == "proxy-req-12345678"
    replaced = client.get("/", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert replaced["X-Request-ID"] != "<script>alert(1)</script>"


def test_json_log_lines_carry_the_request_id() -> None:
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        fmt="%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    record = logging.LogRecord(
        "marketplace.orders", logging.WARNING, "f", 1, "late parcel", None, None
    )
    RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "marketplace.orders"
    assert line["message"] == "late parcel"
    assert "request_id" in line and "time" in line


@pytest.mark.django_db
def test_a_declined_card_and_a_refused_completion_are_counted(
    client: Any, gql: Any, catalog: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.commerce import COMPLETE, PAY, Shop, checkout_ready

    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": Shop.variant_id(shop.tray), "quantity": 1}])
    before = client.get("/metrics").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        gql.execute(
            PAY,
            {
                "id": checkout_id,
                "gw": {"id": "marketplace.payments.demo", "data": {"card": "4000000000000002"}},
            },
        )
    gql.execute(COMPLETE, {"id": checkout_id})
    after = client.get("/metrics").content.decode()
    declined = 'marketplace_payment_failures_total{gateway="marketplace.payments.demo"}'
    assert _sample(after, declined) == _sample(before, declined) + 1
    unpaid = 'marketplace_checkout_completions_total{outcome="CHECKOUT_NOT_FULLY_PAID"}'
    assert _sample(after, unpaid) == _sample(before, unpaid) + 1
