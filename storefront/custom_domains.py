"""A vendor's own host name serves its storefront at ``/`` (see marketplace/vendors/domains.py).

Runs before anything that validates the Host header: a host in ALLOWED_HOSTS goes on as
usual; an active custom domain of an approved vendor is accepted for this request only (its
``get_host`` answers that host), and ``/`` becomes the vendor's storefront in the browser's
language. Every other host goes on to Django's own check, which answers 400: there is no
open Host header. The rest of the marketplace stays reachable on the vendor's host (product
pages, basket, checkout), one click away from its storefront."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host
from django.utils import translation

from marketplace.vendors.domains import vendor_for_domain
from marketplace.vendors.models import VendorKind


class CustomDomainMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw_host = request._get_raw_host()
        domain, _port = split_domain_port(raw_host)
        if domain and not validate_host(domain, settings.ALLOWED_HOSTS):
            vendor = vendor_for_domain(host=domain.lower())
            if vendor is not None:
                request.get_host = lambda: raw_host  # type: ignore[method-assign]
                request.storefront_vendor = vendor  # type: ignore[attr-defined]
                if request.path_info == "/":
                    # Both, so the language links and canonical URL name the storefront.
                    request.path_info = _storefront_path(request, vendor.kind, vendor.slug)
                    request.path = request.META.get("SCRIPT_NAME", "") + request.path_info
        return self.get_response(request)


def _storefront_path(request: HttpRequest, kind: str, slug: str) -> str:
    language = translation.get_language_from_request(request, check_path=False)
    letter = "c" if kind == VendorKind.CLUSTER else "w"
    return f"/{language}/{letter}/{slug}/"
