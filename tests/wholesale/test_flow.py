"""The whole group order, from request to settlement, through the domain services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from marketplace.core.errors import DomainError, NotFound
from marketplace.payouts.ledger import balance
from marketplace.wholesale.models import QuoteStatus, ShareStatus
from marketplace.wholesale.pdf import commercial_invoice_pdf, quote_version_pdf
from marketplace.wholesale.services import allocation, payment, production, quotes, shipment
from marketplace.wholesale.services.requests import LineInput, quote_request
from marketplace.wholesale.services.settlement import ledger_total
from plugins.demo_payments.gateway import DEMO_GATEWAY_ID

from .world import build

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_request_is_checked_against_the_cluster_minimums():
    w = build()
    soon = timezone.localdate() + timedelta(days=60)
    common = dict(
        cluster_id=w.cluster.pk,
        target_date=soon,
        destination_country="FR",
        destination_address="Marseille",
        incoterm="DDP",
    )
    with pytest.raises(DomainError) as few:
        quote_request(
            user=w.buyer, lines=[LineInput(quantity=5, product_id=w.products[0].pk)], **common
        )
    assert (few.value.field, few.value.code) == ("lines.0.quantity", "QUANTITY_BELOW_MINIMUM")
    with pytest.raises(DomainError) as small:
        quote_request(
            user=w.buyer, lines=[LineInput(quantity=20, product_id=w.products[0].pk)], **common
        )
    assert small.value.code == "ORDER_BELOW_MINIMUM"
    with pytest.raises(NotFound):  # not an approved business: as if the cluster did not exist
        quote_request(
            user=w.other_buyer,
            lines=[LineInput(quantity=200, product_id=w.products[0].pk)],
            **common,
        )


def test_group_order_end_to_end(django_capture_on_commit_callbacks):
    w = build()
    today = timezone.localdate()
    target = today + timedelta(days=90)
    quote = quote_request(
        user=w.buyer,
        cluster_id=w.cluster.pk,
        lines=[
            LineInput(quantity=120, product_id=w.products[0].pk),
            LineInput(quantity=60, product_id=w.products[1].pk),
            LineInput(quantity=200, product_id=w.products[2].pk),
        ],
        target_date=target,
        destination_country="FR",
        destination_address="12 rue de la République, Marseille",
        incoterm="DDP",
        packaging="Cluster's branded boxes",
        message="For our spring window.",
    )
    lines = list(quote.lines.all())
    a, b, c = w.workshops
    oa, ob, oc = w.owners
    promised = today + timedelta(days=40)
    s1 = allocation.share_assign(
        actor=w.manager,
        line_id=lines[0].pk,
        workshop_id=a.pk,
        quantity=120,
        unit_price=Decimal("16.50"),
        promised_date=promised,
    )
    s2 = allocation.share_assign(
        actor=w.manager,
        line_id=lines[1].pk,
        workshop_id=b.pk,
        quantity=60,
        unit_price=Decimal("31.00"),
        promised_date=promised,
    )
    s3 = allocation.share_assign(
        actor=w.manager,
        line_id=lines[2].pk,
        workshop_id=c.pk,
        quantity=200,
        unit_price=Decimal("7.35"),
        promised_date=promised,
    )
    # the wrong actor: as if the share did not exist, and nothing changes
    with pytest.raises(NotFound):
        allocation.share_respond(actor=ob, share_id=s1.pk, action="ACCEPT")
    with pytest.raises(DomainError) as over:
        allocation.share_assign(
            actor=w.manager,
            line_id=lines[0].pk,
            workshop_id=b.pk,
            quantity=1,
            unit_price=Decimal("1"),
            promised_date=promised,
        )
    assert over.value.code == "QUANTITY_EXCEEDS_LINE"
    loads = {m.workshop.pk: m for m in allocation.member_loads(actor=w.manager, quote_id=quote.pk)}
    assert loads[c.pk].pieces_in_hand == 200 and loads[c.pk].pieces_per_week == 42

    allocation.share_respond(actor=oa, share_id=s1.pk, action="ACCEPT")
    allocation.share_respond(actor=oc, share_id=s3.pk, action="DECLINE", note="No copper left")
    allocation.share_respond(
        actor=ob,
        share_id=s2.pk,
        action="COUNTER",
        unit_price=Decimal("33.00"),
        promised_date=promised + timedelta(days=5),
    )
    allocation.share_counter_settle(actor=w.manager, share_id=s2.pk, agree=True)
    # the declined 200 bowls go back to be shared again: split between a and b
    s3a = allocation.share_assign(
        actor=w.manager,
        line_id=lines[2].pk,
        workshop_id=a.pk,
        quantity=120,
        unit_price=Decimal("7.35"),
        promised_date=promised,
    )
    s3b = allocation.share_assign(
        actor=w.manager,
        line_id=lines[2].pk,
        workshop_id=b.pk,
        quantity=80,
        unit_price=Decimal("7.35"),
        promised_date=promised,
    )
    allocation.share_respond(actor=oa, share_id=s3a.pk, action="ACCEPT")
    allocation.share_respond(actor=ob, share_id=s3b.pk, action="ACCEPT")

    v1 = quotes.quote_send(
        actor=w.manager,
        quote_id=quote.pk,
        packaging=Decimal("240.00"),
        shipping=Decimal("610.00"),
        expires_on=today + timedelta(days=14),
    )
    assert v1.lines_total == Decimal("1980.00") + Decimal("1980.00") + Decimal("1470.00")
    assert v1.duties == Decimal("200.91")  # 3.7 % of 5430.00, DDP: charged
    quotes.quote_request_changes(
        actor=w.buyer, quote_id=quote.pk, message="Can shipping be cheaper?"
    )
    v2 = quotes.quote_send(
        actor=w.manager,
        quote_id=quote.pk,
        packaging=Decimal("240.00"),
        shipping=Decimal("545.50"),
        expires_on=today + timedelta(days=14),
    )
    assert [v.number for v in quote.versions.all()] == [1, 2]
    assert v2.total == Decimal("5430.00") + Decimal("240.00") + Decimal("545.50") + Decimal(
        "200.91"
    )
    assert "Atelier 0" in _text(quote_version_pdf(v2))
    with pytest.raises(NotFound):
        quotes.quote_accept(actor=w.other_buyer, quote_id=quote.pk)
    quotes.quote_accept(actor=w.buyer, quote_id=quote.pk)

    deposit = payment.quote_pay(
        actor=w.buyer,
        quote_id=quote.pk,
        kind="DEPOSIT",
        gateway_id=DEMO_GATEWAY_ID,
        idempotency_key="dep-1",
    )
    again = payment.quote_pay(
        actor=w.buyer,
        quote_id=quote.pk,
        kind="DEPOSIT",
        gateway_id=DEMO_GATEWAY_ID,
        idempotency_key="dep-1",
    )
    assert deposit is not None and again is not None and deposit.pk == again.pk
    assert deposit.amount == Decimal("1924.92")  # 30 % of 6416.41, rounded to the cent
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.IN_PRODUCTION

    production.progress_report(
        actor=oa, share_id=s1.pk, progress=60, quality_passed=True, note="Hammered"
    )
    production.progress_report(actor=ob, share_id=s2.pk, progress=30)
    # b's bowls are late: promised yesterday
    type(s3b).objects.filter(pk=s3b.pk).update(promised_date=today - timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        late = production.late_shares_notify(actor=w.manager, quote_id=quote.pk)
    assert [s.pk for s in late] == [s3b.pk]
    assert production.late_shares_notify(actor=w.manager, quote_id=quote.pk) == []  # told once
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["buyer@example.com"]
    # re-share the late part to workshop c at the quoted price
    allocation.share_withdraw(actor=w.manager, share_id=s3b.pk)
    s3c = allocation.share_assign(
        actor=w.manager,
        line_id=lines[2].pk,
        workshop_id=c.pk,
        quantity=80,
        unit_price=Decimal("7.35"),
        promised_date=today + timedelta(days=20),
    )
    allocation.share_respond(actor=oc, share_id=s3c.pk, action="ACCEPT")

    for share in (s1, s2, s3a, s3c):
        share.refresh_from_db()
        shipment.share_receive(actor=w.manager, share_id=share.pk, quantity=share.quantity)
    shipment.shipment_pack(
        actor=w.manager,
        quote_id=quote.pk,
        boxes=[
            shipment.BoxInput(Decimal("96.0"), [(s1.pk, 120)]),
            shipment.BoxInput(Decimal("48.0"), [(s2.pk, 60)]),
            shipment.BoxInput(Decimal("160.0"), [(s3a.pk, 120), (s3c.pk, 80)]),
        ],
    )
    with pytest.raises(DomainError) as due:
        shipment.shipment_dispatch(
            actor=w.manager, quote_id=quote.pk, carrier="DHL", tracking_number="JD0001"
        )
    assert due.value.code == "BALANCE_DUE"
    balance_paid = payment.quote_pay(
        actor=w.buyer, quote_id=quote.pk, kind="BALANCE", gateway_id=DEMO_GATEWAY_ID
    )
    assert balance_paid is not None and balance_paid.amount == Decimal("4491.49")
    shipment.shipment_dispatch(
        actor=w.manager, quote_id=quote.pk, carrier="DHL", tracking_number="JD0001"
    )
    quote.refresh_from_db()
    invoice = _text(commercial_invoice_pdf(quote.shipment))
    for name in ("Atelier 0", "Atelier 1", "Atelier 2"):
        assert name in invoice
    assert invoice.count("HS 741810") == 4 and "JD0001" in invoice

    paid = Decimal("6416.41")
    assert payment.quote_paid(quote) == paid
    assert ledger_total(quote=quote) == paid
    members = sum((balance(vendor_id=x.pk, currency="EUR") for x in w.workshops), Decimal(0))
    cluster = balance(vendor_id=w.cluster.pk, currency="EUR")
    marketplace = balance(vendor_id=None, currency="EUR")
    assert members + cluster + marketplace == paid
    assert balance(vendor_id=c.pk, currency="EUR") > 0  # the re-shared part is credited to c
    assert cluster >= Decimal("785.50")  # packaging + shipping, plus its fee
    # a partial refund after settlement (two damaged trays): the ledger follows, to the cent
    payment.payment_refund_share(
        actor=w.staff, share_id=s1.pk, amount=Decimal("33.00"), key="damaged"
    )
    assert payment.quote_paid(quote) == paid - Decimal("33.00")
    assert ledger_total(quote=quote) == paid - Decimal("33.00")
    assert s3b.__class__.objects.get(pk=s3b.pk).status == ShareStatus.WITHDRAWN
