"""Health probes: cheap, answered before host checks, unready while a dependency is away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


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
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
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


# Run in a process of its own with its own PostgreSQL, so that stopping that database
# leaves the test session's alone.
_DATABASE_DOWN_SCRIPT = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from pathlib import Path
    home = Path(sys.argv[1])
    from marketplace.core.embedded_db import embedded_database_url, stop_embedded_server
    def start_again():
        # pgserver remembers the servers a process started: a new process starts it afresh.
        # pg_ctl gives up after 10 s, which a loaded 2-core CI machine can exceed: try again.
        for attempt in range(3):
            done = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                                   "from marketplace.core.embedded_db import start_embedded_server; "
                                   "start_embedded_server(Path(sys.argv[1]))", str(home)],
                                  capture_output=True)
            if done.returncode == 0:
                return
        raise SystemExit(done.stderr.decode()[-2000:])
    os.environ["DATABASE_URL"] = embedded_database_url(home)
    import django
    django.setup()
    from django.test import Client
    client = Client()
    def probe():
        response = client.get("/health/ready")
        return [response.status_code, response.json()["checks"]["database"]["ok"]]
    states = [probe()]
    stop_embedded_server(home)
    states.append(probe())
    start_again()
    states.append(probe())
    stop_embedded_server(home)
    print(json.dumps(states))
    """
)


def test_ready_follows_the_database_down_and_back(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "MARKETPLACE_HOME": str(tmp_path / "home"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", _DATABASE_DOWN_SCRIPT, str(tmp_path / "db")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        [200, True],
        [503, False],
        [200, True],
    ]
