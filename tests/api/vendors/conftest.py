from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage

from marketplace.vendors.models import VendorDocument
from tests.workspace.vendor_world import VendorWorld, build


@pytest.fixture
def private_media(monkeypatch: Any, tmp_path: Any) -> Any:
    folder = tmp_path / "private"
    monkeypatch.setattr(
        VendorDocument._meta.get_field("file"), "storage", FileSystemStorage(location=str(folder))
    )
    return folder


@pytest.fixture
def vw(db: Any, private_media: Any) -> VendorWorld:
    return build()
