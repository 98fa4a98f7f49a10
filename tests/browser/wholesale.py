"""Signing actors into the browser, and a group order in every state worth seeing, for the
wholesale browser tests."""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from marketplace.wholesale.services import allocation, payment, production, quotes
from marketplace.wholesale.services.pooling import pool_commit, pool_open
from plugins.demo_payments.gateway import DEMO_GATEWAY_ID
from tests.wholesale.scale import requested

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def shots_dir() -> Path:
    folder = Path(os.environ.get("WHOLESALE_SCREENSHOTS") or "/tmp/shots-h4")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signed_in(browser: Any, live_server: Any, user: Any, viewport: dict[str, int]) -> Any:
    """A browser context holding the user's session (made the way Django's test client makes
    it), on the given viewport."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def order_in_production() -> tuple[Any, Any]:
    """Three lines among three workshops: one share countered, one offered, versions sent and
    discussed, accepted, the deposit paid, progress reported; a pooled purchase open."""
    w, quote = requested(lines=3, workshops=3)
    today = timezone.localdate()
    promised = today + timedelta(days=30)
    lines = list(quote.lines.all())
    prices = (Decimal("16.50"), Decimal("31.00"), Decimal("7.35"))
    shares = []
    for i, line in enumerate(lines):
        share = allocation.share_assign(
            actor=w.manager,
            line_id=line.pk,
            workshop_id=w.workshops[i].pk,
            quantity=line.quantity,
            unit_price=prices[i],
            promised_date=promised,
        )
        allocation.share_respond(actor=w.owners[i], share_id=share.pk, action="ACCEPT")
        shares.append(share)
    quotes.quote_send(
        actor=w.manager,
        quote_id=quote.pk,
        packaging=Decimal("240"),
        shipping=Decimal("610"),
        expires_on=today + timedelta(days=14),
    )
    quotes.quote_request_changes(
        actor=w.buyer, quote_id=quote.pk, message="Can shipping be cheaper?"
    )
    quotes.quote_message_post(actor=w.manager, quote_id=quote.pk, body="Yes: one pallet, not two.")
    quotes.quote_send(
        actor=w.manager,
        quote_id=quote.pk,
        packaging=Decimal("240"),
        shipping=Decimal("545.50"),
        expires_on=today + timedelta(days=14),
    )
    quotes.quote_accept(actor=w.buyer, quote_id=quote.pk)
    payment.quote_pay(actor=w.buyer, quote_id=quote.pk, kind="DEPOSIT", gateway_id=DEMO_GATEWAY_ID)
    production.progress_report(
        actor=w.owners[0], share_id=shares[0].pk, progress=60, quality_passed=True
    )
    production.progress_report(actor=w.owners[1], share_id=shares[1].pk, progress=25)
    pool = pool_open(
        actor=w.manager,
        cluster_id=w.cluster.pk,
        material="Copper sheet 0.8 mm",
        supplier="Cuivre Annaba",
        currency="EUR",
        deadline=timezone.now() + timedelta(days=7),
        tiers=[(Decimal(0), Decimal("9.80")), (Decimal(500), Decimal("8.90"))],
    )
    pool_commit(
        actor=w.owners[0], purchase_id=pool.pk, workshop_id=w.workshops[0].pk, quantity=Decimal(120)
    )
    pool_commit(
        actor=w.owners[2], purchase_id=pool.pk, workshop_id=w.workshops[2].pk, quantity=Decimal(80)
    )
    return w, quote
