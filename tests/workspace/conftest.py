from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage

from marketplace.vendors.models import VendorDocument

from .vendor_world import VendorWorld, build


@pytest.fixture
def private_media(monkeypatch: Any, tmp_path: Any) -> Any:
    """The documents' private storage in a folder of the test's own."""
    folder = tmp_path / "private"
    storage = FileSystemStorage(location=str(folder))
    monkeypatch.setattr(VendorDocument._meta.get_field("file"), "storage", storage)
    return folder


@pytest.fixture
def vw(db: Any, private_media: Any) -> VendorWorld:
    return build()
