"""The /graphql/ endpoint: one operation per request, limits enforced, errors never leak."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import GraphQLError

from .core.limits import validation_rules

logger = logging.getLogger(__name__)


@method_decorator(csrf_exempt, name="dispatch")
class MarketplaceGraphQLView(GraphQLView):
    """GraphiQL and introspection only in debug or demo mode; no query batching."""

    def __init__(self, **kwargs: Any) -> None:
        playground = settings.GRAPHQL_PLAYGROUND
        super().__init__(
            graphiql=playground,
            validation_rules=validation_rules(allow_introspection=playground),
            **kwargs,
        )

    def parse_body(self, request: HttpRequest) -> Any:
        if self.get_content_type(request) == "application/json":
            try:
                payload = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise HttpError(
                    HttpResponseBadRequest("The request body is not valid JSON.")
                ) from None
            if isinstance(payload, list):
                raise HttpError(
                    HttpResponseBadRequest(
                        "Query batching is not supported: send one operation per request."
                    )
                )
            if not isinstance(payload, dict):
                raise HttpError(HttpResponseBadRequest("The request body must be a JSON object."))
            if "variables" in payload and not isinstance(payload["variables"], dict | None):
                raise HttpError(HttpResponseBadRequest("`variables` must be a JSON object."))
            return payload
        return super().parse_body(request)

    @staticmethod
    def format_error(error: Exception) -> dict[str, Any]:
        if isinstance(error, GraphQLError) and error.original_error is not None:
            original = error.original_error
            if not isinstance(original, GraphQLError):
                # An unexpected exception in a resolver: log it, tell the client nothing internal.
                logger.exception("Unhandled error in GraphQL resolver", exc_info=original)
                masked = GraphQLError("Internal server error.", error.nodes, path=error.path)
                formatted: dict[str, Any] = GraphQLView.format_error(masked)
                formatted["extensions"] = {"exception": {"code": "INTERNAL_ERROR"}}
                return formatted
        result: dict[str, Any] = GraphQLView.format_error(error)
        return result
