"""Certificates to review (/<lang>/workspace/certificates/): the cases opened when a
certificate's scans looked wrong or a buyer reported one, each with its scans, reports and
history, and the reviewer's actions (dismiss, confirm counterfeit, add a note). Reads and
writes are marketplace.authenticity's; the wrong actor gets the 404 a missing serial gets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_countries import countries

from marketplace.authenticity import review
from marketplace.authenticity.access import certificate_for_review, may_decide, may_revoke
from marketplace.authenticity.models import FlagStatus
from marketplace.authenticity.selectors import case_file, review_counts, review_queue
from marketplace.core.errors import DomainError, NotFound
from storefront.shop.common import page

from .access import login_required_here

TABS = [
    (FlagStatus.OPEN, gettext_lazy("To review")),
    (FlagStatus.CONFIRMED, gettext_lazy("Counterfeit confirmed")),
    (FlagStatus.DISMISSED, gettext_lazy("Dismissed")),
]
PAGE_SIZE = 50


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=review.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DismissForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why is it innocent? (optional)"),
        required=False,
        max_length=review.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What did you find?"),
        max_length=review.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revoke = forms.BooleanField(
        label=gettext_lazy("Also revoke the certificate (its page will say so to everyone)"),
        required=False,
    )


REPORT_REASONS = {
    "DIFFERENT_PIECE": gettext_lazy("The piece does not match the photos"),
    "OTHER_SELLER": gettext_lazy("Sold by someone other than the workshop"),
    "SAME_CODE_ELSEWHERE": gettext_lazy("The same code on other pieces"),
    "OTHER": gettext_lazy("Something else"),
}


def event_label(kind: str, figures: dict[str, Any]) -> str:
    """Why a case was opened or what a reviewer did, with the figures seen then."""
    hours = figures.get("hours", 24)
    if kind == "many_countries":
        n = int(figures.get("countries", 0))
        return ngettext(
            "Scanned from %(n)s country within %(hours)s h",
            "Scanned from %(n)s countries within %(hours)s h",
            n,
        ) % {"n": n, "hours": hours}
    if kind == "many_networks":
        n = int(figures.get("networks", 0))
        return ngettext(
            "Scanned from %(n)s network within %(hours)s h",
            "Scanned from %(n)s networks within %(hours)s h",
            n,
        ) % {"n": n, "hours": hours}
    if kind == "many_scans":
        n = int(figures.get("scans", 0))
        return ngettext(
            "Scanned %(n)s time within %(hours)s h", "Scanned %(n)s times within %(hours)s h", n
        ) % {"n": n, "hours": hours}
    if kind == "after_revocation":
        return _("Scanned after its revocation")
    if kind == "reported":
        reason = REPORT_REASONS.get(str(figures.get("reason", "")), "")
        return _("Reported by a buyer: %(reason)s") % {"reason": reason}
    if kind == "dismissed":
        return _("Dismissed")
    if kind == "confirmed":
        return _("Counterfeit confirmed")
    return _("Note")


def _label(events: Any) -> None:
    for event in events:
        event.label = event_label(event.kind, event.figures or {})


def _country(code: str) -> str:
    return str(countries.name(code)) if code else _("Unknown")


@login_required_here
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", FlagStatus.OPEN)
    if status not in FlagStatus.values:
        status = FlagStatus.OPEN
    counts = review_counts(actor=request.user)
    flags = list(review_queue(actor=request.user, status=status)[:PAGE_SIZE])
    for flag in flags:
        _label(flag.reasons)
    return page(
        request,
        "workspace/authenticity/queue.html",
        {
            "flags": flags,
            "status": status,
            "tabs": [(key, label) for key, label in TABS],
            "counts": counts,
            "section": "certificates",
        },
        title=_("Certificates to review"),
    )


def _case_page(
    request: HttpRequest, serial: str, forms_given: dict[str, forms.Form] | None = None
) -> HttpResponse:
    try:
        certificate = certificate_for_review(actor=request.user, serial=serial)
    except NotFound:
        raise Http404 from None
    file = case_file(certificate=certificate, staff=bool(request.user.is_staff))
    for flag in file.flags:
        _label(flag.events.all())
    context: dict[str, Any] = {
        "file": file,
        "certificate": certificate,
        "report_reasons": REPORT_REASONS,
        "countries": [(_country(code), n) for code, n in file.countries],
        "scans": [(scan, _country(scan.country)) for scan in file.scans],
        "may_revoke": may_revoke(actor=request.user, certificate=certificate),
        "may_decide": may_decide(actor=request.user, certificate=certificate),
        "note_form": NoteForm(),
        "dismiss_form": DismissForm(),
        "confirm_form": ConfirmForm(),
        "section": "certificates",
        **(forms_given or {}),
    }
    return page(
        request,
        "workspace/authenticity/case.html",
        context,
        title=_("Certificate %(serial)s") % {"serial": certificate.serial},
        status=400 if forms_given else 200,
    )


@login_required_here
def case(request: HttpRequest, serial: str) -> HttpResponse:
    return _case_page(request, serial)


def _refusal(error: DomainError) -> str:
    if error.field == "decision":
        return _(
            "Only the cluster's managers or the marketplace decide this case; add a note "
            "for them instead."
        )
    if error.field == "revoke":
        return _("Only the cluster's managers or the marketplace can revoke this certificate.")
    if error.code == "REQUIRED":
        return _("Write what you found.")
    if error.field == "serial":
        return _("This certificate is not under review any more: nothing to decide.")
    return _("This note is too long.")


@login_required_here
@require_POST
def decide(request: HttpRequest, serial: str, action: str) -> HttpResponse:
    form_class: type[forms.Form] = {"dismiss": DismissForm, "confirm": ConfirmForm}.get(
        action, NoteForm
    )
    form = form_class(request.POST)
    name = {"dismiss": "dismiss_form", "confirm": "confirm_form"}.get(action, "note_form")
    try:
        certificate_for_review(actor=request.user, serial=serial)  # 404 before anything else
    except NotFound:
        raise Http404 from None
    if not form.is_valid():
        return _case_page(request, serial, {name: form})
    note = form.cleaned_data.get("note", "")
    try:
        if action == "dismiss":
            review.flag_dismiss(actor=request.user, serial=serial, note=note)
            messages.success(request, _("The case is dismissed."))
        elif action == "confirm":
            review.flag_confirm(
                actor=request.user,
                serial=serial,
                note=note,
                revoke=bool(form.cleaned_data.get("revoke")),
            )
            messages.success(
                request, _("Counterfeit confirmed: the certificate's page warns buyers.")
            )
        else:
            review.flag_note_add(actor=request.user, serial=serial, note=note)
            messages.success(request, _("The note is added."))
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        if error.field == "serial":  # decided meanwhile (another tab, another reviewer)
            messages.error(request, _refusal(error))
            return redirect("workspace-certificates:case", serial=serial.upper())
        form.add_error(None, _refusal(error))
        return _case_page(request, serial, {name: form})
    return redirect("workspace-certificates:case", serial=serial.upper())
