"""Listings in bulk: import a CSV or XLSX sheet (a report of the rows created, updated and
refused, each with its line, column and reason) and export the workshop's listings in the
same columns. The catalog's ``importing`` service does the work; nothing is half-written."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.catalog.writes.exporting import export_csv, export_rows, export_xlsx
from marketplace.catalog.writes.importing import BASE_COLUMNS, listings_import_file
from marketplace.channels.selectors import channels_active
from marketplace.core.errors import DomainError

from ..shop.common import page
from .access import login_required_here, workshop_or_404
from .listings_forms import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required_here
@require_http_methods(["GET", "POST"])
def listing_import(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    report = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = listings_import_file(
                    actor=request.user,
                    data=upload.read(),
                    filename=upload.name,
                    vendor_id=workshop.pk,
                )
            except DomainError as error:
                form.add_error("file", error.message)
                status = 400
        else:
            status = 400
    else:
        form = ImportForm()
    channels = list(channels_active())
    return page(
        request,
        "workspace/listings/import.html",
        {
            "workshop": workshop,
            "form": form,
            "report": report,
            "sheet_errors": [e for e in report.errors if e.row <= 1] if report else [],
            "row_errors": [e for e in report.errors if e.row > 1] if report else [],
            "columns": [*BASE_COLUMNS],
            "price_columns": [f"price:{c.slug}" for c in channels],
        },
        title=_("Import listings · %(workshop)s") % {"workshop": workshop.name},
        status=status,
    )


@login_required_here
@require_GET
def listing_export(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = workshop_or_404(request, slug)
    rows = export_rows(actor=request.user, vendor_id=workshop.pk)
    stamp = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(export_xlsx(rows=rows), content_type=XLSX)
        name = f"{workshop.slug}-listings-{stamp}.xlsx"
    else:
        response = HttpResponse(export_csv(rows=rows), content_type="text/csv; charset=utf-8")
        name = f"{workshop.slug}-listings-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
