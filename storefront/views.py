from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marketplace.provenance.certificates import certificate_check, verify_url
from marketplace.provenance.qr import qr_svg


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "storefront/home.html",
        {"shop_name": settings.SHOP_NAME, "playground": settings.GRAPHQL_PLAYGROUND},
    )


def verify_certificate(request: HttpRequest, serial: str) -> HttpResponse:
    """What a buyer sees after scanning the QR code on the parcel."""
    check = certificate_check(serial=serial)
    context = {
        "shop_name": settings.SHOP_NAME,
        "serial": serial.upper(),
        "check": check,
        "facts": check.facts or {},
        "qr": qr_svg(verify_url(serial.upper())) if check.certificate else "",
    }
    # An unknown serial is an answer, not an error page: 404 tells scripts the same thing.
    return render(
        request, "storefront/verify.html", context, status=404 if check.status == "UNKNOWN" else 200
    )
