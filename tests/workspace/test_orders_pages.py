"""The artisan's Orders pages from outside: the inbox with what the buyer chose, accept,
pack, ship in two parts with carrier and tracking (the buyer mailed in their language, the
stock leaving piece by piece, the share credited once the last piece leaves), and the papers'
text: HS codes, origin, values, weights, certificate serials."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from pypdf import PdfReader

from marketplace.inventory.models import Stock
from marketplace.orders.models import OrderLine, ParcelShipment
from marketplace.payouts.models import LedgerEntry
from marketplace.provenance.certificates import certificate_issue

from .orders_world import build_world, place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    return build_world(catalog)


def pdf_text(response) -> str:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def base(world, parcel=None) -> str:
    url = f"/fr/workspace/w/{world.workshop_a.slug}/orders/"
    return f"{url}{parcel.pk}/" if parcel is not None else url


def test_the_inbox_lists_the_workshops_parcels_with_packaging_and_gift_message(world):
    parcel = place_order(world, pieces=[(world.product, 2)], number=501)
    place_order(world, pieces=[(world.product, 1)], number=502, vendor=world.workshop_b)
    body = world.client("artisan_a").get(base(world)).content.decode()
    assert f'data-id="{parcel.pk}"' in body
    assert "Gift box" in body and "Joyeux anniversaire, Leila" in body
    assert body.count('data-testid="parcel"') == 1  # not workshop B's
    assert 'data-stage="new"' in body


def test_accept_pack_then_ship_in_two_parts(world, django_capture_on_commit_callbacks):
    parcel = place_order(world, pieces=[(world.product, 2), (world.ewer, 1)], number=601)
    client = world.client("artisan_a")
    tray, ewer = sorted(parcel.lines.all(), key=lambda line: line.product_name)
    stock = Stock.objects.get(product_variant=tray.variant)
    assert client.post(base(world, parcel) + "accept/").status_code == 302
    assert client.post(base(world, parcel) + "pack/").status_code == 302
    parcel.refresh_from_db()
    assert parcel.accepted_at and parcel.packed_at
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            base(world, parcel) + "ship/",
            {
                f"line-{tray.pk}": "1",
                f"line-{ewer.pk}": "0",
                "carrier": "Colissimo",
                "tracking_number": "CP123456789FR",
            },
        )
    assert response.status_code == 302
    parcel.refresh_from_db()
    assert parcel.status == "PARTIALLY_FULFILLED"
    assert LedgerEntry.objects.filter(vendor_order=parcel).count() == 0  # not yet earned
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (499, 1)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["claire@example.com"]
    assert "CP123456789FR" in mail.outbox[0].body and "Colissimo" in mail.outbox[0].body
    assert "1 x Chased tray" in mail.outbox[0].body
    page = client.get(base(world, parcel)).content.decode()
    assert "CP123456789FR" in page and 'data-stage="partial"' in page
    # the rest
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            base(world, parcel) + "ship/",
            {f"line-{tray.pk}": "1", f"line-{ewer.pk}": "1", "carrier": "DHL",
             "tracking_number": "JD0000000002"},
        )  # fmt: skip
    assert response.status_code == 302
    parcel.refresh_from_db()
    assert parcel.status == "FULFILLED" and parcel.order.status == "FULFILLED"
    assert ParcelShipment.objects.filter(vendor_order=parcel).count() == 2
    share = LedgerEntry.objects.get(vendor_order=parcel, kind="SALE")
    # 2 x 100 + 250 + 6 packaging + 15 shipping = 471; 12 % = 56.52; 3 % = 14.13
    assert share.amount == Decimal("400.35")
    assert [line.quantity_fulfilled for line in OrderLine.objects.filter(vendor_order=parcel)
            .order_by("product_name")] == [2, 1]  # fmt: skip


def test_the_shipped_mail_is_written_in_the_buyers_language(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from django.utils import translation

    from marketplace.orders import tasks

    seen = []
    real = tasks.gettext

    def spy(text):
        seen.append(translation.get_language())
        return real(text)

    monkeypatch.setattr(tasks, "gettext", spy)
    parcel = place_order(world, pieces=[(world.product, 1)], number=611)
    parcel.order.language_code = "ar"
    parcel.order.save()
    line = parcel.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        world.client("artisan_a").post(
            base(world, parcel) + "ship/",
            {f"line-{line.pk}": "1", "carrier": "Aramex", "tracking_number": "AR1"},
        )
    assert seen and set(seen) == {"ar"}
    assert "AR1" in mail.outbox[0].body


def test_bad_ship_input_names_the_field_and_changes_nothing(world):
    parcel = place_order(world, pieces=[(world.product, 2)], number=621)
    line = parcel.lines.get()
    client = world.client("artisan_a")
    too_many = client.post(base(world, parcel) + "ship/", {f"line-{line.pk}": "3", "carrier": "X"})
    assert too_many.status_code == 400
    assert "2" in too_many.content.decode()
    no_carrier = client.post(base(world, parcel) + "ship/", {f"line-{line.pk}": "1"})
    assert no_carrier.status_code == 400 and 'role="alert"' in no_carrier.content.decode()
    nothing = client.post(base(world, parcel) + "ship/", {f"line-{line.pk}": "0", "carrier": "X"})
    assert nothing.status_code == 400
    parcel.refresh_from_db()
    assert parcel.status == "UNFULFILLED" and not parcel.shipments.exists()
    assert Stock.objects.get(product_variant=line.variant).quantity == 500


def test_the_papers_carry_hs_codes_origin_values_weights_and_serials(world):
    parcel = place_order(world, pieces=[(world.product, 2), (world.ewer, 1)], number=701)
    serials = [
        certificate_issue(
            product=line.variant.product, variant=line.variant, order_reference="order #701"
        ).serial
        for line in parcel.lines.all()
        for _ in range(line.quantity)
    ]
    client = world.client("artisan_a")
    papers = base(world, parcel) + "papers/"
    customs = pdf_text(client.get(papers + "customs.pdf"))
    assert "CN 23" in customs
    for fact in ("741810", "741999", "DZ", "200.00 EUR", "250.00 EUR", "450.00 EUR", "3.600",
                 "5.400", "Chased tray", "Paris"):  # fmt: skip
        assert fact in customs, fact
    invoice = pdf_text(client.get(papers + "invoice.pdf"))
    for fact in ("741810", "DZ", "100.00 EUR", "471.00 EUR", "#701", serials[0]):
        assert fact in invoice, fact
    slip = pdf_text(client.get(papers + "packing-slip.pdf"))
    assert "Joyeux anniversaire, Leila" in slip and "Gift box" in slip
    certificates = client.get(papers + "certificates.pdf")
    text = pdf_text(certificates)
    assert len(PdfReader(BytesIO(certificates.content)).pages) == 3
    for serial in serials:
        assert serial in text
    assert f"/verify/{serials[0]}" in text


def test_a_partial_shipments_papers_list_only_its_pieces_and_what_follows(world):
    parcel = place_order(world, pieces=[(world.product, 2)], number=711)
    line = parcel.lines.get()
    client = world.client("artisan_a")
    client.post(base(world, parcel) + "ship/", {f"line-{line.pk}": "1", "carrier": "Colissimo"})
    papers = base(world, parcel) + "papers/"
    customs = pdf_text(client.get(papers + "customs.pdf?shipment=1"))
    assert "100.00 EUR" in customs and "CN 22" in customs  # 100 EUR is under 300 SDR
    slip = pdf_text(client.get(papers + "packing-slip.pdf?shipment=1"))
    assert "1 x Chased tray" in slip  # still to follow
    assert client.get(papers + "customs.pdf?shipment=9").status_code == 404


def test_a_domestic_parcel_has_no_customs_declaration(world):
    parcel = place_order(world, pieces=[(world.product, 1)], number=721, country="DZ",
                         customs_form="")  # fmt: skip
    client = world.client("artisan_a")
    assert client.get(base(world, parcel) + "papers/customs.pdf").status_code == 404
    page = client.get(base(world, parcel)).content.decode()
    assert "aucune déclaration en douane" in page  # the French page
    assert client.get(base(world, parcel) + "papers/nonsense.pdf").status_code == 404


def test_pages_render_in_arabic_right_to_left(world):
    parcel = place_order(world, pieces=[(world.product, 1)], number=731)
    client = world.client("artisan_a")
    for url in (
        base(world),
        base(world, parcel),
        f"/ar/workspace/w/{world.workshop_a.slug}/money/",
    ):
        body = client.get(url.replace("/fr/", "/ar/")).content.decode()
        assert 'dir="rtl"' in body


def test_refunding_the_pieces_still_to_ship_completes_a_partly_shipped_parcel(world):
    from marketplace.orders.services import order_refund_lines

    parcel = place_order(world, pieces=[(world.product, 2)], number=741)
    line = parcel.lines.get()
    client = world.client("artisan_a")
    client.post(base(world, parcel) + "ship/", {f"line-{line.pk}": "1", "carrier": "Colissimo"})
    order_refund_lines(
        actor=world.users["staff"], order_id=parcel.order_id, lines=[(line.pk, 1)], key="r1"
    )
    parcel.refresh_from_db()
    assert parcel.status == "FULFILLED" and parcel.refunded == Decimal("103.00")
    # 221.00 paid - 103.00 refunded (a piece and its share of packaging) = 118.00
    # commission 14.16, cluster fee 3.54, share 100.30
    assert LedgerEntry.objects.get(vendor_order=parcel, kind="SALE").amount == Decimal("100.30")
    stock = Stock.objects.get(product_variant=line.variant)
    assert (stock.quantity, stock.quantity_allocated) == (499, 0)
