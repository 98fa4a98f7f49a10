"""Multipart requests to the web pages are answered before their body is read when they are
larger than ``UPLOAD_REQUEST_MAX_BYTES`` (HTTP 413), or larger than a form without files
(``ANONYMOUS_MULTIPART_MAX_BYTES``) from nobody logged in (HTTP 403).

Django parses a multipart body whole (spooling files to disk) the first time anything reads
``request.POST`` — the CSRF check does, before any view. Every upload form in the storefront
belongs to an account (workspace pages), so nothing is lost by refusing the rest unread. The
GraphQL endpoint answers the same two cases itself, in JSON (``graphql/core/uploads.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

GRAPHQL_PATH = "/graphql/"
# A sign-in or basket form sent as multipart (as some clients do) is far below this.
ANONYMOUS_MULTIPART_MAX_BYTES = 64 * 1024


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads nothing of a body whose length it cannot parse


class MultipartGuardMiddleware:
    """Placed after the authentication middleware: it needs ``request.user``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.content_type == "multipart/form-data" and request.path != GRAPHQL_PATH:
            limit: int = settings.UPLOAD_REQUEST_MAX_BYTES
            if _content_length(request) > limit:
                megabytes = limit // (1024 * 1024)
                message = _("The upload is larger than the limit of %(mb)s MB.") % {"mb": megabytes}
                return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            if (
                not request.user.is_authenticated
                and _content_length(request) > ANONYMOUS_MULTIPART_MAX_BYTES
            ):
                return HttpResponse(
                    _("Log in to upload files."),
                    status=403,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
