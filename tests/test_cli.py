"""`marketplace demo` as a newcomer runs it: seeded, served, answering, and Ctrl-C stops all."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _post(url: str, query: str) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_demo_serves_the_seeded_marketplace_and_ctrl_c_stops_everything(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    tmp_path.chmod(0o755)
    home.chmod(0o755)
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["MARKETPLACE_HOME"] = str(home)
    demo = subprocess.Popen(
        [sys.executable, "-m", "marketplace.cli", "demo", "--port", str(port), "--workers", "1"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        answer = None
        while time.monotonic() < deadline and demo.poll() is None:
            try:
                answer = _post(
                    f"http://127.0.0.1:{port}/graphql/",
                    "{ clusters(first: 5) { totalCount } products(first: 1) { totalCount } }",
                )
                break
            except OSError:
                time.sleep(1)
        assert answer == {"data": {"clusters": {"totalCount": 3}, "products": {"totalCount": 65}}}
        introspection = _post(
            f"http://127.0.0.1:{port}/graphql/", "{ __schema { queryType { name } } }"
        )
        assert introspection == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
    finally:
        os.killpg(demo.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
        output, _ = demo.communicate(timeout=60)

    assert demo.returncode == 0, output
    assert "Demo logins (password: " in output
    assert f"http://127.0.0.1:{port}/graphql/" in output
    assert "Embedded PostgreSQL stopped." in output
    assert not (home / "postgres" / "postmaster.pid").exists()
    with pytest.raises(ConnectionRefusedError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=2)
