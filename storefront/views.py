from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.provenance.certificates import certificate_check, verify_url
from marketplace.provenance.qr import qr_svg

from .shop.common import page


def home(request: HttpRequest) -> HttpResponse:
    """The bare root sends a first visit to the shop in the language its browser asks for."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = reverse("shop:home")
    response = HttpResponseRedirect(target)
    response["Vary"] = "Accept-Language, Cookie"
    return response


def verify_certificate(request: HttpRequest, serial: str) -> HttpResponse:
    """What a buyer sees after scanning the QR code on the parcel."""
    check = certificate_check(serial=serial)
    context = {
        "serial": serial.upper(),
        "check": check,
        "facts": check.facts or {},
        "qr": qr_svg(verify_url(serial.upper())) if check.certificate else "",
    }
    # An unknown serial is an answer, not an error page: 404 tells scripts the same thing.
    return page(
        request,
        "shop/verify.html",
        context,
        title=_("Certificate %(serial)s") % {"serial": serial.upper()},
        status=404 if check.status == "UNKNOWN" else 200,
    )
