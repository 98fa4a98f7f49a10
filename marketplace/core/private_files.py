"""Where private documents live: a storage of their own, reached by short-lived URLs.

Public media (product photos) may sit behind a CDN for anyone to fetch. Payout files, claim
evidence, statements and customs papers name people, IBANs and prices: they go to the
``private`` storage (a private bucket on S3, a folder nothing serves otherwise), and a link
to one is signed and expires after ``PRIVATE_URL_SECONDS``.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages


def private_storage() -> Storage:
    return storages["private"]


def private_file_url(name: str) -> str | None:
    """A signed, expiring URL to a private file, or None where the storage has no URLs."""
    storage = private_storage()
    if isinstance(storage, FileSystemStorage):
        return None  # the local folder outside MEDIA_ROOT: only the application reads it
    url: str = storage.url(name)
    return url
