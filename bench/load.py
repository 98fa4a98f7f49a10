"""Load generators for bench/run.py: wrk when it is installed (the tool issue #14's table was
measured with: `wrk -t1 -c8 -d15s`, one thread, keep-alive connections, a POST body from a
Lua script), otherwise keep-alive clients in Python threads. The Python client spends a core
of its own on a 2-core machine, so its figures stop near 1,900 requests per second whatever
the server does: wrk's are the ones to compare with Saleor's."""

from __future__ import annotations

import http.client
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

WRK = shutil.which("wrk")
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Figures:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def python_load(
    port: int,
    body: str,
    *,
    connections: int,
    duration: float | None = None,
    count: int | None = None,
) -> tuple[list[float], float]:
    """`connections` keep-alive clients sending `body` until `duration` seconds have passed
    or `count` requests were answered; the latencies (seconds) and the elapsed time."""
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    budget = {"left": count if count is not None else 10**12}
    deadline = time.perf_counter() + (duration if duration is not None else 10**9)

    def client() -> None:
        try:
            send_until_done()
        except Exception as error:  # a lost client would make the rate look low: say so
            failures.append(f"{type(error).__name__}: {error}")

    def send_until_done() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                if budget["left"] <= 0:
                    break
                budget["left"] -= 1
            started = time.perf_counter()
            connection.request("POST", "/graphql/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                failures.append(f"HTTP {response.status}")
                break
            with lock:
                latencies.append(elapsed)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{failures[0]} from the server")
    return latencies, time.perf_counter() - started


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise SystemExit(f"wrk printed a latency this benchmark cannot read: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def wrk_figures(output: str) -> Figures:
    """Reads `wrk --latency`'s report; refuses one with failed answers."""
    failed = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    broken = re.search(r"Socket errors:.*(?:connect|read|write|timeout) [1-9]", output)
    if failed or broken:
        raise SystemExit(f"wrk saw failed requests:\n{output}")
    rate = re.search(r"Requests/sec:\s*([\d.]+)", output)
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE)
    if not (rate and p50 and p99):
        raise SystemExit(f"wrk's report was not understood:\n{output}")
    return Figures(float(rate.group(1)), _milliseconds(p50.group(1)), _milliseconds(p99.group(1)))


def _lua_string(text: str) -> str:
    """A Lua long-bracket literal: taken as written, no escapes to get wrong."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def _wrk(port: int, script: Path, *, connections: int, duration: float) -> str:
    command = [
        str(WRK),
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}/graphql/",
    ]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def measure(port: int, body: str, *, connections: int, duration: float, use_wrk: bool) -> Figures:
    """Throughput and latency of one document under load, after a warm-up: 20 requests
    answered (a fresh worker's first one can take a second), then a second of load."""
    python_load(port, body, connections=1, count=20)
    if use_wrk and WRK:
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "post.lua"
            script.write_text(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = {_lua_string(body)}\n"
            )
            _wrk(port, script, connections=connections, duration=1)  # warm
            return wrk_figures(_wrk(port, script, connections=connections, duration=duration))
    python_load(port, body, connections=connections, duration=1)
    latencies, elapsed = python_load(port, body, connections=connections, duration=duration)
    ordered = sorted(latencies)
    return Figures(
        len(latencies) / elapsed,
        statistics.median(ordered) * 1000,
        percentile(ordered, 0.99) * 1000,
    )
