"""Money to the cent (ledger page, balances, statement CSV and PDF), query counts flat in the
number of orders, and every Orders/Money page and action tried by the seven actors: the
wrong actor gets the 404 a missing parcel gets, and nothing changes."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from marketplace.orders.fulfilment import vendor_order_ship
from marketplace.orders.models import OrderEvent, ParcelShipment, VendorOrder
from marketplace.payouts.models import LedgerEntry, Payout, PayoutStatus
from marketplace.payouts.services import payouts_create
from marketplace.provenance.certificates import certificate_issue

from .orders_world import ACTORS, ALLOWED, build_world, place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return build_world(catalog)


def ship_all(world, parcel) -> None:
    vendor_order_ship(
        actor=world.users["artisan_a"],
        vendor_order_id=parcel.pk,
        quantities={line.pk: line.quantity for line in parcel.lines.all()},
        carrier="Colissimo",
        tracking_number="CP1",
    )


def test_the_ledger_shows_each_orders_split_to_the_cent_and_the_balances(world):
    shipped = place_order(world, pieces=[(world.product, 2)], number=801)
    paid = place_order(world, pieces=[(world.ewer, 1)], number=802)
    waiting = place_order(world, pieces=[(world.product, 1)], number=803)
    ship_all(world, paid)
    payouts_create(currency="EUR")  # pays 802's share
    ship_all(world, shipped)
    body = world.client("artisan_a").get(f"/fr/workspace/w/{world.workshop_a.slug}/money/")
    html = body.content.decode()
    # 801: 200 + 6 + 15 = 221.00; 12 % = 26.52, 3 % = 6.63, net 187.85
    assert 'data-order="801" data-state="earned"' in html and 'data-net="187.85"' in html
    # 802: 250 + 6 + 15 = 271.00; 32.52 and 8.13; net 230.35, paid out
    assert (
        'data-order="802" data-state="paid"' in html
        or 'data-order="802" data-state="in_transit"' in html
    )
    assert 'data-net="230.35"' in html
    # 803 not shipped: projected 100 + 6 + 15 = 121.00 -> 14.52, 3.63, 102.85
    assert 'data-order="803" data-state="upcoming"' in html and 'data-net="102.85"' in html
    assert "26,52" in html and "6,63" in html  # French number format
    from marketplace.payouts.selectors import workshop_balances

    (eur,) = workshop_balances(vendor_id=world.workshop_a.pk)
    assert eur.earned == Decimal("418.20")
    assert eur.to_pay == Decimal("187.85")
    assert eur.in_transit + eur.paid == Decimal("230.35")
    assert eur.upcoming == Decimal("102.85")
    assert eur.earned == eur.to_pay + eur.in_transit + eur.paid
    assert waiting.status == "UNFULFILLED"


def test_the_statement_csv_adds_up_to_the_cent(world):
    first = place_order(world, pieces=[(world.product, 2)], number=811)
    second = place_order(world, pieces=[(world.ewer, 1)], number=812)
    ship_all(world, first)
    payouts_create(currency="EUR")
    ship_all(world, second)
    month = timezone.localdate().strftime("%Y-%m")
    url = f"/fr/workspace/w/{world.workshop_a.slug}/money/statement.csv?currency=EUR&month={month}"
    response = world.client("artisan_a").get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["type"] for r in rows] == ["OPENING", "SALE", "PAYOUT", "SALE", "CLOSING"]
    sale = rows[1]
    assert (sale["order"], sale["pieces"], sale["packaging"], sale["shipping"]) == (
        "811", "200.00", "6.00", "15.00")  # fmt: skip
    assert (sale["gross"], sale["commission"], sale["cluster_fee"], sale["net"]) == (
        "221.00", "26.52", "6.63", "187.85")  # fmt: skip
    assert rows[2]["net"] == "-187.85" and rows[2]["balance"] == "0.00"
    assert rows[3]["net"] == "230.35" and rows[4]["balance"] == "230.35"
    pdf = world.client("artisan_a").get(url.replace("statement.csv", "statement.pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "187.85" in text and "230.35" in text and "#811" in text
    bad = world.client("artisan_a").get(url.replace(month, "2026-13"))
    assert bad.status_code == 404
    other = world.client("artisan_a").get(url.replace("EUR", "TND"))
    assert other.status_code == 404


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["orders/?stage=all", "money/"])
def test_inbox_and_ledger_cost_the_same_queries_for_10_and_50_orders(world, page):
    client = world.client("artisan_a")
    url = f"/fr/workspace/w/{world.workshop_a.slug}/{page}"
    for number in range(10):
        parcel = place_order(
            world, pieces=[(world.product, 1), (world.ewer, 1)], number=1000 + number
        )
        if number % 2:
            ship_all(world, parcel)
    small = _count(client, url)
    for number in range(10, 50):
        parcel = place_order(
            world, pieces=[(world.product, 1), (world.ewer, 1)], number=1000 + number
        )
        if number % 2:
            ship_all(world, parcel)
    assert _count(client, url) == small


def _state() -> tuple:
    return (
        list(VendorOrder.objects.order_by("pk").values_list("status", "accepted_at", "packed_at")),
        ParcelShipment.objects.count(),
        LedgerEntry.objects.count(),
        OrderEvent.objects.count(),
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_every_page_and_action_answers_the_wrong_actor_as_missing(world, actor):
    parcel = place_order(world, pieces=[(world.product, 1)], number=901)
    line = parcel.lines.get()
    certificate_issue(product=world.product, variant=line.variant, order_reference="order #901")
    shipped = place_order(world, pieces=[(world.ewer, 1)], number=902)
    ship_all(world, shipped)
    slug = world.workshop_a.slug
    root = f"/fr/workspace/w/{slug}"
    missing = 999_999
    reads = [
        f"{root}/orders/",
        f"{root}/orders/{{id}}/",
        f"{root}/orders/{{id}}/papers/packing-slip.pdf",
        f"{root}/orders/{{id}}/papers/customs.pdf",
        f"{root}/orders/{{id}}/papers/invoice.pdf",
        f"{root}/orders/{{id}}/papers/certificates.pdf",
        f"{root}/orders/{{shipped}}/papers/customs.pdf?shipment=1",
        f"{root}/money/",
        f"{root}/money/statement.csv?currency=EUR",
        f"{root}/money/statement.pdf?currency=EUR",
    ]
    writes = {
        f"{root}/orders/{{id}}/accept/": {},
        f"{root}/orders/{{id}}/pack/": {},
        f"{root}/orders/{{id}}/ship/": {f"line-{line.pk}": "1", "carrier": "Colissimo"},
    }
    client = world.client(actor)
    before = _state()
    for template in reads:
        url = template.format(id=parcel.pk, shipped=shipped.pk)
        response = client.get(url)
        if actor == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], url
        elif actor in ALLOWED:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, url
            assert client.get(template.format(id=missing, shipped=missing)).status_code == 404
    # workshop B's own parcel is missing for A's artisan, even on A's... and on B's slug
    parcel_b = place_order(world, pieces=[(world.product, 1)], number=903, vendor=world.workshop_b)
    if actor == "artisan_a":
        assert client.get(f"{root}/orders/{parcel_b.pk}/").status_code == 404
        assert client.get(f"/fr/workspace/w/{world.workshop_b.slug}/orders/").status_code == 404
    before = _state()
    for template, data in writes.items():
        if actor in ALLOWED:
            continue
        response = client.post(template.format(id=parcel.pk), data)
        if actor == "anonymous":
            # the login redirect, or the upload guard's refusal of an anonymous form post
            assert response.status_code in (302, 403)
        else:
            assert response.status_code == 404
            assert client.post(template.format(id=missing), data).status_code == 404
    assert _state() == before
    if actor in ALLOWED:
        for template, data in writes.items():
            assert client.post(template.format(id=parcel.pk), data).status_code == 302
        parcel.refresh_from_db()
        assert parcel.status == "FULFILLED"


def test_a_failed_payout_is_credited_back_and_the_parcel_is_earned_again(world):
    parcel = place_order(world, pieces=[(world.product, 2)], number=951)
    ship_all(world, parcel)
    (payout,) = [p for p in payouts_create(currency="EUR") if p.vendor_id == world.workshop_a.pk]
    from marketplace.payouts.services import _fail

    _fail(payout)
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED
    from marketplace.payouts.selectors import workshop_balances, workshop_ledger

    (row,) = workshop_ledger(vendor_id=world.workshop_a.pk)
    assert row.state == "earned" and row.net == Decimal("187.85")
    (eur,) = workshop_balances(vendor_id=world.workshop_a.pk)
    assert (eur.to_pay, eur.in_transit, eur.paid) == (Decimal("187.85"), 0, 0)
    assert Payout.objects.filter(vendor=world.workshop_a).count() == 1
