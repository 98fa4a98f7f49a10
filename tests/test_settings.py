"""Secure defaults, checked the way an operator would run them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from marketplace.core.database_url import DatabaseUrlError, parse_database_url

REPO = Path(__file__).resolve().parent.parent


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MARKETPLACE_"))
    }
    # A URL is enough for settings and checks; nothing here connects.
    environment.update({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _run(
        "import sys, django; from django.core.management import call_command;"
        "django.setup(); call_command('check', '--deploy', '--fail-level', 'WARNING')",
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY="x" * 64 + "-not-a-real-secret-but-long-and-varied-0123456789",
        MARKETPLACE_HOME=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        MARKETPLACE_HOME=str(tmp_path),
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production." in result.stderr


def test_debug_is_off_unless_asked(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.GRAPHQL_PLAYGROUND)"
    base = {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "MARKETPLACE_HOME": str(tmp_path),
    }
    assert _run(code, **base).stdout.split() == ["False", "False"]
    assert _run(code, MARKETPLACE_DEBUG="1", **base).stdout.split() == ["True", "True"]
    assert _run(code, MARKETPLACE_DEMO="1", **base).stdout.split() == ["False", "True"]


def test_templates_are_prepared_unless_a_pooler_cannot_keep_them(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASE_PREPARED_STATEMENTS,"
        " settings.DATABASES['default']['OPTIONS'].get('server_side_binding'))"
    )
    base = {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.base",
        "MARKETPLACE_HOME": str(tmp_path),
    }
    # The ORM's own queries stay bound on the client (Django's default).
    assert _run(code, **base).stdout.split() == ["True", "None"]
    off = _run(code, DATABASE_PREPARED_STATEMENTS="0", **base)
    assert off.stdout.split() == ["False", "None"]


def test_generated_secret_key_is_private_and_stable(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    env = {"DJANGO_SETTINGS_MODULE": "marketplace.settings.base", "MARKETPLACE_HOME": str(tmp_path)}
    first, second = _run(code, **env).stdout, _run(code, **env).stdout
    assert first == second and len(first.strip()) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_parsing():
    assert parse_database_url("postgresql://u:p%40ss@db.example:6543/shop?sslmode=require") == {
        "ENGINE": "marketplace.core.db_backend",
        "NAME": "shop",
        "USER": "u",
        "PASSWORD": "p@ss",
        "HOST": "db.example",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }
    socket = parse_database_url("postgresql://postgres:@/marketplace?host=/tmp/pg")
    assert (
        socket["HOST"] == "/tmp/pg" and socket["NAME"] == "marketplace" and socket["OPTIONS"] == {}
    )
    with pytest.raises(DatabaseUrlError, match="must be a postgresql:// URL"):
        parse_database_url("mysql://root@localhost/db")
