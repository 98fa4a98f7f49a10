"""Catalog and checkout benchmark: seeds a large catalog, serves it with gunicorn (one sync
worker), and prints requests per second, p50/p99 latency and SQL queries per request, then
the checkout path step by step (see bench/checkout.py).

    scripts/bench [--products 10000] [--requests 200] [--checkouts 50]

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
    if not Product.objects.filter(slug__startswith="generated-").exists():
        seed_demo()
    missing = products - Product.objects.filter(slug__startswith="generated-").count()
    if missing > 0:
        started = time.perf_counter()
        seed_generated_products(missing)
        print(f"seeded {missing} generated products in {time.perf_counter() - started:.1f} s")
    return Product.objects.count()


def queries_per_request(query: str, variables: dict[str, object]) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    payload = json.dumps({"query": query, "variables": variables})
    client.post("/graphql/", payload, content_type="application/json")  # warm caches
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/graphql/", payload, content_type="application/json")
    body = response.json()
    if "errors" in body:
        raise SystemExit(f"benchmark query failed: {body['errors']}")
    return len(captured)


def time_requests(port: int, query: str, variables: dict[str, object], count: int) -> list[float]:
    body = json.dumps({"query": query, "variables": variables})
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    for index in range(count + 10):
        started = time.perf_counter()
        connection.request("POST", "/graphql/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"HTTP {response.status} from the server")
        if index >= 10:  # the first ten warm the worker
            latencies.append(time.perf_counter() - started)
    connection.close()
    return latencies


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
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--checkouts", type=int, default=50, help="buyers for the checkout path (0: skip)"
    )
    parser.add_argument("--skip-catalog", action="store_true", help="only the checkout path")
    options = parser.parse_args()
    started = setup_environment()
    total = ensure_catalog(options.products)
    port = free_port()
    server = start_server(port)
    try:
        print(
            f"\ncatalog: {total} products; gunicorn, 1 sync worker; {options.requests} requests each"
        )
        print(f"{'scenario':20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL/req':>8}")
        for name, query, variables in [] if options.skip_catalog else SCENARIOS:
            latencies = time_requests(port, query, variables, options.requests)
            ordered = sorted(latencies)
            p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            print(
                f"{name:20} {len(latencies) / sum(latencies):8.1f} "
                f"{statistics.median(latencies) * 1000:8.1f} {p99 * 1000:8.1f} "
                f"{queries_per_request(query, variables):8d}"
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
