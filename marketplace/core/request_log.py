"""A request id on every log line and every response, to follow one request across services.

The id comes from the proxy's ``X-Request-ID`` when it is a sane token (so a line in Caddy's
or the ingress's log finds its lines here), otherwise a fresh one; it goes back to the client
in the same header, and tasks queued by the request keep no id of their own.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_request_id: ContextVar[str] = ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _SANE.match(offered) else uuid.uuid4().hex
        # Set, not reset afterwards: Django logs a 4xx/5xx answer after the middleware chain
        # has returned, and that line needs the id too. The next request sets its own.
        _request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response
