"""Backups a person can restore: the database, media (public and private) and signing keys.

One backup is a folder: ``database.dump`` (``pg_dump --format=custom``), ``media.tar`` and
``private.tar`` (every file of each storage, read through the storage API, so S3 and local
folders alike), ``certificate-keys.tar`` (without the keys, issued certificates can never be
verified again after a loss) and ``manifest.json`` with sizes and SHA-256 sums, checked
before anything is restored. The keys are secrets: the folder is written for its owner only,
and belongs on encrypted storage.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import connection
from django.utils import timezone

from .errors import DomainError

PARTS = ("database.dump", "media.tar", "private.tar", "certificate-keys.tar")


def _pg_tool(name: str) -> str:
    """The embedded server's own pg_dump/pg_restore (same major version), else the system's."""
    try:
        import pgserver

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        raise DomainError(f"{name} was not found: install the PostgreSQL client tools.")
    return found


def _libpq_env(db: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db["USER"] or ""}
    if db["HOST"]:
        env["PGHOST"] = db["HOST"]
    if db["PORT"]:
        env["PGPORT"] = str(db["PORT"])
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def _storage_to_tar(storage: Storage, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w") as archive:
        for name in _walk(storage):
            with storage.open(name, "rb") as handle:
                payload = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
            count += 1
    return count


def _tar_to_storage(source: Path, storage: Storage) -> int:
    count = 0
    with tarfile.open(source, "r") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in member.name:
                continue  # only plain files, under the storage's root
            handle = archive.extractfile(member)
            assert handle is not None
            if storage.exists(member.name):
                storage.delete(member.name)
            storage.save(member.name, ContentFile(handle.read()))
            count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(*, target: Path) -> dict[str, Any]:
    """Write a complete backup into the new folder ``target``; return its manifest."""
    if target.exists() and any(target.iterdir()):
        raise DomainError(f"{target} is not empty: name a new folder for the backup.")
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = connection.settings_dict
    subprocess.run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target / PARTS[0])],
        env=_libpq_env(db),
        check=True,
        capture_output=True,
        timeout=3600,
    )
    counts = {
        "media": _storage_to_tar(storages["default"], target / PARTS[1]),
        "private": _storage_to_tar(storages["private"], target / PARTS[2]),
    }
    keys = Path(settings.CERTIFICATE_KEY_DIR)
    with tarfile.open(target / PARTS[3], "w") as archive:
        for path in sorted(keys.glob("*")) if keys.exists() else []:
            archive.add(path, arcname=path.name)
            counts["certificate_keys"] = counts.get("certificate_keys", 0) + 1
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": db["NAME"],
        "counts": counts,
        "files": {
            name: {"bytes": (target / name).stat().st_size, "sha256": _sha256(target / name)}
            for name in PARTS
        },
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2))
    for path in target.iterdir():
        path.chmod(0o600)
    return manifest


def backup_verify(*, source: Path) -> dict[str, Any]:
    """Check every part against the manifest; raise DomainError naming what is wrong."""
    manifest_path = source / "manifest.json"
    if not manifest_path.exists():
        raise DomainError(f"{source} holds no manifest.json: it is not a backup of ours.")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    for name in PARTS:
        path = source / name
        if not path.exists():
            raise DomainError(f"The backup lacks {name}.")
        if _sha256(path) != manifest["files"][name]["sha256"]:
            raise DomainError(f"{name} does not match its checksum: the backup is damaged.")
    return manifest


def backup_restore(*, source: Path) -> dict[str, Any]:
    """Restore database, media and keys from ``source`` into the configured ones."""
    manifest = backup_verify(source=source)
    connection.close()
    subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(source / PARTS[0]),
        ],
        env=_libpq_env(connection.settings_dict),
        check=True,
        capture_output=True,
        timeout=3600,
    )
    _tar_to_storage(source / PARTS[1], storages["default"])
    _tar_to_storage(source / PARTS[2], storages["private"])
    keys = Path(settings.CERTIFICATE_KEY_DIR)
    keys.mkdir(parents=True, exist_ok=True, mode=0o700)
    with tarfile.open(source / PARTS[3], "r") as archive:
        for member in archive.getmembers():
            if member.isfile() and "/" not in member.name and ".." not in member.name:
                handle = archive.extractfile(member)
                assert handle is not None
                path = keys / member.name
                path.write_bytes(handle.read())
                path.chmod(0o600)
    return manifest
