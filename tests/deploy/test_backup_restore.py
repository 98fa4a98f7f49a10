"""The restore drill: back up, restore into an empty database elsewhere, and find it all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from marketplace.core.private_files import private_storage
from marketplace.provenance.certificates import certificate_issue
from tests.factories import CatalogBuilder

REPO = Path(__file__).resolve().parents[2]

# Committed data: pg_dump reads it from another connection.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_folders(settings: Any, tmp_path: Path) -> None:
    """Keys and private files of this test alone (the session's folders hold others')."""
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


_CHECK_RESTORED = """
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("backup_restore", sys.argv[1], "--yes")
from django.conf import settings
from django.core.files.storage import storages
from marketplace.catalog.models import Product, ProductMedia
from marketplace.provenance.certificates import certificate_check, certificate_issue
media = ProductMedia.objects.get()
check = certificate_check(serial=sys.argv[2])
fresh = certificate_issue(product=Product.objects.get())  # the restored key still signs
print(json.dumps({
    "products": list(Product.objects.values_list("name", flat=True)),
    "media_file": storages["default"].exists(media.image.name),
    "private": storages["private"].open("statements/2026-11.csv").read().decode(),
    "certificate": check.status,
    "fresh_certificate": certificate_check(serial=fresh.serial).status,
    "keys": sorted(p.name for p in __import__("pathlib").Path(settings.CERTIFICATE_KEY_DIR).glob("*.pem")),
}))
"""


def _url(name: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    if db["HOST"].startswith("/"):
        return f"postgresql://{auth}@/{name}?{urlencode({'host': db['HOST']})}"
    return f"postgresql://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def test_a_backup_restores_into_an_empty_server_with_media_documents_and_keys(
    tmp_path: Path, settings: Any
) -> None:
    catalog = CatalogBuilder()
    tray = catalog.product("Sniwa tray")
    serial = certificate_issue(product=tray).serial
    private_storage().save("statements/2026-11.csv", ContentFile(b"order,net\n1001,88.00\n"))
    keys = sorted(p.name for p in Path(settings.CERTIFICATE_KEY_DIR).glob("*.pem"))
    assert keys

    out = StringIO()
    call_command("backup_create", str(tmp_path / "backup"), stdout=out)
    assert "1 private files" in out.getvalue()
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == [
        "certificate-keys.tar",
        "database.dump",
        "manifest.json",
        "media.tar",
        "private.tar",
    ]
    assert oct((tmp_path / "backup" / "certificate-keys.tar").stat().st_mode)[-3:] == "600"

    drill = f"restore_drill_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{drill}"')
    try:
        result = subprocess.run(
            [sys.executable, "-c", _CHECK_RESTORED, str(tmp_path / "backup"), serial],
            cwd=REPO,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
                "DATABASE_URL": _url(drill),
                # Another machine: empty media, private folder and key folder.
                "MARKETPLACE_HOME": str(tmp_path / "new-machine"),
                "MEDIA_ROOT": str(tmp_path / "new-machine" / "media"),
            },
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{drill}" WITH (FORCE)')
    assert result.returncode == 0, result.stderr[-3000:]
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored == {
        "products": ["Sniwa tray"],
        "media_file": True,
        "private": "order,net\n1001,88.00\n",
        "certificate": "VALID",
        "fresh_certificate": "VALID",
        "keys": keys,
    }


def test_a_damaged_backup_is_refused_before_anything_is_restored(tmp_path: Path) -> None:
    CatalogBuilder().product("Sniwa tray")
    call_command("backup_create", str(tmp_path / "backup"), stdout=StringIO())
    dump = tmp_path / "backup" / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"database\.dump does not match its checksum"):
        call_command("backup_restore", str(tmp_path / "backup"), "--check")
    with pytest.raises(CommandError, match=r"database\.dump does not match its checksum"):
        call_command("backup_restore", str(tmp_path / "backup"), "--yes")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_create", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="pass --yes"):
        call_command("backup_restore", str(tmp_path / "backup"))
