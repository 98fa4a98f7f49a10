"""The cluster manager's wholesale workspace: the board of group orders, and one order's page
to share lines among members (seeing capacity and load), answer counters, send versions,
follow production, tell the buyer about late parts, receive, pack and ship."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.wholesale.links import invoice_pdf_path, version_pdf_path
from marketplace.wholesale.models import (
    LIVE_SHARES,
    QuoteShare,
    QuoteStatus,
    ShareStatus,
    WholesaleQuote,
)
from marketplace.wholesale.services import allocation, payment, production, quotes, shipment
from storefront.shop.common import page
from storefront.shop.wholesale_common import POOL_STATUS, QUOTE_STATUS, SHARE_STATUS, attempt

from .access import cluster_or_404, login_required_here
from .wholesale_forms import as_date, as_decimal, as_int
from .wholesale_pools import pool_actions


@login_required_here
def board(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    if request.method == "POST":
        actions = pool_actions(request, cluster)
        action = request.POST.get("action", "")
        if action in actions:
            work, done = actions[action]
            attempt(request, work, done)
        return redirect("workspace:wholesale:board", slug=cluster.slug)
    rows = (
        WholesaleQuote.objects.filter(cluster=cluster)
        .select_related("business")
        .prefetch_related("lines__shares")
        .order_by("-created_at")[:100]
    )
    cards = []
    for quote in rows:
        agreed = [
            s for line in quote.lines.all() for s in line.shares.all() if s.status == "ACCEPTED"
        ]
        pieces = sum(s.quantity for s in agreed)
        wanted = sum(line.quantity for line in quote.lines.all())
        made = sum(s.quantity * s.progress for s in agreed)
        cards.append(
            {
                "quote": quote,
                "status": QUOTE_STATUS[quote.status],
                "wanted": wanted,
                "agreed": pieces,
                "progress": int(made / pieces) if pieces else 0,
            }
        )
    pools = cluster.pooled_purchases.prefetch_related("commitments__workshop", "tiers").order_by(
        "-deadline"
    )[:20]
    return page(
        request,
        "workspace/wholesale/board.html",
        {
            "cluster": cluster,
            "cards": cards,
            "pools": [(p, POOL_STATUS[p.status]) for p in pools],
            "now": timezone.now(),
            "currency": getattr(getattr(cluster, "wholesale_terms", None), "currency", "EUR"),
        },
        title=_("Group orders of %(name)s") % {"name": cluster.name},
    )


def _post_actions(
    request: HttpRequest, quote: WholesaleQuote
) -> dict[str, tuple[Callable[[], Any], str]]:
    user, data = request.user, request.POST
    share = lambda: as_int(data, "share")  # noqa: E731
    return {
        "assign": (
            lambda: allocation.share_assign(
                actor=user,
                line_id=as_int(data, "line"),
                workshop_id=as_int(data, "workshop"),
                quantity=as_int(data, "quantity"),
                unit_price=as_decimal(data, "unit_price"),
                promised_date=as_date(data, "promised_date"),
            ),
            _("Offered to the workshop."),
        ),
        "agree": (
            lambda: allocation.share_counter_settle(actor=user, share_id=share(), agree=True),
            _("Counter accepted."),
        ),
        "refuse": (
            lambda: allocation.share_counter_settle(actor=user, share_id=share(), agree=False),
            _("Counter refused: share the pieces again."),
        ),
        "withdraw": (
            lambda: allocation.share_withdraw(actor=user, share_id=share()),
            _("Share taken back: share the pieces again."),
        ),
        "send": (
            lambda: quotes.quote_send(
                actor=user,
                quote_id=quote.pk,
                packaging=as_decimal(data, "packaging"),
                shipping=as_decimal(data, "shipping"),
                expires_on=as_date(data, "expires_on"),
            ),
            _("The quote was sent to the buyer."),
        ),
        "message": (
            lambda: quotes.quote_message_post(
                actor=user, quote_id=quote.pk, body=data.get("body", "")
            ),
            _("Message sent."),
        ),
        "late": (
            lambda: production.late_shares_notify(actor=user, quote_id=quote.pk),
            _("The buyer is told about every late part."),
        ),
        "receive": (
            lambda: shipment.share_receive(
                actor=user, share_id=share(), quantity=as_int(data, "quantity")
            ),
            _("Received at the consolidation point."),
        ),
        "pack": (
            lambda: shipment.shipment_pack(
                actor=user,
                quote_id=quote.pk,
                boxes=[
                    shipment.BoxInput(as_decimal(data, f"weight-{s.pk}"), [(s.pk, s.quantity)])
                    for s in QuoteShare.objects.filter(
                        line__quote=quote, status=ShareStatus.ACCEPTED
                    )
                ],
            ),
            _("Packed: the commercial invoice is ready."),
        ),
        "dispatch": (
            lambda: shipment.shipment_dispatch(
                actor=user,
                quote_id=quote.pk,
                carrier=data.get("carrier", ""),
                tracking_number=data.get("tracking_number", ""),
            ),
            _("Shipped: every member's share is credited."),
        ),
    }


def _progress(rows: list[production.ShareProgress]) -> int:
    pieces = sum(row.share.quantity for row in rows)
    made = sum(row.share.quantity * row.share.progress for row in rows)
    return int(made / pieces) if pieces else 0


@login_required_here
def quote_page(request: HttpRequest, slug: str, number: str) -> HttpResponse:
    cluster = cluster_or_404(request, slug)
    quote = (
        WholesaleQuote.objects.filter(cluster=cluster, number=number)
        .select_related("business")
        .first()
    )
    if quote is None:
        raise Http404
    if request.method == "POST":
        actions = _post_actions(request, quote)
        action = request.POST.get("action", "")
        if action in actions:
            work, done = actions[action]
            attempt(request, work, done)
        return redirect("workspace:wholesale:quote", slug=cluster.slug, number=quote.number)
    shares = QuoteShare.objects.select_related("workshop").order_by("pk")
    lines: list[Any] = list(
        quote.lines.prefetch_related(Prefetch("shares", queryset=shares), "photos")
    )
    for line in lines:
        line.rows = [(s, SHARE_STATUS[s.status]) for s in line.shares.all()]
        live = sum(s.quantity for s in line.shares.all() if s.status in LIVE_SHARES)
        line.left = line.quantity - live
    loads = allocation.member_loads(actor=request.user, quote_id=quote.pk)
    board_rows = production.production_board(actor=request.user, quote_id=quote.pk)
    versions = list(quote.versions.order_by("-number"))
    shipment_row = getattr(quote, "shipment", None) if hasattr(quote, "shipment") else None
    return page(
        request,
        "workspace/wholesale/quote.html",
        {
            "cluster": cluster,
            "quote": quote,
            "status": QUOTE_STATUS[quote.status],
            "lines": lines,
            "loads": loads,
            "production": board_rows,
            "late_count": sum(1 for row in board_rows if row.late and not row.share.late_notified),
            "late_total": sum(1 for row in board_rows if row.late),
            "progress": _progress(board_rows),
            "versions": [
                (v, version_pdf_path(quote_id=quote.pk, number=v.number)) for v in versions
            ],
            "sharing": quote.status in allocation.RESHARE_STATES,
            "sendable": quote.status
            in (
                QuoteStatus.REQUESTED,
                QuoteStatus.ALLOCATING,
                QuoteStatus.CHANGES_REQUESTED,
                QuoteStatus.SENT,
            ),
            "in_production": quote.status == QuoteStatus.IN_PRODUCTION,
            "balance_due": payment.amount_due(quote, kind="BALANCE"),
            "paid": payment.quote_paid(quote),
            "shipment": shipment_row,
            "invoice_url": invoice_pdf_path(quote_id=quote.pk) if shipment_row else None,
            "thread": quote.messages.select_related("author"),
        },
        title=_("Group order %(number)s") % {"number": quote.number},
    )
