"""Embedded PostgreSQL through ``pgserver``, so a newcomer needs nothing installed.

The server lives in ``<MARKETPLACE_HOME>/postgres`` and is reused across runs. Failures to
start are turned into :class:`EmbeddedDatabaseError` with a message a person can act on,
because a traceback from ``pg_ctl`` says nothing about which directory is at fault.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

DATA_SUBDIR = "postgres"
DATABASE_NAME = "marketplace"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded PostgreSQL could not be started from its data directory."""


def _log_tail(data_dir: Path, lines: int = 8) -> str:
    log_file = data_dir / "log"
    if not log_file.exists():
        return ""
    tail = log_file.read_text(errors="replace").splitlines()[-lines:]
    return "\n  ".join(tail)


def _check_data_dir(data_dir: Path) -> None:
    if data_dir.exists() and not data_dir.is_dir():
        raise EmbeddedDatabaseError(
            f"The embedded database path {data_dir} exists but is not a directory. "
            "Move it away or set MARKETPLACE_HOME to another folder."
        )
    version_file = data_dir / "PG_VERSION"
    if version_file.exists():
        version = version_file.read_text(errors="replace").strip()
        if not version.isdigit():
            raise EmbeddedDatabaseError(
                f"The embedded database in {data_dir} is damaged (PG_VERSION reads {version!r}). "
                "Restore it from a backup, or delete the folder to start afresh."
            )
    elif data_dir.exists() and any(p.name != "log" for p in data_dir.iterdir()):
        raise EmbeddedDatabaseError(
            f"The folder {data_dir} holds files but no PostgreSQL data directory "
            "(PG_VERSION is missing). Empty it or set MARKETPLACE_HOME elsewhere."
        )


def start_embedded_server(home: Path) -> Any:
    """Start (or join) the embedded server under ``home`` and return pgserver's handle."""
    data_dir = home / DATA_SUBDIR
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EmbeddedDatabaseError(f"Cannot create MARKETPLACE_HOME at {home}: {exc}") from exc
    if not os.access(home, os.W_OK):
        raise EmbeddedDatabaseError(f"MARKETPLACE_HOME {home} is not writable by this user.")
    _check_data_dir(data_dir)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pgserver

        try:
            # cleanup_mode=None: the server outlives this process so that gunicorn workers and
            # later commands reuse it; `marketplace demo` stops it explicitly on Ctrl-C.
            return pgserver.get_server(data_dir, cleanup_mode=None)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, AssertionError) as exc:
            raise EmbeddedDatabaseError(
                f"The embedded PostgreSQL in {data_dir} did not start. It may be locked by "
                "another PostgreSQL version or damaged. Last lines of its log:\n  "
                + (_log_tail(data_dir) or "(no log)")
            ) from exc
        except OSError as exc:
            raise EmbeddedDatabaseError(
                f"The embedded PostgreSQL in {data_dir} could not be used: {exc}"
            ) from exc


def ensure_database(server: Any, name: str) -> str:
    """Create database ``name`` on the embedded server when missing; return its URL."""
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{name}";')
    uri: str = server.get_uri(name)
    return uri


def embedded_database_url(home: Path, name: str = DATABASE_NAME) -> str:
    return ensure_database(start_embedded_server(home), name)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_embedded_server(home: Path, *, timeout: float = 30) -> bool:
    """Stop the embedded server under ``home`` (fast shutdown) and wait until it is gone.

    Returns True when no server runs there any more. Ctrl-C in a terminal also reaches the
    server, which may already be shutting down: waiting makes "stopped" true when we say it.
    """
    pid_file = home / DATA_SUBDIR / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return True  # no server, or a pid file without a pid
    try:
        os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
    except ProcessLookupError:
        return True  # a stale pid file: nothing runs
    except PermissionError:
        from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

        with contextlib.suppress(subprocess.CalledProcessError):
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=home / DATA_SUBDIR)
    deadline = time.monotonic() + timeout
    while _process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _process_alive(pid)
