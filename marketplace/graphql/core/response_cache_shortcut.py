"""Serves the response cache's hits before sessions, language, CSRF and authentication run.

A stored answer (core/response_cache.py) is the same bytes whoever asks, as long as the
caller is anonymous: most of a hit's cost on the view's path is the middleware that works
that out (a session read, CSRF tokens, two-factor state). A request that is anonymous on its
face (no Authorization header, no session cookie) can be told so without any of it, so this
middleware, placed after the HTTPS redirect and CORS and before the session, answers its hits
itself (the host checked as Django would). Everything else goes on to the view unchanged,
which looks the cache up again as it always did: a session cookie, a bearer token, GraphiQL,
a multipart upload, a body that is not a JSON object, a mutation, or a miss.

The language is the one LocaleMiddleware would activate for the API (cookie, then
Accept-Language, then the default), and the answer carries the headers the view's own hit
would: Content-Language, Content-Length, X-Frame-Options, Vary, and for GET the ETag (with
304 for a matching If-None-Match). Only the CSRF cookie, which an anonymous API client has
no use for, is left out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

from .response_cache import answer_headers, answer_origin, cache_key, graphql_parameters, read

logger = logging.getLogger(__name__)

GRAPHQL_PATH = "/graphql/"


def _parameters(request: HttpRequest) -> tuple[Any, Any, Any] | None:
    """(query, operationName, variables) as the view would read them, or None to step aside."""
    # GraphiQL is a page for browsers (whatever the method): left to the view.
    if "text/html" in request.META.get("HTTP_ACCEPT", "") or "raw" in request.GET:
        return None
    if request.GET.get("pretty"):
        return None
    if request.method == "GET":
        # The view reads a body whatever the method: a GET with one is its to answer.
        if request.META.get("CONTENT_LENGTH") not in (None, "", "0"):
            return None
        data: dict[str, object] = {}
    elif request.method == "POST":
        if request.content_type != "application/json":
            return None
        try:
            payload = json.loads(request.body.decode("utf-8"))
        except (RequestDataTooBig, UnicodeDecodeError, ValueError, RecursionError):
            return None  # the view answers with what is wrong
        if not isinstance(payload, dict) or "raw" in payload:
            return None
        data = payload
    else:
        return None
    return graphql_parameters(request, data)


def _anonymous_on_its_face(request: HttpRequest) -> bool:
    return (
        "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ResponseCacheShortcutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.path_info != GRAPHQL_PATH
            or not settings.RESPONSE_CACHE_ENABLED
            or not _anonymous_on_its_face(request)
        ):
            return self.get_response(request)
        answer = self._hit(request)
        return answer if answer is not None else self.get_response(request)

    @staticmethod
    def _hit(request: HttpRequest) -> HttpResponse | None:
        request.get_host()  # an unknown host is refused (400) here as on the view's path
        parameters = _parameters(request)
        if parameters is None:
            return None
        query, operation_name, variables = parameters
        language = get_language_from_request(request, check_path=False)
        try:
            key = cache_key(
                query=query,
                operation_name=operation_name,
                variables=variables,
                language=language,
                origin=answer_origin(request),
            )
            body = read(key).body if key is not None else None
        except Exception:  # the cache is down: the view answers without it
            logger.warning("Response cache unavailable", exc_info=True)
            return None
        if not isinstance(body, str):
            return None
        response = HttpResponse(body, content_type="application/json")
        response["Content-Language"] = language
        # What CommonMiddleware and XFrameOptionsMiddleware, further in, add to the view's.
        response["Content-Length"] = str(len(response.content))
        response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return answer_headers(request, response, body, "hit")
