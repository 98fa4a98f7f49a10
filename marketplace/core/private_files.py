"""Where private documents live: a storage of their own, reached by short-lived URLs.

Public media (product photos) may sit behind a CDN for anyone to fetch. Payout files, claim
evidence, statements and customs papers name people, IBANs and prices: they go to the
``private`` storage (a private bucket on S3, a folder nothing serves otherwise), and a link
to one is signed and expires after ``PRIVATE_URL_SECONDS``.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


def private_storage() -> Storage:
    return storages["private"]


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used and again after the STORAGES
    setting changes: what a model field's ``storage=`` gets (a field keeps the object it is
    given, so handing it ``private_storage()`` would pin the storage of import time)."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private_storage_lazy = PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        private_storage_lazy._wrapped = empty  # type: ignore[assignment]


def private_file_url(name: str) -> str | None:
    """A signed, expiring URL to a private file, or None where the storage has no URLs."""
    storage = private_storage()
    if isinstance(storage, FileSystemStorage):
        return None  # the local folder outside MEDIA_ROOT: only the application reads it
    url: str = storage.url(name)
    return url
