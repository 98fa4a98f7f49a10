"""A vendor's own host name serves its storefront at ``/`` (see marketplace/vendors/domains.py).

Runs before anything that validates the Host header: a host in ALLOWED_HOSTS goes on as
usual; an active custom domain of an approved vendor is accepted for this request only (its
``get_host`` answers that host). Every other host goes on to Django's own check, which
answers 400: there is no open Host header.

The vendor controls its domain's DNS, so its host serves only the vendor's public storefront
(``/`` in the browser's language, its pages per language and their filters) and the files
they show. Everything else (products, basket, checkout, login, accounts, the workspace, the
API, private links) is the marketplace's: a GET is sent there, one click away, and anything
else is refused. Passwords, sessions and payments never pass through a host the vendor could
point elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseRedirect,
)
from django.http.request import split_domain_port, validate_host
from django.utils import translation

from marketplace.vendors.domains import vendor_for_domain
from marketplace.vendors.models import Vendor, VendorKind

FILES = ("/static/", "/media/", "/thumbnail/")


class CustomDomainMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw_host = request._get_raw_host()
        domain, _port = split_domain_port(raw_host)
        if not domain or validate_host(domain, settings.ALLOWED_HOSTS):
            return self.get_response(request)
        vendor = vendor_for_domain(host=domain.lower())
        if vendor is None:
            return self.get_response(request)  # Django's host check answers 400
        request.get_host = lambda: raw_host  # type: ignore[method-assign]
        request.storefront_vendor = vendor  # type: ignore[attr-defined]
        path = request.path_info
        if path == "/":
            # Both, so the language links and canonical URL name the storefront.
            path = request.path_info = _storefront_path(
                translation.get_language_from_request(request, check_path=False), vendor
            )
            request.path = request.META.get("SCRIPT_NAME", "") + path
        if _served_here(path, vendor) and request.method in ("GET", "HEAD"):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not settings.PUBLIC_URL:
            return HttpResponseNotFound()  # no marketplace host to send the visitor to
        return HttpResponseRedirect(settings.PUBLIC_URL + request.get_full_path())


def _storefront_path(language: str, vendor: Vendor) -> str:
    letter = "c" if vendor.kind == VendorKind.CLUSTER else "w"
    return f"/{language}/{letter}/{vendor.slug}/"


def _served_here(path: str, vendor: Vendor) -> bool:
    if path.startswith(FILES):
        return True
    return any(path == _storefront_path(code, vendor) for code, _name in settings.LANGUAGES)
