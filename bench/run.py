"""Catalog and checkout benchmark (issue #14): seeds the demo data (and --products generated
ones), serves it with gunicorn (one sync worker, loopback), and prints per storefront document
(bench/queries.py) requests per second, p50/p99 latency and SQL queries per request under
8 concurrent keep-alive connections for --duration seconds, with wrk when it is installed
(`wrk -t1 -c8 -d15s`, as the issue measured Saleor; scripts/bench installs it) and Python
clients otherwise; once with the response cache on (as production runs with Redis) and once
answered afresh; then a fresh worker's resident memory after 100 and after --memory-requests
requests, then the checkout path (bench/checkout.py).

    scripts/bench [--products 0] [--duration 15] [--connections 8] [--memory-requests 10000]
                  [--checkouts 20] [--response-cache both|on|off] [--python-client]
                  [--workers 1] [--threads 1]

It uses its own embedded database under .bench-home unless DATABASE_URL is set, and a local
Redis (database 11) for the cache when one answers on 127.0.0.1:6379 and REDIS_URL is unset.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.load import WRK, measure, percentile, python_load  # noqa: E402
from bench.queries import SCENARIOS  # noqa: E402

__all__ = ["percentile"]  # bench/shop_pages.py takes it from here


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


def worker_rss_mib(server: subprocess.Popen[bytes]) -> float:
    import psutil

    children = psutil.Process(server.pid).children()
    return sum(child.memory_info().rss for child in children) / 2**20


def start_server(port: int, *, workers: int = 1, threads: int = 1) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
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


def catalog_table(
    port: int, *, connections: int, duration: float, use_wrk: bool, cache: str
) -> None:
    tool = "wrk -t1" if use_wrk and WRK else "Python clients"
    print(
        f"\nresponse cache {cache}; {connections} connections ({tool}), {duration:g} s per document"
    )
    print(f"{'document (first: 20)':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'SQL/req':>8}")
    for name, query, variables in SCENARIOS:
        body = json.dumps({"query": query, "variables": variables})
        figures = measure(port, body, connections=connections, duration=duration, use_wrk=use_wrk)
        print(
            f"{name:22} {figures.requests_per_second:8.1f} {figures.p50_ms:8.1f} "
            f"{figures.p99_ms:8.1f} {queries_per_request(query, variables):8d}"
        )


def memory_growth(
    port: int, server: subprocess.Popen[bytes], *, connections: int, total: int
) -> None:
    """A fresh worker's resident size after 100 requests and after `total`, the documents
    taken in turn and answered afresh each time (the response cache off): the work that
    could leak."""
    bodies = [
        json.dumps({"query": query, "variables": variables}) for _, query, variables in SCENARIOS
    ]

    def requests(count: int) -> None:
        for index, body in enumerate(bodies):
            share = count // len(bodies) + (1 if index < count % len(bodies) else 0)
            python_load(port, body, connections=connections, count=share)

    requests(100)
    after_100 = worker_rss_mib(server)
    requests(total - 100)
    after_n = worker_rss_mib(server)
    print(
        f"worker resident memory (the {len(bodies)} documents in turn, response cache off): "
        f"{after_100:.1f} MiB after 100 requests, {after_n:.1f} MiB after {total} "
        f"({(after_n / after_100 - 1) * 100:+.1f} %)"
    )


def use_local_redis() -> None:
    """The response cache as production keeps it (Redis: the version and answers one network
    hop away), when a local Redis answers and no REDIS_URL was given."""
    if os.environ.get("REDIS_URL"):
        return
    try:
        socket.create_connection(("127.0.0.1", 6379), 0.2).close()
    except OSError:
        return
    # Database 11: the test suite takes 6 to 9 and 12 to 15.
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/11"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=0, help="generated products to add")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per document")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--memory-requests", type=int, default=10_000, help="0: skip")
    parser.add_argument(
        "--checkouts", type=int, default=20, help="buyers for the checkout path (0: skip)"
    )
    parser.add_argument("--response-cache", choices=("on", "off", "both"), default="both")
    parser.add_argument("--python-client", action="store_true", help="never use wrk")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--skip-catalog", action="store_true", help="only the checkout path")
    options = parser.parse_args()
    use_local_redis()
    started = setup_environment()
    total = ensure_catalog(options.products)
    port = free_port()
    modes = {"both": ["on", "off"], "on": ["on"], "off": ["off"]}[options.response_cache]
    server = None
    try:
        worker = "sync" if options.threads == 1 else f"gthread, {options.threads} threads"
        print(f"\ncatalog: {total} products; gunicorn, {options.workers} worker(s), {worker}")
        for cache in [] if options.skip_catalog else modes:
            os.environ["RESPONSE_CACHE"] = "1" if cache == "on" else "0"
            server = start_server(port, workers=options.workers, threads=options.threads)
            catalog_table(
                port,
                connections=options.connections,
                duration=options.duration,
                use_wrk=not options.python_client,
                cache=cache,
            )
            stop_server(server)
        os.environ["RESPONSE_CACHE"] = "0"
        server = start_server(port, workers=options.workers, threads=options.threads)  # fresh
        if not options.skip_catalog and options.memory_requests:
            memory_growth(
                port, server, connections=options.connections, total=options.memory_requests
            )
        if options.checkouts:
            from bench.checkout import run_checkout_bench

            run_checkout_bench(port, options.checkouts)
    finally:
        if server is not None:
            stop_server(server)
        if started:
            from django.db import connections

            from marketplace.core.embedded_db import stop_embedded_server

            connections.close_all()
            stop_embedded_server(Path(os.environ["MARKETPLACE_HOME"]))


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
