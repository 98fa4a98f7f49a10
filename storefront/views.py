from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.authenticity.reports import scan_report_create
from marketplace.authenticity.scans import scan_record
from marketplace.authenticity.selectors import review_state
from marketplace.core.client import client_ip
from marketplace.core.errors import DomainError
from marketplace.provenance.certificates import certificate_check, verify_url
from marketplace.provenance.qr import qr_svg

from .certificate_page import piece_photos, sale_history, scan_country
from .shop.common import page


def home(request: HttpRequest) -> HttpResponse:
    """The bare root sends a first visit to the shop in the language its browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = reverse("shop:home")
    response = HttpResponseRedirect(target)
    response["Vary"] = "Accept-Language, Cookie"
    return response


class ScanReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What looks wrong?"),
        widget=forms.RadioSelect,
        choices=[
            ("DIFFERENT_PIECE", gettext_lazy("The piece does not match the photos")),
            ("OTHER_SELLER", gettext_lazy("Sold by someone other than the workshop")),
            ("SAME_CODE_ELSEWHERE", gettext_lazy("The same code on other pieces")),
            ("OTHER", gettext_lazy("Something else")),
        ],
    )
    where = forms.CharField(
        required=False, max_length=120, label=gettext_lazy("Where did you see the piece?")
    )
    note = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Anything else (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def verify_certificate(request: HttpRequest, serial: str) -> HttpResponse:
    """What a buyer sees after scanning the QR code on the parcel: the signed facts, the
    genuine piece's photos, its sale history, and a form to report a suspicious scan."""
    check = certificate_check(serial=serial)
    certificate = check.certificate
    form = ScanReportForm(request.POST or None) if certificate else None
    if certificate is not None and request.method == "GET":
        # Counted for the review of copies; whatever it finds, this page answers as usual.
        scan_record(
            certificate=certificate,
            client_ip=client_ip(request),
            country=scan_country(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            scan_report_create(
                serial=serial,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                where=form.cleaned_data["where"],
                client_ip=client_ip(request),
                language_code=translation.get_language() or "en",
            )
        except DomainError as error:
            if error.code == "NOT_FOUND":
                raise Http404(_("No certificate has this serial.")) from None
            form.add_error(None, _("Too many reports from here. Try again later."))
        else:
            messages.success(
                request,
                _("Thank you. The piece's cluster will look into this certificate."),
            )
            return redirect(request.path)
    context = {
        "serial": serial.upper(),
        "check": check,
        "facts": check.facts or {},
        "qr": qr_svg(verify_url(serial.upper())) if certificate else "",
        "photos": piece_photos(certificate) if certificate else [],
        "sales": sale_history(certificate) if certificate else [],
        "report_form": form,
        "review": review_state(certificate=certificate) if certificate else None,
        "one_of_a_kind": bool(
            certificate and certificate.product.metadata.get("one_of_a_kind") == "true"
        ),
    }
    # An unknown serial is an answer, not an error page: 404 tells scripts the same thing.
    return page(
        request,
        "shop/verify.html",
        context,
        title=_("Certificate %(serial)s") % {"serial": serial.upper()},
        status=404 if check.status == "UNKNOWN" else 200,
    )
