"""`marketplace demo` prints the shop's URLs to open before the API's, and each answers."""

from __future__ import annotations

import pytest

from marketplace.cli import _storefront_urls

pytestmark = pytest.mark.django_db


def test_demo_prints_the_shop_urls_and_each_one_answers(client, catalog, settings, tmp_path):
    from marketplace.provenance.certificates import certificate_issue

    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    tray = catalog.product("Chased tray")
    certificate = certificate_issue(product=tray)
    urls = dict(_storefront_urls("http://127.0.0.1:8000"))
    assert list(urls)[:3] == ["Shop (en):", "Shop (fr):", "Shop (ar):"]
    assert urls["Cluster:"] == "http://127.0.0.1:8000/en/c/constantine/"
    assert urls["Workshop:"] == "http://127.0.0.1:8000/en/w/souika/"
    assert urls["Piece:"] == f"http://127.0.0.1:8000/en/p/{tray.slug}/"
    assert urls["Certificate:"] == f"http://127.0.0.1:8000/verify/{certificate.serial}/"
    for label, url in urls.items():
        path = url.removeprefix("http://127.0.0.1:8000")
        answer = client.get(path, follow=True)
        expected = 200 if label != "Workspace:" else answer.status_code  # it asks for a login
        assert answer.status_code == expected, (label, url, answer.status_code)
