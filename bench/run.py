"""Catalog and checkout benchmark (issue #14): seeds the demo data (and --products generated
ones), serves it with gunicorn (one sync worker, loopback), and prints per storefront document
(bench/queries.py) requests per second, p50/p99 latency and SQL queries per request under
8 concurrent keep-alive connections for --duration seconds (wrk -t1 -c8 -d15s's shape, in
Python: wrk is not a dependency), the worker's resident memory after 100 and after
--memory-requests requests, then the checkout path (bench/checkout.py).

    scripts/bench [--products 0] [--duration 15] [--connections 8] [--memory-requests 10000]
                  [--checkouts 20] [--response-cache off|on]

It uses its own embedded database under .bench-home unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.queries import SCENARIOS  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def setup_environment() -> bool:
    """Point Django at the benchmark database; True if we started an embedded server."""
    os.environ.setdefault("MARKETPLACE_HOME", str(REPO / ".bench-home"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    # Background work (mail, certificates, PDFs) is queued, not run inside the measured
    # requests: an in-memory broker stands in for Redis, as a worker would take it off-line.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "0")
    started = False
    if not os.environ.get("DATABASE_URL"):
        from marketplace.core.embedded_db import embedded_database_url

        home = Path(os.environ["MARKETPLACE_HOME"])
        started = not (home / "postgres" / "postmaster.pid").exists()
        os.environ["DATABASE_URL"] = embedded_database_url(home)
    import django

    django.setup()
    return started


def ensure_catalog(products: int) -> int:
    from django.core.management import call_command

    from marketplace.catalog.models import Product
    from marketplace.demo.bulk import seed_generated_products
    from marketplace.demo.seed import seed_demo

    call_command("migrate", "--noinput", "--verbosity", "0")
    if not Product.objects.exclude(slug__startswith="generated-").exists():
        seed_demo()  # once: seeding again would fight the stock the last run's orders hold
    missing = products - Product.objects.filter(slug__startswith="generated-").count()
    if missing > 0:
        started = time.perf_counter()
        seed_generated_products(missing)
        print(f"seeded {missing} generated products in {time.perf_counter() - started:.1f} s")
    return Product.objects.count()


def queries_per_request(query: str, variables: dict[str, object]) -> int:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client()
    payload = json.dumps({"query": query, "variables": variables})
    # The SQL of an answer computed afresh (a response cache hit costs none).
    with override_settings(RESPONSE_CACHE_ENABLED=False):
        client.post("/graphql/", payload, content_type="application/json")  # warm caches
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/graphql/", payload, content_type="application/json")
    body = response.json()
    if "errors" in body:
        raise SystemExit(f"benchmark query failed: {body['errors']}")
    return len(captured)


def load(
    port: int,
    query: str,
    variables: dict[str, object],
    *,
    connections: int,
    duration: float | None = None,
    count: int | None = None,
) -> tuple[list[float], float]:
    """`connections` keep-alive clients sending the same document until `duration` seconds
    have passed or `count` requests were answered; the latencies and the elapsed time."""
    body = json.dumps({"query": query, "variables": variables})
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    budget = {"left": count if count is not None else 10**12}
    deadline = time.perf_counter() + (duration if duration is not None else 10**9)

    def client() -> None:
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


def worker_rss_mib(server: subprocess.Popen[bytes]) -> float:
    import psutil

    children = psutil.Process(server.pid).children()
    return sum(child.memory_info().rss for child in children) / 2**20


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=0, help="generated products to add")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per document")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument(
        "--checkouts", type=int, default=20, help="buyers for the checkout path (0: skip)"
    )
    parser.add_argument("--response-cache", choices=("off", "on"), default="off")
    parser.add_argument("--skip-catalog", action="store_true", help="only the checkout path")
    options = parser.parse_args()
    os.environ["RESPONSE_CACHE"] = "1" if options.response_cache == "on" else "0"
    started = setup_environment()
    total = ensure_catalog(options.products)
    port = free_port()
    server = start_server(port)
    try:
        print(
            f"\ncatalog: {total} products; gunicorn, 1 sync worker; {options.connections} "
            f"connections, {options.duration:g} s per document; response cache "
            f"{options.response_cache}"
        )
        print(
            f"{'document (first: 20)':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL/req':>8}"
        )
        for name, query, variables in [] if options.skip_catalog else SCENARIOS:
            load(port, query, variables, connections=options.connections, count=20)  # warm
            latencies, elapsed = load(
                port,
                query,
                variables,
                connections=options.connections,
                duration=options.duration,
            )
            ordered = sorted(latencies)
            print(
                f"{name:22} {len(latencies) / elapsed:8.1f} "
                f"{statistics.median(ordered) * 1000:8.1f} {percentile(ordered, 0.99) * 1000:8.1f} "
                f"{queries_per_request(query, variables):8d}"
            )
        if not options.skip_catalog and options.memory_requests:
            name, query, variables = SCENARIOS[0]
            server.terminate()
            server.wait(timeout=10)
            server = start_server(port)  # a fresh worker
            load(port, query, variables, connections=options.connections, count=100)
            after_100 = worker_rss_mib(server)
            load(
                port,
                query,
                variables,
                connections=options.connections,
                count=options.memory_requests - 100,
            )
            after_n = worker_rss_mib(server)
            print(
                f"worker resident memory ({name}): {after_100:.1f} MiB after 100 requests, "
                f"{after_n:.1f} MiB after {options.memory_requests} "
                f"({(after_n / after_100 - 1) * 100:+.1f} %)"
            )
        if options.checkouts:
            from bench.checkout import run_checkout_bench

            run_checkout_bench(port, options.checkouts)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if started:
            from django.db import connections

            from marketplace.core.embedded_db import stop_embedded_server

            connections.close_all()
            stop_embedded_server(Path(os.environ["MARKETPLACE_HOME"]))


if __name__ == "__main__":
    main()
