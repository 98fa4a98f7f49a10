"""Answers, in GraphQL's JSON shape, for requests that fail outside any resolver: a body over
Django's size limits, and a database that cannot be reached (503 with Retry-After, so proxies
and clients retry instead of showing "Internal server error.")."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from graphql import ExecutionResult

from marketplace.core.database import database_unavailable

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5


class DatabaseUnavailable(Exception):
    """Raised out of execution when a resolver met an unreachable database."""


def _json_error(message: str, code: str, status: int) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def database_down_response() -> HttpResponse:
    response = _json_error(
        "The service is temporarily unavailable. Please try again shortly.",
        "SERVICE_UNAVAILABLE",
        503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged once, as a warning, below: an outage is an operations matter, not a code error,
    # and Django would otherwise log every such answer as a server error.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def too_large_response(error: Exception) -> HttpResponse:
    if isinstance(error, RequestDataTooBig):
        message = (
            "The request body is larger than the limit of "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."
        )
    else:
        message = "The request has too many fields or files."
    return _json_error(message, "REQUEST_TOO_LARGE", 400)


def raise_if_database_unavailable(result: ExecutionResult) -> ExecutionResult:
    """A result whose errors include an unreachable database becomes a 503, not a list of
    "Internal server error." entries."""
    for error in result.errors or ():
        if database_unavailable(error.original_error):
            raise DatabaseUnavailable() from error.original_error
    return result


def answers_in_json(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wraps the GraphQL view's dispatch: size-limit and database-outage failures answer in
    JSON (400 and 503) wherever they arise, authentication and execution included."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
            return too_large_response(error)
        except (OperationalError, InterfaceError, DatabaseUnavailable) as error:
            cause = error.__cause__ if isinstance(error, DatabaseUnavailable) else error
            if not database_unavailable(cause):
                raise
            logger.warning("Database unavailable, answered 503: %s", cause)
            return database_down_response()

    return wrapped
