"""A response cache for anonymous, public catalog queries, with ETag for GET.

Only a query whose every root field is public catalog (``PUBLIC_ROOT_FIELDS``), that names
none of ``PRIVATE_FIELDS`` anywhere, sent with no Authorization header by nobody logged in,
is looked up or stored; mutations, introspection and everything else run as before. An
answer is stored only when it has no errors. The key is the printed (normalised) document,
the operation name, the variables, the active language and the visibility context
("anonymous"), under the catalog version (marketplace/core/catalog_version.py) that every
committed change to catalog data bumps: a stored answer is never served after a change.
``RESPONSE_CACHE_ENABLED`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    parse,
    print_ast,
)

from marketplace.core import catalog_version

logger = logging.getLogger(__name__)

PUBLIC_ROOT_FIELDS = frozenset(
    {
        "__typename",
        "addressValidationRules",
        "categories",
        "category",
        "channel",
        "channels",
        "cluster",
        "clusters",
        "collection",
        "collections",
        "materials",
        "menu",
        "menus",
        "page",
        "pages",
        "product",
        "productVariant",
        "productVariants",
        "products",
        "techniques",
        "vendor",
        "vendors",
    }
)
# Never cached wherever they appear in a document (belt and braces: anonymous callers get
# nothing private from the public roots anyway).
PRIVATE_FIELDS = frozenset(
    {"me", "checkout", "checkouts", "order", "orders", "user", "users", "staffUsers"}
)
VISIBILITY = "anonymous"
MAX_QUERY_LENGTH = 20_000


def _field_names(selection_set: SelectionSetNode | None, document: DocumentNode) -> set[str]:
    names: set[str] = set()
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    stack = [selection_set] if selection_set else []
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                if selection.selection_set:
                    stack.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    stack.append(fragments[name].selection_set)
    return names


def _root_names(selection_set: SelectionSetNode, document: DocumentNode) -> set[str] | None:
    """The operation's root field names; None when they cannot be told apart simply."""
    names: set[str] = set()
    for selection in selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None  # fragments on Query: not worth the trouble, never cached
        names.add(selection.name.value)
    return names


@lru_cache(maxsize=512)
def document_digest(query: str, operation_name: str | None) -> str | None:
    """A digest of the normalised document if it may be cached, else None."""
    try:
        document = parse(query)
    except (GraphQLError, RecursionError):
        return None
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return None
    roots = _root_names(operation.selection_set, document)
    if not roots or not roots <= PUBLIC_ROOT_FIELDS:
        return None
    if _field_names(operation.selection_set, document) & PRIVATE_FIELDS:
        return None
    normalised = print_ast(document) + "\n#operation " + (operation_name or "")
    return hashlib.sha256(normalised.encode()).hexdigest()


@dataclass(frozen=True)
class Entry:
    key: str
    version: int  # the catalog version the answer is (to be) stored under
    body: str | None  # the stored answer, None on a miss


def answer_origin(request: HttpRequest) -> str:
    """The scheme and host an answer's absolute URLs are built from (graphql/catalog/media.py):
    part of the key unless PUBLIC_URL names them once for all."""
    return "" if settings.PUBLIC_URL else request.build_absolute_uri("/")


def cache_key(
    *, query: Any, operation_name: Any, variables: Any, language: str | None, origin: str
) -> str | None:
    """The key of a cacheable request's answer (its catalog version is stored with it: see
    read); None when the request must bypass the cache (not a public catalog query, or odd
    parameters)."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        return None
    if isinstance(variables, str):
        try:
            variables = json.loads(variables)
        except ValueError:
            return None
    if variables is None:
        variables = {}
    # Anything else that is not an object is the view's to refuse (400), never a hit.
    if not isinstance(variables, dict) or (
        operation_name is not None and not isinstance(operation_name, str)
    ):
        return None
    digest = document_digest(query, operation_name)
    if digest is None:
        return None
    try:
        encoded = json.dumps(variables, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    parts = f"{digest}|{encoded}|{language or ''}|{VISIBILITY}|{origin}"
    digest_of_parts = hashlib.sha256(parts.encode()).hexdigest()
    return f"response-cache:{digest_of_parts}"


def read(key: str) -> Entry:
    """The answer stored under ``key`` if it was computed under the current catalog version.
    The version is kept in the value, not the key, so that one round trip to the cache
    (the version and the answer together) tells a hit; an answer from an older version is a
    miss and is overwritten."""
    version, stored = catalog_version.current_with(key)
    prefix = f"{version}\n"
    if isinstance(stored, str) and stored.startswith(prefix):
        return Entry(key=key, version=version, body=stored[len(prefix) :])
    return Entry(key=key, version=version, body=None)


def graphql_parameters(request: HttpRequest, data: dict[str, Any]) -> tuple[Any, Any, Any]:
    """(query, operationName, variables) with graphene-django's precedence: the URL's, then
    the body's."""
    return (
        request.GET.get("query") or data.get("query"),
        request.GET.get("operationName") or data.get("operationName"),
        request.GET.get("variables") or data.get("variables"),
    )


def lookup(request: HttpRequest, data: Any, show_graphiql: bool) -> Entry | None:
    """The cache entry this request may use, or None when it must bypass the cache."""
    if not settings.RESPONSE_CACHE_ENABLED or show_graphiql or not isinstance(data, dict):
        return None
    if request.META.get("HTTP_AUTHORIZATION") or request.GET.get("pretty"):
        return None
    user = getattr(request, "user", None)
    if user is not None and (user.is_authenticated or getattr(user, "is_staff", False)):
        return None
    query, operation_name, variables = graphql_parameters(request, data)
    key = cache_key(
        query=query,
        operation_name=operation_name,
        variables=variables,
        language=get_language(),
        origin=answer_origin(request),
    )
    if key is None:
        return None
    return read(key)


def _lookup_or_none(request: HttpRequest, data: Any, show_graphiql: bool) -> Entry | None:
    try:
        return lookup(request, data, show_graphiql)
    except Exception:  # the cache is down: answered afresh, as with the cache off
        logger.warning("Response cache unavailable", exc_info=True)
        return None


def store(entry: Entry, body: str) -> None:
    try:
        cache.set(entry.key, f"{entry.version}\n{body}", timeout=settings.RESPONSE_CACHE_SECONDS)
    except Exception:  # not stored: the next request computes it again
        logger.warning("Response cache unavailable", exc_info=True)


def etag_for(body: str) -> str:
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


class ResponseCacheMixin:
    """For the GraphQL view: serves and stores answers, and answers a matching
    If-None-Match with 304 for GET queries."""

    def get_response(
        self, request: HttpRequest, data: Any, show_graphiql: bool = False
    ) -> tuple[str | None, int]:
        entry = _lookup_or_none(request, data, show_graphiql)
        if entry is not None and entry.body is not None:
            request._response_cache = "hit"  # type: ignore[attr-defined]
            request._response_cache_body = entry.body  # type: ignore[attr-defined]
            return entry.body, 200
        request._response_cache_errors = True  # type: ignore[attr-defined]
        result, status = super().get_response(request, data, show_graphiql)  # type: ignore[misc]
        clean = not getattr(request, "_response_cache_errors", True)
        if entry is not None and result is not None and status == 200 and clean:
            store(entry, result)
            request._response_cache = "miss"  # type: ignore[attr-defined]
            request._response_cache_body = result  # type: ignore[attr-defined]
        return result, status

    def json_encode(self, request: HttpRequest, d: Any, pretty: bool = False) -> str:
        if isinstance(d, dict):
            request._response_cache_errors = "errors" in d  # type: ignore[attr-defined]
        encoded: str = super().json_encode(request, d, pretty)  # type: ignore[misc]
        return encoded

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        body = getattr(request, "_response_cache_body", None)
        if body is None or response.status_code != 200:
            return response
        return answer_headers(request, response, body, request._response_cache)  # type: ignore[attr-defined]


def answer_headers(
    request: HttpRequest, response: HttpResponse, body: str, state: str
) -> HttpResponse:
    """Marks an answer that went through the cache; for GET, its ETag, and 304 when the
    client already holds it."""
    response["X-Response-Cache"] = state
    if request.method != "GET":
        return response
    etag = etag_for(body)
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"  # stored, but checked with us every time
    patch_vary_headers(response, ("Accept-Language", "Authorization", "Cookie"))
    offered = request.META.get("HTTP_IF_NONE_MATCH", "")
    if etag in {tag.strip() for tag in offered.split(",")} or offered.strip() == "*":
        not_modified = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary", "X-Response-Cache"):
            not_modified[header] = response[header]
        return not_modified
    return response
