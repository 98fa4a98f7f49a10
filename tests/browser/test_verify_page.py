from __future__ import annotations

import pytest

from marketplace.accounts.models import User
from marketplace.provenance.certificates import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def certificate(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return certificate_issue(product=catalog.product("Sniwa tray"))


def test_buyer_scans_a_genuine_certificate(page, live_server, certificate, tmp_path):
    page.goto(f"{live_server.url}/verify/{certificate.serial}/")
    assert page.locator("#status").get_attribute("data-status") == "VALID"
    assert page.locator("#status").inner_text() == "✔ Genuine"
    assert "Sniwa tray" in page.locator("#facts").inner_text()
    assert "Atelier Souika, Constantine" in page.locator("#facts").inner_text()
    assert page.locator(".qr svg").count() == 1
    page.screenshot(path=str(tmp_path / "verify.png"), full_page=True)


def test_buyer_sees_a_revoked_certificate_and_an_unknown_serial(page, live_server, certificate):
    staff = User.objects.create_user("staff@example.com", "pw-123456789", is_staff=True)
    certificate_revoke(serial=certificate.serial, actor=staff, reason="Reported as a copy")
    page.goto(f"{live_server.url}/verify/{certificate.serial}/")
    assert page.locator("#status").get_attribute("data-status") == "REVOKED"
    assert "Reported as a copy" in page.locator("#revocation").inner_text()

    response = page.goto(f"{live_server.url}/verify/AAAAA-BBBBB-CCCCC-DDDDD/")
    assert response.status == 404
    assert page.locator("#status").get_attribute("data-status") == "UNKNOWN"
