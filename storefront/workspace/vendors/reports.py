"""The cluster's sales report: four server-drawn SVG charts and their CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from marketplace.vendors.models import Vendor
from marketplace.vendors.reports import Report, cluster_sales, report_csv
from storefront.shop.common import page

from ..access import cluster_or_404, login_required_here
from . import charts


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _report(request: HttpRequest, slug: str) -> tuple[Vendor, Report, date | None, date | None]:
    cluster = cluster_or_404(request, slug)
    since, until = _date(request.GET.get("since")), _date(request.GET.get("until"))
    report = cluster_sales(
        cluster=cluster, currency=request.GET.get("currency"), since=since, until=until
    )
    return cluster, report, since, until


@login_required_here
def sales(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, report, since, until = _report(request, slug)
    rtl = translation.get_language_bidi()
    titles = {
        "member": _("Sales by member"),
        "channel": _("Sales by market"),
        "country": _("Sales by destination country"),
        "month": _("Sales by month"),
    }
    sections = []
    for key, title in titles.items():
        rows = report.by[key]
        if key == "country":
            rows = [replace(r, label=str(countries.name(r.key) or r.key)) for r in rows]
        draw = charts.columns if key == "month" else charts.bars
        sections.append(
            {
                "key": key,
                "title": title,
                "rows": rows,
                "svg": draw(rows, currency=report.currency, title=title, rtl=rtl),
            }
        )
    return page(
        request,
        "workspace/vendors/reports.html",
        {
            "cluster": cluster,
            "report": report,
            "sections": sections,
            "since": since,
            "until": until,
            "query": request.GET.urlencode(),
            "section": "reports",
        },
        title=_("Sales of %(cluster)s") % {"cluster": cluster.name},
    )


@login_required_here
def sales_csv(request: HttpRequest, slug: str) -> HttpResponse:
    cluster, report, _since, _until = _report(request, slug)
    response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    stamp = date.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{cluster.slug}-sales-{report.currency or "none"}-{stamp}.csv"'
    )
    return response
