"""``marketplace demo | serve | seed | manage …``: the one entry point a newcomer needs."""

from __future__ import annotations

import argparse
import errno
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

DEFAULT_SETTINGS = "marketplace.settings.base"


class CliError(Exception):
    pass


class StopRequested(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C so that everything we started stops.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
_stopping = False


def _request_stop(signum: int, frame: object) -> None:
    global _stopping
    if _stopping:  # a second signal while we are already stopping changes nothing
        return
    _stopping = True
    raise StopRequested(signum)


def _handle_stop_signals() -> dict[int, Any]:
    """Without this, SIGTERM (``kill <pid>``, systemd, docker stop) or SIGHUP (the terminal
    closing) ends this process at once and orphans gunicorn and the embedded PostgreSQL.
    Returns the handlers it replaced."""
    global _stopping
    _stopping = False
    return {signum: signal.signal(signum, _request_stop) for signum in _STOP_SIGNALS}


def _home() -> Path:
    import platformdirs

    return Path(
        os.environ.get("MARKETPLACE_HOME") or platformdirs.user_data_dir("artisan-marketplace")
    )


def _will_start_database() -> bool:
    """True when this run starts the embedded server (and so must stop it): no DATABASE_URL,
    and no server already running there for another command."""
    if os.environ.get("DATABASE_URL"):
        return False
    from marketplace.core.embedded_db import DATA_SUBDIR

    return not (_home() / DATA_SUBDIR / "postmaster.pid").exists()


def _ensure_database() -> None:
    """Point DATABASE_URL at the embedded server when none is set, starting it if need be."""
    if os.environ.get("DATABASE_URL"):
        return
    from marketplace.core.embedded_db import (
        DATA_SUBDIR,
        EmbeddedDatabaseError,
        embedded_database_url,
    )

    home = _home()
    try:
        os.environ["DATABASE_URL"] = embedded_database_url(home)
    except EmbeddedDatabaseError as exc:
        raise CliError(str(exc)) from exc
    print(f"Embedded PostgreSQL ready in {home / DATA_SUBDIR}")


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
    """Fail fast, before any migration, when gunicorn could not bind ``host:port``.

    The probe binds as gunicorn does, with SO_REUSEADDR: a port left in TIME_WAIT by the
    previous run's connections is free for a listener, only a live listener makes it busy."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
            probe.listen(1)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CliError(
                    f"Port {port} on {host} is already in use by another program:"
                    " stop it or choose another port with --port."
                ) from None
            raise CliError(
                f"Cannot listen on {host}:{port} ({exc.strerror}): choose another --host or --port."
            ) from None


def _demo_data_refused(allow: bool) -> None:
    """Under production settings demo data is refused unless asked for by name."""
    from django.conf import settings

    if settings.PRODUCTION_SETTINGS and not allow:
        raise CliError(
            "refusing to seed demo data under production settings"
            f" ({settings.SETTINGS_MODULE}): it creates demo accounts and products."
            " Pass --allow-demo-data if you really want them (no staff account is created"
            " then, and the accounts get a random password printed once)."
        )


def _seed(products: int) -> None:
    import secrets

    from django.conf import settings

    from marketplace.demo.bulk import seed_generated_products
    from marketplace.demo.seed import DEMO_PASSWORD, seed_demo

    # Production: never the public demo password, never a demo staff account.
    production = settings.PRODUCTION_SETTINGS
    password = secrets.token_urlsafe(18) if production else DEMO_PASSWORD
    report = seed_demo(password=password, staff=not production)
    print(f"Demo marketplace seeded: {report.products} demo products.")
    from marketplace.provenance.models import Certificate

    serials = list(Certificate.objects.values_list("serial", flat=True)[:3])
    if serials:
        print("Authenticity certificates, e.g.: " + ", ".join(f"/verify/{s}/" for s in serials))
    if products:
        print(f"Adding {products} generated products…")
        print(f"Added {seed_generated_products(products)} generated products.")
    print(f"Demo logins (password: {password}):")
    for email, role in report.logins:
        print(f"  {email:50} {role}")
    if settings.DEMO_PAYMENTS_ENABLED:
        print(
            "Payments: the demo gateway (id marketplace.payments.demo) takes card"
            " 4242424242424242; 4000000000000002 is declined. No real money moves."
        )


def _storefront_urls(base: str) -> list[tuple[str, str]]:
    """The shop's pages to open first: home in each language, a cluster, a workshop, a
    piece, a certificate, the workshop's workspace."""
    from marketplace.catalog.models import Product
    from marketplace.provenance.models import Certificate
    from marketplace.vendors.models import VendorKind
    from marketplace.vendors.selectors import clusters_visible, workshops_visible

    urls = [(f"Shop ({code}):", f"{base}/{code}/") for code in ("en", "fr", "ar")]
    cluster = clusters_visible().order_by("name").first()
    workshop = workshops_visible().filter(kind=VendorKind.WORKSHOP).order_by("name").first()
    product = Product.objects.filter(vendor__in=workshops_visible()).order_by("name").first()
    certificate = Certificate.objects.order_by("issued_at").first()
    if cluster is not None:
        urls.append(("Cluster:", f"{base}/en/c/{cluster.slug}/"))
    if workshop is not None:
        urls.append(("Workshop:", f"{base}/en/w/{workshop.slug}/"))
    if product is not None:
        urls.append(("Piece:", f"{base}/en/p/{product.slug}/"))
    urls.append(("Basket:", f"{base}/en/basket/"))
    if certificate is not None:
        urls.append(("Certificate:", f"{base}/verify/{certificate.serial}/"))
    urls.append(("Workspace:", f"{base}/en/workspace/"))
    return urls


def _serve(host: str, port: int, workers: int) -> int:
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
    for label, url in _storefront_urls(base):
        print(f"  {label:13} {url}")
    print(f"  GraphQL API:  {base}/graphql/")
    process = None
    try:
        process = subprocess.Popen(command)
        return process.wait()
    except (KeyboardInterrupt, StopRequested):
        if process is not None:
            _stop_gunicorn(process)
        return 0


def _stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM is gunicorn's graceful stop (workers finish their request, 5 s at most)."""
    global _stopping
    _stopping = True  # from here on, further SIGTERM/SIGHUP must not interrupt the wait
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> int:
    global _stopping
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
    seed.add_argument(
        "--allow-demo-data",
        action="store_true",
        help="seed even under production settings (no staff account, a random password)",
    )
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
    previous_handlers = _handle_stop_signals()
    try:
        if options.command in ("demo", "serve"):
            _port_free(options.host, options.port)  # before minutes of migrating and seeding
        started = _will_start_database()
        _ensure_database()
        _django()
        if options.command in ("demo", "seed"):
            _demo_data_refused(getattr(options, "allow_demo_data", False))
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
    except StopRequested as stop:
        return 128 + stop.signum
    finally:
        _stopping = True  # the database must stop even if another signal arrives now
        _stop_database(started)
        for signum, handler in previous_handlers.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
