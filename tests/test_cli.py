"""`marketplace demo` as a newcomer runs it: seeded, served, answering; Ctrl-C, SIGTERM and
SIGHUP stop all it started; a restart right away works; a busy port is refused up front."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from marketplace.core.embedded_db import stop_embedded_server

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


def _demo_env(home: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["MARKETPLACE_HOME"] = str(home)
    return env


def _start_demo(home: Path, port: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "marketplace.cli", "demo", "--port", str(port), "--workers", "1"],
        cwd=REPO,
        env=_demo_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a signal sent to the demo's pid reaches nothing else
    )


def _wait_until_served(demo: subprocess.Popen[str], port: int) -> dict | None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and demo.poll() is None:
        try:
            return _post(
                f"http://127.0.0.1:{port}/graphql/", "{ clusters(first: 5) { totalCount } }"
            )
        except OSError:
            time.sleep(1)
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status").read_text()
    return "State:\tZ" not in status  # a zombie has stopped, only its entry is left


def _gunicorn_of(pid: int) -> int:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    (gunicorn,) = (
        int(child)
        for child in children
        if b"gunicorn" in Path(f"/proc/{child}/cmdline").read_bytes()
    )
    return gunicorn


def _request_the_server_closes(port: int) -> bytes:
    """One request read to the end: gunicorn closes first, leaving its port in TIME_WAIT."""
    body = json.dumps({"query": "{ shop { name } }"}).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            b"POST /graphql/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def _time_wait_sockets(port: int) -> int:
    """Sockets on 127.0.0.1:port in TIME_WAIT (state 06 in /proc/net/tcp)."""
    local = f"0100007F:{port:04X}"
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1] == local and row.split()[3] == "06")


def _stop_and_check(demo: subprocess.Popen[str], how: signal.Signals, home: Path, port: int):
    postgres_pid = int((home / "postgres" / "postmaster.pid").read_text().splitlines()[0])
    gunicorn_pid = _gunicorn_of(demo.pid)
    assert _alive(postgres_pid) and _alive(gunicorn_pid)
    demo.send_signal(how)  # `kill <pid>`: the signal reaches the demo's own process only
    output, _ = demo.communicate(timeout=60)
    try:
        assert demo.returncode == 0, output
        assert "Embedded PostgreSQL stopped." in output
        assert not (home / "postgres" / "postmaster.pid").exists()
        assert not _alive(gunicorn_pid)
        assert not _alive(postgres_pid)
    finally:  # what a broken demo left running must not outlive the test
        for pid, stop in ((gunicorn_pid, signal.SIGTERM), (postgres_pid, signal.SIGINT)):
            if _alive(pid):
                os.kill(pid, stop)
    with pytest.raises(ConnectionRefusedError):  # nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=2)
    return output


def _output_if_ended(demo: subprocess.Popen[str]) -> str:
    return demo.communicate(timeout=10)[0] if demo.poll() is not None else "(still running)"


def _kill(demo: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(demo.pid, signal.SIGKILL)


@pytest.fixture
def home() -> Iterator[Path]:
    """The demo's MARKETPLACE_HOME, outside pytest's tmp_path on purpose: any other pytest
    session on this machine prunes older basetemp folders, and a running embedded server's
    data with them. pgserver runs postgres as a dedicated user when we are root: traversable."""
    root = Path(tempfile.mkdtemp(prefix="marketplace-cli-test-"))
    root.chmod(0o755)
    home = root / "home"
    home.mkdir()
    home.chmod(0o755)
    yield home
    stop_embedded_server(home)  # only runs if a failed test left it running
    shutil.rmtree(root, ignore_errors=True)


def test_sigterm_and_sighup_stop_everything_and_a_restart_right_away_serves(home):
    port = _free_port()
    demo = _start_demo(home, port)
    try:
        answer = _wait_until_served(demo, port)
        assert answer == {"data": {"clusters": {"totalCount": 3}}}, _output_if_ended(demo)
        assert _request_the_server_closes(port).startswith(b"HTTP/1.1 200 OK\r\n")
    except BaseException:
        _kill(demo)
        raise
    _stop_and_check(demo, signal.SIGTERM, home, port)

    # The connections just served leave the port in TIME_WAIT for a minute: gunicorn binds
    # with SO_REUSEADDR and so may the probe that runs before it.
    assert _time_wait_sockets(port) > 0
    again = _start_demo(home, port)
    try:
        answer = _wait_until_served(again, port)
        assert answer == {"data": {"clusters": {"totalCount": 3}}}, _output_if_ended(again)
    except BaseException:
        _kill(again)
        raise
    output = _stop_and_check(again, signal.SIGHUP, home, port)
    assert "in use" not in output


def test_a_port_in_use_is_refused_in_one_sentence_before_anything_starts(home):
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "marketplace.cli", "demo", "--port", str(port)],
            cwd=REPO,
            env=_demo_env(home),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"error: Port {port} on 127.0.0.1 is already in use by another program:"
        " stop it or choose another port with --port.\n"
    )
    assert result.stdout == ""
    assert not (home / "postgres").exists()  # no database started, nothing migrated
    assert time.monotonic() - started < 30


def test_demo_serves_the_seeded_marketplace_and_ctrl_c_stops_everything(home):
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
