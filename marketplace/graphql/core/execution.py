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

from .input_guard import NoNulCharactersRule
from .limits import cost_errors, validation_rules

MAX_CACHED_QUERY_LENGTH = 20_000


class SyncExecutionContext(ExecutionContext):
    """Every resolver here is synchronous: nothing is ever awaitable. Built once the
    variables are coerced, it also prices page sizes given by variables (limits.py)."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> list[GraphQLError] | ExecutionContext:
        context = super().build(*args, **kwargs)
        if isinstance(context, list):
            return context
        errors = cost_errors(context.fragments, context.operation, context.variable_values)
        return errors or context

    @staticmethod
    def is_awaitable(value: Any) -> bool:
        return False


@lru_cache(maxsize=512)
def _checked(
    schema: GraphQLSchema, query: str, introspection: bool, limits: tuple[int, ...]
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    try:
        document = parse(query)
        rules = [*validation_rules(allow_introspection=introspection), NoNulCharactersRule]
        errors = validate(schema, document, rules)
    except GraphQLError as error:
        return None, (error,)
    except RecursionError:  # nesting deep enough to exhaust the parser's or validator's stack
        return None, (GraphQLError("The query is nested too deeply."),)
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
