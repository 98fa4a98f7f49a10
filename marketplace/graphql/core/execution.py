"""Parsing, validation and execution tuned for a synchronous server.

Storefronts send the same few documents over and over, so the parsed and validated
document is cached by its text and the limits in force; execution never awaits, so the
engine's per-value awaitable checks are skipped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    ExecutionContext,
    GraphQLError,
    GraphQLSchema,
    parse,
    validate,
)

from .limits import validation_rules

MAX_CACHED_QUERY_LENGTH = 20_000


class SyncExecutionContext(ExecutionContext):
    """Every resolver here is synchronous: nothing is ever awaitable."""

    @staticmethod
    def is_awaitable(value: Any) -> bool:
        return False


@lru_cache(maxsize=512)
def _checked(
    schema: GraphQLSchema, query: str, introspection: bool, limits: tuple[int, ...]
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, (error,)
    errors = validate(schema, document, validation_rules(allow_introspection=introspection))
    return (None, tuple(errors)) if errors else (document, ())


def parse_and_validate(
    schema: GraphQLSchema, query: str
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    limits = (
        settings.GRAPHQL_MAX_DEPTH,
        settings.GRAPHQL_MAX_ALIASES,
        settings.GRAPHQL_MAX_COST,
        settings.GRAPHQL_MAX_PAGE_SIZE,
    )
    introspection = bool(settings.GRAPHQL_PLAYGROUND)
    if len(query) > MAX_CACHED_QUERY_LENGTH:
        return _checked.__wrapped__(schema, query, introspection, limits)
    return _checked(schema, query, introspection, limits)
