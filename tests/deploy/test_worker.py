"""A real Celery worker on the real Redis broker: a passing fault is retried with backoff, a
killed worker's task is done once by another, a task failing for good is recorded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from kombu import pools as kombu_pools

from marketplace.celery import app
from marketplace.core.models import FailedTask
from tests.deploy import worker_tasks
from tests.redis_dbs import redis_url

REPO = Path(__file__).resolve().parents[2]
BROKER = redis_url(14)


# Committed rows: the worker is another process and reads the same test database.
pytestmark = pytest.mark.django_db(transaction=True)


def _fresh_broker_pool() -> None:
    # The next send opens connections to the broker configured now.
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    kombu_pools.reset()  # kombu keeps producer pools per connection, process-wide


def _database_url(db: dict[str, Any]) -> str:
    from urllib.parse import quote, urlencode

    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    if db["HOST"].startswith("/"):
        return f"postgresql://{auth}@/{db['NAME']}?{urlencode({'host': db['HOST']})}"
    return f"postgresql://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker(settings: Any) -> Iterator[redis.Redis]:
    store = redis.Redis.from_url(BROKER)
    store.flushdb()
    settings.CELERY_BROKER_URL = BROKER
    previous = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=BROKER)
    _fresh_broker_pool()
    yield store
    app.conf.update(previous)
    _fresh_broker_pool()
    store.flushdb()


@pytest.fixture
def start_worker(settings: Any, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    from django.db import connection

    started: list[subprocess.Popen[bytes]] = []
    logs: list[Any] = []
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_BROKER_URL": BROKER,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MARKETPLACE_HOME": str(tmp_path / "home"),
    }

    def start(**extra_env: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        logs.append(log)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "marketplace.celery",
                "worker",
                "--pool",
                "solo",
                "--include",
                "tests.deploy.worker_tasks",
                "--queues",
                "celery",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "info",
                "--hostname",
                f"test-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=REPO,
            env={**env, **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    for log in logs:
        log.close()


def _wait(condition: Callable[[], bool], *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not get there in time")
        time.sleep(0.2)


def _count(store: redis.Redis, key: str) -> int:
    return int(store.get(key) or 0)


def test_a_passing_fault_is_retried_with_backoff_until_done(
    broker: redis.Redis, start_worker: Any
) -> None:
    start_worker()
    key = uuid.uuid4().hex
    worker_tasks.flaky.apply_async(kwargs={"key": key, "succeed_on": 3})
    _wait(lambda: broker.get(f"{key}:result") is not None)
    assert _count(broker, f"{key}:result") == 3
    times = [float(t) for t in broker.lrange(f"{key}:times", 0, -1)]
    # Backoff 1 s, then 2 s (no jitter for this task): each wait at least as long as planned.
    assert times[1] - times[0] >= 0.9 and times[2] - times[1] >= 1.9
    assert FailedTask.objects.count() == 0


# A dead worker's unacknowledged task is handed out again after 2 s, looked for every second.
# Only for the killed-worker case: a retry's countdown would outlive so short a timeout.
QUICK_REDELIVERY = {"CELERY_VISIBILITY_TIMEOUT": "2", "CELERY_UNACKED_RESTORE_INTERVAL": "1"}


def test_a_killed_workers_task_is_retried_exactly_once_by_another(
    broker: redis.Redis, start_worker: Any
) -> None:
    first = start_worker(**QUICK_REDELIVERY)
    key = uuid.uuid4().hex
    worker_tasks.killed_midway.apply_async(kwargs={"key": key})
    _wait(lambda: broker.get(f"{key}:running") is not None, seconds=120)
    os.killpg(first.pid, signal.SIGKILL)  # mid-task: the message is never acknowledged
    first.wait(timeout=30)
    assert _count(broker, f"{key}:completions") == 0

    start_worker(**QUICK_REDELIVERY)
    _wait(lambda: _count(broker, f"{key}:completions") == 1, seconds=120)
    time.sleep(5)  # two visibility timeouts and five sweeps later: nobody runs it again
    assert _count(broker, f"{key}:attempts") == 2
    assert _count(broker, f"{key}:completions") == 1
    assert broker.smembers(f"{key}:done") == {b"effect"}
    assert FailedTask.objects.count() == 0


def test_a_task_failing_after_its_retries_is_recorded_for_a_person(
    broker: redis.Redis, start_worker: Any
) -> None:
    start_worker()
    key = uuid.uuid4().hex
    result = worker_tasks.flaky.apply_async(kwargs={"key": key, "succeed_on": 99})
    _wait(lambda: FailedTask.objects.filter(task_id=result.id).exists(), seconds=120)
    failed = FailedTask.objects.get(task_id=result.id)
    assert _count(broker, f"{key}:attempts") == 4  # the first try and three retries
    assert failed.task_name == "tests.deploy.flaky"
    assert failed.kwargs == {"key": key, "succeed_on": 99}
    assert failed.queue == "celery"
    assert failed.error == "ConnectionError: attempt 4: the mail server is away"
    assert "ConnectionError" in failed.traceback


def test_a_fault_no_retry_cures_is_recorded_at_once(broker: redis.Redis, start_worker: Any) -> None:
    start_worker()
    key = uuid.uuid4().hex
    result = worker_tasks.broken.apply_async(kwargs={"key": key})
    _wait(lambda: FailedTask.objects.filter(task_id=result.id).exists(), seconds=120)
    failed = FailedTask.objects.get(task_id=result.id)
    assert _count(broker, f"{key}:attempts") == 1
    assert failed.task_name == "tests.deploy.broken"
    assert failed.error == "ValueError: the invoice template is missing"
