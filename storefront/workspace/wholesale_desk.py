"""A member workshop's wholesale workspace: the shares its cluster offered it (accept, counter
or decline), progress and quality reports on the shares it makes, and pooled purchases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.wholesale.models import (
    PooledPurchase,
    PoolStatus,
    QuoteShare,
    ShareStatus,
    WorkshopCapacity,
)
from marketplace.wholesale.services import allocation, pooling, production
from storefront.shop.common import page
from storefront.shop.wholesale_common import POOL_STATUS, QUOTE_STATUS, SHARE_STATUS, attempt

from .access import login_required_here, workshop_or_404
from .wholesale_forms import as_decimal, as_int, opt_date, opt_decimal, opt_int


def _actions(request: HttpRequest, workshop_id: int) -> dict[str, tuple[Callable[[], Any], str]]:
    user, data = request.user, request.POST
    share = lambda: as_int(data, "share")  # noqa: E731
    note = data.get("note", "")
    quality = {"yes": True, "no": False}.get(data.get("quality", ""))
    return {
        "accept": (
            lambda: allocation.share_respond(
                actor=user, share_id=share(), action="ACCEPT", note=note
            ),
            _("Accepted: the cluster counts on these pieces."),
        ),
        "decline": (
            lambda: allocation.share_respond(
                actor=user, share_id=share(), action="DECLINE", note=note
            ),
            _("Declined: the cluster will share these pieces again."),
        ),
        "counter": (
            lambda: allocation.share_respond(
                actor=user,
                share_id=share(),
                action="COUNTER",
                quantity=opt_int(data, "quantity"),
                unit_price=opt_decimal(data, "unit_price"),
                promised_date=opt_date(data, "promised_date"),
                note=note,
            ),
            _("Your counter went to the cluster's manager."),
        ),
        "report": (
            lambda: production.progress_report(
                actor=user,
                share_id=share(),
                progress=as_int(data, "progress"),
                quality_passed=quality,
                note=note,
                photo=request.FILES.get("photo"),
            ),
            _("Progress reported."),
        ),
        "capacity": (
            lambda: production.capacity_state(
                actor=user, workshop_id=workshop_id, pieces_per_week=as_int(data, "pieces_per_week")
            ),
            _("Your weekly capacity is saved: your cluster sees it when sharing orders."),
        ),
        "commit": (
            lambda: pooling.pool_commit(
                actor=user,
                purchase_id=as_int(data, "purchase"),
                workshop_id=workshop_id,
                quantity=as_decimal(data, "quantity"),
            ),
            _("Your quantity is counted in the pooled purchase."),
        ),
    }


@login_required_here
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    if request.method == "POST":
        actions = _actions(request, workshop.pk)
        action = request.POST.get("action", "")
        if action in actions:
            work, done = actions[action]
            attempt(request, work, done)
        return redirect("workspace:wholesale:desk", slug=workshop.slug)
    shares = list(
        QuoteShare.objects.filter(workshop=workshop)
        .exclude(status__in=[ShareStatus.WITHDRAWN, ShareStatus.DECLINED])
        .select_related("line__quote__cluster")
        .order_by("promised_date", "pk")[:100]
    )
    rows = [
        {
            "share": s,
            "status": SHARE_STATUS[s.status],
            "quote_status": QUOTE_STATUS[s.line.quote.status],
            "value": s.unit_price * s.quantity,
            "producing": s.status == ShareStatus.ACCEPTED
            and s.line.quote.status == "IN_PRODUCTION",
        }
        for s in shares
    ]
    pools = (
        PooledPurchase.objects.filter(cluster_id=workshop.cluster_id)
        .prefetch_related("tiers", "commitments")
        .order_by("-deadline")[:20]
        if workshop.cluster_id
        else []
    )
    pool_rows = [
        {
            "pool": p,
            "status": POOL_STATUS[p.status],
            "mine": next((c for c in p.commitments.all() if c.workshop_id == workshop.pk), None),
            "total": sum(c.quantity for c in p.commitments.all()),
            "open": p.status == PoolStatus.OPEN,
        }
        for p in pools
    ]
    return page(
        request,
        "workspace/wholesale/desk.html",
        {
            "workshop": workshop,
            "offered": [r for r in rows if r["share"].status == ShareStatus.OFFERED],
            "in_hand": [r for r in rows if r["share"].status != ShareStatus.OFFERED],
            "pools": pool_rows,
            "capacity": WorkshopCapacity.objects.filter(workshop=workshop).first(),
        },
        title=_("Wholesale shares of %(name)s") % {"name": workshop.name},
    )
