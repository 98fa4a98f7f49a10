"""Quote pricing, the PDFs, the manager's boards and settlement cost the same SQL for 5 lines
as for 50 (and per share assigned, allocation costs the same whatever the order's size)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.wholesale.pdf import commercial_invoice_pdf, quote_version_pdf
from marketplace.wholesale.services import allocation, production, shipment
from marketplace.wholesale.services.settlement import ledger_total

from .scale import allocate, ready_to_ship, requested, send

pytestmark = pytest.mark.django_db


def _counts(lines: int, workshops: int, tag: str) -> dict[str, int]:
    w, quote = requested(lines=lines, workshops=workshops, tag=tag)
    allocate(w, quote)
    counts = {}
    with CaptureQueriesContext(connection) as ctx:
        version = send(w, quote)
    counts["send"] = len(ctx)
    with CaptureQueriesContext(connection) as ctx:
        quote_version_pdf(version)
    counts["quote pdf"] = len(ctx)
    with CaptureQueriesContext(connection) as ctx:
        allocation.member_loads(actor=w.manager, quote_id=quote.pk)
        production.production_board(actor=w.manager, quote_id=quote.pk)
    counts["boards"] = len(ctx)
    shares = [s for line in quote.lines.all() for s in line.shares.all()]
    ready_to_ship(w, quote, shares)
    with CaptureQueriesContext(connection) as ctx:
        shipment.shipment_dispatch(
            actor=w.manager, quote_id=quote.pk, carrier="DHL", tracking_number="T1"
        )
    counts["dispatch+settle"] = len(ctx)
    quote.refresh_from_db()
    with CaptureQueriesContext(connection) as ctx:
        commercial_invoice_pdf(quote.shipment)
    counts["invoice pdf"] = len(ctx)
    assert ledger_total(quote=quote) == quote.accepted_version.total
    assert quote.accepted_version.total > Decimal(0)
    return counts


def test_query_counts_are_flat_in_the_number_of_lines():
    small = _counts(5, 3, "s")
    large = _counts(50, 12, "l")
    assert small == large, (small, large)
