"""The read-replica router, with a real second database (see replica_case.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings

REPO = Path(__file__).resolve().parents[2]


def _server_url(name: str) -> str:
    db: dict[str, Any] = settings.DATABASES["default"]
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    if db["HOST"].startswith("/"):  # a unix socket, as the embedded server hands out
        return f"postgresql://{user}{password}@/{name}?{urlencode({'host': db['HOST']})}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgresql://{user}{password}@{db['HOST']}{port}/{name}"


def test_catalog_reads_use_the_replica_and_writes_the_primary(tmp_path: Path) -> None:
    env = {
        **os.environ,
        # The databases are named apart from this session's, on the same server.
        "DATABASE_URL": _server_url("replica_case_primary"),
        "DATABASE_REPLICA_URLS": _server_url("replica_case_replica"),
        "MARKETPLACE_HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/deploy/replica_case.py",
            "-q",
            "-p",
            "no:randomly",
            "--create-db",
            "-o",
            "python_files=replica_case.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout
