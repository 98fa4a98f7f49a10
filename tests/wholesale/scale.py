"""A group order of ``lines`` lines shared among ``workshops`` workshops, for the query-count
test and bench/wholesale_quote.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.wholesale.services import allocation, payment, quotes, shipment
from marketplace.wholesale.services.requests import LineInput, quote_request
from plugins.demo_payments.gateway import DEMO_GATEWAY_ID

from .world import World, build


def requested(*, lines: int, workshops: int, tag: str = "") -> tuple[World, Any]:
    w = build(workshops=workshops, products=lines, tag=tag)
    quote = quote_request(
        user=w.buyer,
        cluster_id=w.cluster.pk,
        lines=[LineInput(quantity=100 + i, product_id=p.pk) for i, p in enumerate(w.products)],
        target_date=timezone.localdate() + timedelta(days=90),
        destination_country="FR",
        destination_address="Marseille",
        incoterm="DDP",
    )
    return w, quote


def allocate(w: World, quote: Any) -> list[Any]:
    promised = timezone.localdate() + timedelta(days=30)
    shares = []
    for i, line in enumerate(quote.lines.all()):
        k = i % len(w.workshops)
        share = allocation.share_assign(
            actor=w.manager,
            line_id=line.pk,
            workshop_id=w.workshops[k].pk,
            quantity=line.quantity,
            unit_price=Decimal("12.37"),
            promised_date=promised,
        )
        allocation.share_respond(actor=w.owners[k], share_id=share.pk, action="ACCEPT")
        shares.append(share)
    return shares


def send(w: World, quote: Any) -> Any:
    return quotes.quote_send(
        actor=w.manager,
        quote_id=quote.pk,
        packaging=Decimal("100"),
        shipping=Decimal("500"),
        expires_on=timezone.localdate() + timedelta(days=10),
    )


def ready_to_ship(w: World, quote: Any, shares: list[Any]) -> None:
    quotes.quote_accept(actor=w.buyer, quote_id=quote.pk)
    payment.quote_pay(actor=w.buyer, quote_id=quote.pk, kind="BALANCE", gateway_id=DEMO_GATEWAY_ID)
    for share in shares:
        shipment.share_receive(actor=w.manager, share_id=share.pk, quantity=share.quantity)
    shipment.shipment_pack(
        actor=w.manager,
        quote_id=quote.pk,
        boxes=[shipment.BoxInput(Decimal("20"), [(s.pk, s.quantity)]) for s in shares],
    )
