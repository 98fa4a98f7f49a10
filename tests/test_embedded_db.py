"""The embedded PostgreSQL: starts from nothing, is reused, and fails clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from marketplace.core.embedded_db import (
    EmbeddedDatabaseError,
    embedded_database_url,
    start_embedded_server,
    stop_embedded_server,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path_factory):
    # pgserver runs postgres as a dedicated user when we are root: give it a traversable path.
    path = tmp_path_factory.mktemp("mkt-home")
    path.chmod(0o755)
    path.parent.chmod(0o755)
    yield path
    stop_embedded_server(path)


def test_embedded_server_starts_creates_the_database_and_is_reused(home):
    url = embedded_database_url(home, "fresh_db")
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT current_database()").fetchone() == ("fresh_db",)
    assert (home / "postgres" / "PG_VERSION").exists()
    assert embedded_database_url(home, "fresh_db") == url  # second start joins the same server


def test_damaged_data_directory_is_a_clear_error(home):
    data_dir = home / "postgres"
    data_dir.mkdir()
    (data_dir / "PG_VERSION").write_text("garbage")
    with pytest.raises(EmbeddedDatabaseError, match="is damaged"):
        start_embedded_server(home)


def test_foreign_files_in_data_directory_are_refused(home):
    (home / "postgres").mkdir()
    (home / "postgres" / "notes.txt").write_text("mine")
    with pytest.raises(EmbeddedDatabaseError, match="PG_VERSION is missing"):
        start_embedded_server(home)


def test_data_path_that_is_a_file_is_refused(home):
    (home / "postgres").write_text("oops")
    with pytest.raises(EmbeddedDatabaseError, match="not a directory"):
        start_embedded_server(home)


def test_cli_reports_a_damaged_directory_without_a_traceback(home):
    (home / "postgres").mkdir()
    (home / "postgres" / "PG_VERSION").write_text("garbage")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(MARKETPLACE_HOME=str(home), DJANGO_SETTINGS_MODULE="marketplace.settings.base")
    result = subprocess.run(
        [sys.executable, "-m", "marketplace.cli", "manage", "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "is damaged" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_data_directory_of_another_postgresql_version_is_a_clear_error(home):
    embedded_database_url(home, "any")
    stop_embedded_server(home)
    (home / "postgres" / "PG_VERSION").write_text("9\n")  # as if made by an old PostgreSQL
    # A fresh process: pgserver caches the servers it started in this one.
    code = (
        "import sys; from pathlib import Path;"
        "from marketplace.core.embedded_db import start_embedded_server, EmbeddedDatabaseError\n"
        "try:\n start_embedded_server(Path(sys.argv[1]))\n"
        "except EmbeddedDatabaseError as e:\n print(e)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(home)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "did not start" in result.stdout, result.stdout + result.stderr
    assert "incompatible" in result.stdout  # PostgreSQL's own reason, from its log
