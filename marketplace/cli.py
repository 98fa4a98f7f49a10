"""``marketplace demo | serve | seed | manage …``: the one entry point a newcomer needs."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

DEFAULT_SETTINGS = "marketplace.settings.base"


class CliError(Exception):
    pass


def _home() -> Path:
    import platformdirs

    return Path(
        os.environ.get("MARKETPLACE_HOME") or platformdirs.user_data_dir("artisan-marketplace")
    )


def _ensure_database() -> bool:
    """Point DATABASE_URL at the embedded server when none is set. True if we started it."""
    if os.environ.get("DATABASE_URL"):
        return False
    from marketplace.core.embedded_db import (
        DATA_SUBDIR,
        EmbeddedDatabaseError,
        embedded_database_url,
    )

    home = _home()
    was_running = (home / DATA_SUBDIR / "postmaster.pid").exists()
    try:
        os.environ["DATABASE_URL"] = embedded_database_url(home)
    except EmbeddedDatabaseError as exc:
        raise CliError(str(exc)) from exc
    print(f"Embedded PostgreSQL ready in {home / DATA_SUBDIR}")
    return not was_running


def _stop_database(started: bool) -> None:
    if started:
        from marketplace.core.embedded_db import stop_embedded_server

        if stop_embedded_server(_home()):
            print("Embedded PostgreSQL stopped.")
        else:
            print("warning: the embedded PostgreSQL is still shutting down.", file=sys.stderr)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CliError(f"Cannot listen on {host}:{port}: {exc.strerror}. Try --port.") from None


def _seed(products: int) -> None:
    from marketplace.demo.bulk import seed_generated_products
    from marketplace.demo.seed import DEMO_PASSWORD, seed_demo

    report = seed_demo()
    print(f"Demo marketplace seeded: {report.products} demo products.")
    from marketplace.provenance.models import Certificate

    serials = list(Certificate.objects.values_list("serial", flat=True)[:3])
    if serials:
        print("Authenticity certificates, e.g.: " + ", ".join(f"/verify/{s}/" for s in serials))
    if products:
        print(f"Adding {products} generated products…")
        print(f"Added {seed_generated_products(products)} generated products.")
    print(f"Demo logins (password: {DEMO_PASSWORD}):")
    for email, role in report.logins:
        print(f"  {email:50} {role}")
    print(
        "Payments: the demo gateway (id marketplace.payments.demo) takes card 4242424242424242;"
        " 4000000000000002 is declined. No real money moves."
    )


def _serve(host: str, port: int, workers: int) -> int:
    _port_free(host, port)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "marketplace.wsgi:application",
        "--bind",
        f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "5",
    ]
    base = f"http://{host}:{port}"
    print(f"\nServing on {base}/  (Ctrl-C stops everything)")
    print(f"  GraphQL API:  {base}/graphql/")
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marketplace", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("demo", "migrate, seed and serve the demo"),
        ("serve", "serve the API"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--host", default="127.0.0.1")
        sub.add_argument("--port", type=int, default=8000)
        sub.add_argument("--workers", type=int, default=2)
    seed = commands.add_parser("seed", help="create or refresh the demo data")
    seed.add_argument("--products", type=int, default=0, help="also add N generated products")
    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)

    if getattr(options, "products", 0) < 0:
        parser.error("--products must be zero or more")
    if options.command == "demo":
        os.environ.setdefault("MARKETPLACE_DEMO", "1")
    if options.command in ("demo", "serve"):
        # Absolute links (media, certificate QR codes) point where this server listens.
        shown_host = f"[{options.host}]" if ":" in options.host else options.host
        os.environ.setdefault("PUBLIC_URL", f"http://{shown_host}:{options.port}")
    started = False
    try:
        started = _ensure_database()
        _django()
        if options.command in ("demo", "seed"):
            _call("migrate", "--noinput", "--verbosity", "0")
            _seed(getattr(options, "products", 0))
        if options.command in ("demo", "serve"):
            _call("collectstatic", "--noinput", "--verbosity", "0")
            return _serve(options.host, options.port, options.workers)
        if options.command == "manage":
            from django.core.management import execute_from_command_line

            execute_from_command_line(["marketplace manage", *options.args])
        return 0
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        _stop_database(started)


if __name__ == "__main__":
    sys.exit(main())
