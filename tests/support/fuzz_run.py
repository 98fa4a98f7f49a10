"""scripts/fuzz: the GraphQL fuzz (tests/support/graphql_fuzz.py) over 10,000+ requests against
a live server on loopback serving the seeded demo data.

    scripts/fuzz [--examples 30] [--min-requests 10000] [--seed 0]

It uses its own embedded database under .fuzz-home unless DATABASE_URL is set (mutations
change the data: never point it at a database you care about). Exit status 0 only when no
request answered 5xx or INTERNAL_ERROR and nothing was logged at error level.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def setup_environment() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("MARKETPLACE_HOME", str(REPO / ".fuzz-home"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    # Background work runs inline, so its errors are counted too; no broker is needed.
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    # One short-lived connection per request thread of the threaded server.
    os.environ["DATABASE_CONN_MAX_AGE"] = "0"
    import django

    django.setup()


def ensure_demo_data() -> None:
    from django.core.management import call_command

    from marketplace.catalog.models import Product
    from marketplace.demo.seed import seed_demo

    call_command("migrate", "--noinput", "--verbosity", "0")
    if not Product.objects.exists():
        seed_demo()


def serve() -> tuple[Any, str]:
    """The project's WSGI application on a free loopback port, in a background thread."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/graphql/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=30, help="per operation and actor")
    parser.add_argument("--min-requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    setup_environment()
    ensure_demo_data()
    print("demo data ready; fuzzing", flush=True)

    from tests.support.graphql_fuzz import (
        ErrorLogCounter,
        FuzzReport,
        fuzz,
        fuzz_actors,
        register_scalars,
        schema_introspection,
        served_values,
    )

    ids, words, type_names = served_values()
    register_scalars(ids=ids, words=words, type_names=type_names)
    actors = fuzz_actors()
    introspection = schema_introspection()
    report = FuzzReport()
    server, url = serve()
    # After serve(): loading the WSGI application configures logging afresh.
    logging.getLogger().addHandler(ErrorLogCounter(report))
    started = time.perf_counter()
    round_seed = args.seed
    try:
        while report.requests < args.min_requests:
            operations = report.operations
            fuzz(
                url=url,
                introspection=introspection,
                actors=actors,
                examples=args.examples,
                report=report,
                seed=round_seed,
            )
            report.operations = report.operations - operations  # per round, not summed
            round_seed += 1
            print(f"round {round_seed - args.seed}: {report.summary()}", flush=True)
    finally:
        server.shutdown()
    print(f"{report.summary()}  in {time.perf_counter() - started:.0f} s")
    for example in report.examples:
        print("  " + example.replace("\n", " "))
    return 0 if report.clean and report.requests >= args.min_requests else 1


if __name__ == "__main__":
    sys.exit(main())
