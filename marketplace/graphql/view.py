"""The /graphql/ endpoint: one operation per request, limits enforced, errors never leak."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast

from marketplace.accounts.tokens import ACCESS, TokenError, token_decode
from marketplace.core.database import database_unavailable

from .core.execution import SyncExecutionContext, parse_and_validate
from .core.failures import answers_in_json, raise_if_database_unavailable
from .core.input_guard import variables_nul_error
from .core.response_cache import ResponseCacheMixin
from .core.uploads import UploadError, multipart_operations, multipart_refusal

logger = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 300


def _internal_error() -> GraphQLError:
    return GraphQLError(
        "Internal server error.", extensions={"exception": {"code": "INTERNAL_ERROR"}}
    )


def _unauthorized(message: str, code: str) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"exception": {"code": code}}}]}
    return HttpResponse(json.dumps(body), status=401, content_type="application/json")


def _no_response(request: HttpRequest) -> HttpResponse:
    """Stands in for a view that is not CSRF-exempt when asking the CSRF middleware."""
    return HttpResponse()


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(answers_in_json, name="dispatch")
class MarketplaceGraphQLView(ResponseCacheMixin, GraphQLView):
    """GraphiQL and introspection only in debug or demo mode; no query batching; anonymous
    catalog queries answered from the response cache (core/response_cache.py)."""

    # Our GraphiQL page loads React and GraphiQL from this site's static files, not a CDN.
    graphiql_template = "graphiql/graphiql.html"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(graphiql=settings.GRAPHQL_PLAYGROUND, **kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            scheme, _, credentials = header.partition(" ")
            if scheme.lower() not in ("bearer", "jwt") or not credentials.strip():
                return _unauthorized("Use `Authorization: Bearer <token>`.", "JWT_INVALID_TOKEN")
            try:
                request.user, _claims = token_decode(credentials.strip(), kind=ACCESS)
            except TokenError as error:
                return _unauthorized(error.message, error.code)
            request._bearer_authenticated = True  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        refusal = multipart_refusal(request, authenticated=bool(user and user.is_authenticated))
        if refusal is not None:  # too large or anonymous: answered before the body is read
            return refusal
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_context(self, request: HttpRequest) -> HttpRequest:
        """The request is the context. A session (cookie) login only counts when the request
        also passes Django's CSRF check: otherwise any site could act as the visitor.
        A bearer token needs no CSRF check: browsers never send it on their own."""
        if getattr(request, "_bearer_authenticated", False):
            return request
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            rejected = CsrfViewMiddleware(_no_response).process_view(request, _no_response, (), {})
            if rejected is not None:
                request.user = AnonymousUser()
        return request

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        schema = self.schema.graphql_schema
        document, errors = parse_and_validate(schema, query)
        if document is None:
            return ExecutionResult(data=None, errors=list(errors))
        nul_error = variables_nul_error(variables)
        if nul_error is not None:
            return ExecutionResult(data=None, errors=[nul_error])
        operation = get_operation_ast(document, operation_name)
        is_mutation = operation is not None and operation.operation != OperationType.QUERY
        if request.method == "GET" and is_mutation:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseNotAllowed(["POST"], "Mutations must be sent by POST."))
        options: dict[str, Any] = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
            "execution_context_class": SyncExecutionContext,
        }
        try:
            if is_mutation:
                with transaction.atomic():
                    result = execute(schema, document, **options)
            else:
                result = execute(schema, document, **options)
        except Exception as error:  # an error before any resolver ran: report, never 500
            if database_unavailable(error):
                raise  # answered 503 by answers_in_json
            logger.exception("Unhandled error executing a GraphQL request", exc_info=error)
            return ExecutionResult(errors=[_internal_error()])
        return raise_if_database_unavailable(result)  # type: ignore[arg-type]

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
        """The operation's parameters, each of the type GraphQL over HTTP requires."""
        query, variables, operation_name, request_id = GraphQLView.get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise HttpError(HttpResponseBadRequest("`query` must be a string."))
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponseBadRequest("`variables` must be a JSON object."))
        if operation_name is not None and not isinstance(operation_name, str):
            raise HttpError(HttpResponseBadRequest("`operationName` must be a string."))
        return query, variables, operation_name, request_id

    def parse_body(self, request: HttpRequest) -> Any:
        if self.get_content_type(request) == "multipart/form-data":
            try:
                return multipart_operations(request)
            except UploadError as error:
                raise HttpError(HttpResponseBadRequest(str(error))) from None
        if self.get_content_type(request) == "application/json":
            try:
                payload = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise HttpError(
                    HttpResponseBadRequest("The request body is not valid JSON.")
                ) from None
            except RecursionError:
                raise HttpError(
                    HttpResponseBadRequest("The request body is nested too deeply.")
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
            # Only resolvers' errors have a path. Path-less ones come from checking the request
            # (a literal or variable a scalar refused): the client's to fix, said as such.
            if not isinstance(original, GraphQLError) and error.path is not None:
                # An unexpected exception in a resolver: log it, tell the client nothing internal.
                logger.exception("Unhandled error in GraphQL resolver", exc_info=original)
                masked = GraphQLError("Internal server error.", error.nodes, path=error.path)
                formatted: dict[str, Any] = GraphQLView.format_error(masked)
                formatted["extensions"] = {"exception": {"code": "INTERNAL_ERROR"}}
                return formatted
        result: dict[str, Any] = GraphQLView.format_error(error)
        message = result.get("message")
        if isinstance(message, str) and len(message) > MAX_MESSAGE_LENGTH:
            # GraphQL's own messages quote a refused literal whole; a client sending 1 MB
            # does not get it back.
            result["message"] = message[:MAX_MESSAGE_LENGTH] + "…"
        return result
