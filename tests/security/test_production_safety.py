"""Issue #8, items 3 and 4 and "check --deploy": production never enables demo conveniences
unless asked for by name, and then `manage.py check --deploy` says so.

Each test runs what an operator runs, in a subprocess under marketplace.settings.production.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.demo.seed import DEMO_PASSWORD
from marketplace.vendors.models import Vendor

REPO = Path(__file__).resolve().parent.parent.parent
NO_DATABASE = "postgresql://nobody@127.0.0.1:1/none"  # settings and checks need only a URL


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "MARKETPLACE_", "DEMO_", "STRIPE_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        MARKETPLACE_HOME=str(tmp_path),
        DATABASE_URL=NO_DATABASE,
        ALLOWED_HOSTS="shop.example.com",
        PUBLIC_URL="https://shop.example.com",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _check_ids(result: subprocess.CompletedProcess[str]) -> list[str]:
    return re.findall(r"\(([a-z_.]+\.[EW]\d{3})\)", result.stdout + result.stderr)


def _test_database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    if s["HOST"].startswith("/"):  # the embedded server's unix socket directory
        socket_dir = urlencode({"host": s["HOST"]})
        return f"postgresql://{s['USER']}{password}@/{s['NAME']}?{socket_dir}"
    return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(["manage.py", "check", "--deploy"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert _check_ids(result) == []
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_warns_when_the_demo_gateway_is_asked_for(tmp_path):
    result = _run(["manage.py", "check", "--deploy"], tmp_path, DEMO_PAYMENTS_ENABLED="1")
    assert result.returncode == 0, result.stderr  # a warning, not an error: it was asked for
    assert _check_ids(result) == ["marketplace.W001"]
    assert "card 4242 4242 4242 4242" in result.stderr
    assert "System check identified 1 issue (0 silenced)." in result.stdout + result.stderr


# The demo gateway, under its own id and as Saleor's dummy payment app.
DEMO_GATEWAYS = "['marketplace.payments.demo', 'saleor.io.dummy-payment-app']"
GATEWAYS = (
    "import django; django.setup();"
    "from marketplace.payments.services import payment_gateways;"
    "print(sorted(g.id for g in payment_gateways()))"
)


@pytest.mark.parametrize(
    ("env", "offered"),
    [
        ({}, "[]"),  # no Stripe key is no reason for the demo gateway here
        ({"DEMO_PAYMENTS_ENABLED": "0"}, "[]"),
        ({"DEMO_PAYMENTS_ENABLED": "1"}, DEMO_GATEWAYS),
    ],
)
def test_production_offers_the_demo_gateway_only_when_asked(tmp_path, env, offered):
    result = _run(["-c", GATEWAYS], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == offered


def test_the_demo_gateway_stays_on_for_the_demo_without_stripe(tmp_path):
    result = _run(["-c", GATEWAYS], tmp_path, DJANGO_SETTINGS_MODULE="marketplace.settings.base")
    assert result.stdout.strip() == DEMO_GATEWAYS, result.stderr


@pytest.mark.django_db(transaction=True)
def test_check_deploy_warns_when_demo_accounts_are_in_the_database(tmp_path):
    command = ["manage.py", "check", "--deploy", "--database", "default"]
    database = _test_database_url()
    User.objects.create_user("buyer@real-shop.dz", "a-real-buyers-pass-1")
    clean = _run(command, tmp_path, DATABASE_URL=database)
    assert clean.returncode == 0, clean.stderr
    assert _check_ids(clean) == []

    User.objects.create_user("owner@souika.example.com", "whatever-it-is-2026")
    dirty = _run(command, tmp_path, DATABASE_URL=database)
    assert dirty.returncode == 0, dirty.stderr
    assert _check_ids(dirty) == ["marketplace.W002"]
    assert "1 account(s) at example.com" in dirty.stderr


@pytest.mark.django_db(transaction=True)
def test_seed_refuses_under_production_settings_and_creates_nothing(tmp_path):
    result = _run(["-m", "marketplace.cli", "seed"], tmp_path, DATABASE_URL=_test_database_url())
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: refusing to seed demo data under production settings"
        " (marketplace.settings.production): it creates demo accounts and products."
        " Pass --allow-demo-data if you really want them (no staff account is created"
        " then, and the accounts get a random password printed once)."
    )
    assert (User.objects.count(), Vendor.objects.count(), Product.objects.count()) == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_seed_with_allow_demo_data_creates_no_staff_and_no_public_password(tmp_path, settings):
    # The seed hashed with production's hasher; the tests' own (MD5) could not read those.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    result = _run(
        ["-m", "marketplace.cli", "seed", "--allow-demo-data"],
        tmp_path,
        DATABASE_URL=_test_database_url(),
    )
    assert result.returncode == 0, result.stderr
    assert Product.objects.count() >= 60
    assert not User.objects.filter(is_staff=True).exists()
    assert not User.objects.filter(is_superuser=True).exists()
    printed = re.search(r"Demo logins \(password: (\S+)\):", result.stdout).group(1)
    assert printed != DEMO_PASSWORD and len(printed) >= 20
    users = list(User.objects.all())
    assert users and [u.email for u in users if not u.check_password(printed)] == []
    assert not any(u.check_password(DEMO_PASSWORD) for u in users)
    assert "admin@example.com" not in result.stdout
