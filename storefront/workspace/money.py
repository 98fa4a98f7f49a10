"""The workshop's money: balances, each parcel's share, payouts, statements (PDF, CSV).
Every figure comes from marketplace.payouts' selectors and statements."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.payouts.selectors import payout_history, workshop_balances, workshop_ledger
from marketplace.payouts.statements import (
    month_bounds,
    statement_csv,
    statement_for,
    statement_pdf,
)
from storefront.shop.common import page

from .access import login_required_here, workshop_or_404

PER_PAGE = 50


@login_required_here
def money(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    balances = workshop_balances(vendor_id=workshop.pk)
    currencies = [b.currency for b in balances]
    currency = request.GET.get("currency") or (currencies[0] if currencies else None)
    if currency not in currencies:
        currency = currencies[0] if currencies else None
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    rows = (
        workshop_ledger(
            vendor_id=workshop.pk,
            currency=currency,
            limit=PER_PAGE + 1,
            offset=(number - 1) * PER_PAGE,
        )
        if currency
        else []
    )
    start, _end = month_bounds(None)
    return page(
        request,
        "workspace/money/ledger.html",
        {
            "workshop": workshop,
            "balances": balances,
            "currency": currency,
            "rows": rows[:PER_PAGE],
            "page": number,
            "has_next": len(rows) > PER_PAGE,
            "payouts": payout_history(vendor_id=workshop.pk, limit=20),
            "this_month": start.strftime("%Y-%m"),
            "section": "money",
        },
        title=_("Money of %(name)s") % {"name": workshop.name},
    )


@login_required_here
def statement(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    currency = (request.GET.get("currency") or "").upper()
    known = {b.currency for b in workshop_balances(vendor_id=workshop.pk)}
    if currency not in known or fmt not in ("csv", "pdf"):
        raise Http404
    try:
        start, end = month_bounds(request.GET.get("month"))
    except ValueError:
        raise Http404 from None
    result = statement_for(
        vendor_id=workshop.pk,
        vendor_name=workshop.name,
        currency=currency,
        start=start,
        end=end,
    )
    name = f"statement-{workshop.slug}-{start:%Y-%m}-{currency}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(statement_csv(result), content_type="text/csv; charset=utf-8")
    else:
        language = translation.get_language() or "fr"
        pdf = statement_pdf(result, language=language if language in ("fr", "en") else "fr")
        response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
