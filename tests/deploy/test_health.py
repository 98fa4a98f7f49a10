"""Health probes: cheap, answered before host checks, unready while a dependency is away."""

from __future__ import annotations

from typing import Any

import pytest

from tests.redis_dbs import redis_url


@pytest.mark.django_db
def test_live_answers_a_probe_by_pod_ip_over_plain_http(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["shop.example.org"]
    response = client.get("/health/live", HTTP_HOST="10.42.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_reports_each_dependency(client: Any, settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url(15)
    response = client.get("/health/ready/")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "broker": True,
        "storage": True,
    }


@pytest.mark.django_db
def test_ready_is_unready_when_the_broker_is_unreachable(client: Any, settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_probes_refuse_writes(client: Any) -> None:
    response = client.post("/health/ready")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


# transaction=True: the test closes and re-dials the connection, which a wrapping
# transaction would not survive.
@pytest.mark.django_db(transaction=True)
def test_ready_follows_the_database_down_and_back(client: Any) -> None:
    """The database sits behind a gate; closing the gate is the database going away."""
    from django.db import connection

    from tests.support.tcp_gate import TcpGate

    real = connection.settings_dict.copy()
    unix = real["HOST"].startswith("/")
    gate = TcpGate(
        target_host=real["HOST"] or "127.0.0.1",
        target_port=None if unix else int(real["PORT"] or 5432),
    )
    gate.open()
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(gate.port))

    def probe() -> list[object]:
        response = client.get("/health/ready")
        return [response.status_code, response.json()["checks"]["database"]["ok"]]

    try:
        states = [probe()]
        gate.close()
        states.append(probe())
        gate.open()
        states.append(probe())
    finally:
        connection.close()
        connection.settings_dict.update(HOST=real["HOST"], PORT=real["PORT"])
        gate.close()
    assert states == [[200, True], [503, False], [200, True]]
