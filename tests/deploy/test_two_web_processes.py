"""Two gunicorn web processes and a Celery worker on the real Redis broker, one PostgreSQL.

A buyer completes a checkout over HTTP on web A; web B, another process with its own
connections and caches, shows the buyer that order. The order's e-mails are written by the
worker: each process has its own mail folder, and the web processes' stay empty.
"""

from __future__ import annotations

import email
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.commerce import Shop, checkout_ready, complete, login, pay
from tests.deploy.test_worker import _database_url
from tests.factories import CatalogBuilder
from tests.redis_dbs import redis_url

REPO = Path(__file__).resolve().parents[2]
BROKER = redis_url(13)
QUEUES = "celery,mail,documents,media,payouts,webhooks"

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = """mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { code } } }"""
ORDER = """query($id: ID!) { order(id: $id) { number status userEmail isPaid
  total { gross { amount currency } } lines { productName quantity } } }"""


class HttpGraphQL:
    """The storefront's side of the API: JSON over HTTP to one web process."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        self.token = token

    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(f"{self.base_url}/graphql/", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            answer: dict[str, Any] = json.load(response)
        return answer

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = self.execute(query, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(condition: Callable[[], bool], *, seconds: float, log: Callable[[], str]) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s; the process's log:\n{log()}")
        time.sleep(0.2)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _mails(folder: Path) -> list[email.message.Message]:
    """The messages Django's file backend wrote to ``folder`` (several to a file, divided by
    a line of 79 dashes)."""
    if not folder.exists():
        return []
    messages = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk))
    return messages


class Cluster:
    """The processes of one deployment, started in their own process groups."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path = tmp_path
        self.env = env
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[Any] = []

    def _start(self, name: str, command: list[str], mail_folder: Path) -> None:
        log = (self.tmp_path / f"{name}.log").open("wb")
        self.logs.append(log)
        self.processes.append(
            subprocess.Popen(
                command,
                cwd=REPO,
                env={**self.env, "EMAIL_FILE_PATH": str(mail_folder)},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def web(self, name: str, mail_folder: Path) -> str:
        port = _free_port()
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "marketplace.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"]
        self._start(name, command, mail_folder)
        return f"http://127.0.0.1:{port}"

    def worker(self, mail_folder: Path) -> None:
        command = [
            *(sys.executable, "-m", "celery", "--app", "marketplace.celery", "worker"),
            *("--pool", "solo", "--queues", QUEUES, "--loglevel", "info"),
            *("--without-heartbeat", "--without-gossip", "--without-mingle"),
            *("--hostname", f"two-web-{os.getpid()}@%h"),
        ]
        self._start("worker", command, mail_folder)

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        for log in self.logs:
            log.close()


@pytest.fixture
def deployment(transactional_db: Any, tmp_path: Path) -> Iterator[Cluster]:
    from django.db import connection

    store = redis.Redis.from_url(BROKER)
    store.flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "SECRET_KEY": "two-web-processes-share-this-key-" + "x" * 32,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_BROKER_URL": BROKER,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "MARKETPLACE_HOME": str(tmp_path / "home"),
        "DEMO_PAYMENTS_ENABLED": "1",
    }
    env.pop("STRIPE_SECRET_KEY", None)
    cluster = Cluster(tmp_path, env)
    yield cluster
    cluster.stop()
    store.flushdb()


def test_an_order_placed_on_one_web_process_is_seen_on_the_other_and_mailed_by_the_worker(
    deployment: Cluster, tmp_path: Path
) -> None:
    shop = Shop(CatalogBuilder())
    login("souika-owner@example.com", vendor=shop.catalog.workshop, role="owner")
    login("claire@example.com")  # the buyer's account, password pw-123456789
    tray, bracelet = Shop.variant_id(shop.tray), Shop.variant_id(shop.bracelet)

    web_mail, worker_mail = tmp_path / "mail-web", tmp_path / "mail-worker"
    web_a = deployment.web("web-a", web_mail)
    web_b = deployment.web("web-b", web_mail)
    deployment.worker(worker_mail)
    for name, url in (("web-a", web_a), ("web-b", web_b)):
        _wait(
            lambda url=url: _answers(f"{url}/health/live"),
            seconds=40,
            log=lambda name=name: deployment.log(name),
        )

    # The buyer signs in and buys on web A.
    login_answer = HttpGraphQL(web_a).data(
        TOKEN, {"email": "claire@example.com", "password": "pw-123456789"}
    )["tokenCreate"]
    assert login_answer["errors"] == []
    on_a = HttpGraphQL(web_a, login_answer["token"])
    lines = [{"variantId": tray, "quantity": 2}, {"variantId": bracelet, "quantity": 1}]
    checkout_id = checkout_ready(on_a, lines)
    paid = pay(on_a, checkout_id, data={"card": "4242424242424242"})
    assert paid["errors"] == [], paid
    placed = complete(on_a, checkout_id)
    assert placed["errors"] == [], placed
    order = placed["order"]

    # Web B, with the same token, shows the buyer the order just placed on web A.
    seen = HttpGraphQL(web_b, login_answer["token"]).data(ORDER, {"id": order["id"]})["order"]
    assert seen == {
        "number": order["number"],
        "status": "UNFULFILLED",
        "userEmail": "claire@example.com",
        "isPaid": True,
        # 2 x 100 (tray) + 60 (bracelet) + 15 (Colissimo) + 25 (DHL)
        "total": {"gross": {"amount": 300.0, "currency": "EUR"}},
        "lines": [
            {"productName": "Tray", "quantity": 2},
            {"productName": "Bracelet", "quantity": 1},
        ],
    }
    # ...and only to the buyer: without the token web B answers as for a missing order.
    assert HttpGraphQL(web_b).data(ORDER, {"id": order["id"]}) == {"order": None}

    # The worker sends the confirmation and each workshop's notice; the web processes none.
    expected = {
        (f"Your order #{order['number']}", "claire@example.com"),
        (f"New order #{order['number']}", "souika-owner@example.com"),
        (f"New order #{order['number']}", "fidda@example.com"),
    }
    _wait(
        lambda: len(_mails(worker_mail)) >= len(expected),
        seconds=40,
        log=lambda: deployment.log("worker"),
    )
    assert {(m["Subject"], m["To"]) for m in _mails(worker_mail)} == expected
    assert len(_mails(worker_mail)) == len(expected)
    assert _mails(web_mail) == []
