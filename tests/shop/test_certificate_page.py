"""The certificate page: the genuine piece's photos, its sale history in plain words with no
buyer's personal data, and a rate-limited "report a suspicious scan" that is stored."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

from marketplace.authenticity.models import ScanReport
from marketplace.authenticity.reports import REPORTS_PER_IP
from marketplace.orders.models import Order
from marketplace.provenance.certificates import certificate_issue
from tests.commerce import Shop, checkout_ready, complete, pay

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, data: dict[str, object]):
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


@pytest.fixture
def sold(gql, catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    shop = Shop(catalog)
    checkout_id = checkout_ready(gql, [{"variantId": shop.variant_id(shop.tray), "quantity": 1}])
    assert pay(gql, checkout_id)["errors"] == []
    complete(gql, checkout_id)
    order = Order.objects.get()
    return certificate_issue(product=shop.tray, order_reference=f"order #{order.number}"), order


def test_certificate_shows_the_pieces_photos_and_its_sale_in_plain_words(client, sold):
    certificate, order = sold
    html = client.get(f"/fr/verify/{certificate.serial}/").content.decode()
    assert 'id="photos"' in html and "<picture>" in html.split('id="photos"')[1]
    sales = html.split('id="sales"')[1].split("</section>")[0]
    assert "France" in sales  # the buyer's country, named in French
    # No personal data of the buyer: not their name, e-mail, street or city.
    address = order.shipping_address
    for private in (
        order.user_email,
        address.first_name,
        address.last_name,
        address.street_address_1,
    ):
        assert private not in html
    english = client.get(f"/en/verify/{certificate.serial}/").content.decode()
    assert "to a buyer in France." in english


def test_unsold_piece_says_so(client, catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    certificate = certificate_issue(product=catalog.product("Sniwa tray"))
    html = client.get(f"/en/verify/{certificate.serial}/").content.decode()
    assert "has not been sold through the marketplace yet" in html


def test_suspicious_scan_report_is_stored_and_rate_limited(client, sold):
    certificate, _order = sold
    url = f"/en/verify/{certificate.serial}/"
    bad = post(client, url, {"reason": "NONSENSE"})
    assert bad.status_code == 200 and ScanReport.objects.count() == 0
    assert 'id="report" open' in bad.content.decode()
    sent = post(client, url, {"reason": "OTHER_SELLER", "where": "A market stall", "note": "x"})
    assert sent.status_code == 302
    report = ScanReport.objects.get()
    assert (report.certificate, report.reason, report.where) == (
        certificate,
        "OTHER_SELLER",
        "A market stall",
    )
    assert "127.0.0.1" not in report.reporter  # a keyed hash, not the address
    assert "The piece&#x27;s cluster will look into" in client.get(url).content.decode()
    for _ in range(REPORTS_PER_IP):
        last = post(client, url, {"reason": "OTHER"})
    assert ScanReport.objects.count() == REPORTS_PER_IP
    assert "Too many reports from here." in last.content.decode()
    # Another reporter is not held back by the first one's limit.
    assert post(Client(REMOTE_ADDR="10.1.2.3"), url, {"reason": "OTHER"}).status_code == 302
    assert ScanReport.objects.count() == REPORTS_PER_IP + 1


def test_unknown_serial_has_no_report_form(client, catalog):
    response = client.get("/en/verify/AAAAA-BBBBB-CCCCC-DDDDD/")
    assert response.status_code == 404 and 'id="report-form"' not in response.content.decode()
    answer = post(client, "/en/verify/AAAAA-BBBBB-CCCCC-DDDDD/", {"reason": "OTHER"})
    assert answer.status_code == 404 and ScanReport.objects.count() == 0
