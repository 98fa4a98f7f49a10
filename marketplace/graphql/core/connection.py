"""Relay connections with ``totalCount``, Saleor's pagination rules and a page size cap."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Any

import graphene
from django.conf import settings
from django.db.models import QuerySet
from graphql import GraphQLError

from marketplace.core.input_checks import echo

from .context import register_batch

CURSOR_PREFIX = "offset:"


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options: Any) -> None:
        # Saleor's connections are strict: `edges: [XCountableEdge!]!`, `node: X!`.
        options.setdefault("strict_types", True)
        super().__init_subclass_with_meta__(**options)

    total_count = graphene.Int()

    @staticmethod
    def resolve_total_count(root: Any, info: Any) -> int:
        count: int = root.count_total()
        return count


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError
        offset = int(text[len(CURSOR_PREFIX) :])
        if offset < 0:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise GraphQLError(f"Invalid cursor: {echo(cursor)}.") from None
    return offset


def validate_page_args(args: dict[str, Any], connection_name: str) -> None:
    first, last = args.get("first"), args.get("last")
    limit = settings.GRAPHQL_MAX_PAGE_SIZE
    if first is None and last is None:
        raise GraphQLError(
            f"You must provide a `first` or `last` value to properly paginate the "
            f"`{connection_name}` connection."
        )
    if first is not None and last is not None:
        raise GraphQLError(
            f"Passing both `first` and `last` to paginate the `{connection_name}` "
            "connection is not supported."
        )
    for name, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            raise GraphQLError(f"Argument `{name}` on `{connection_name}` must not be negative.")
        if value > limit:
            raise GraphQLError(
                f"Requesting {value} records on the `{connection_name}` connection exceeds "
                f"the `{name}` limit of {limit} records."
            )


def paginate(
    queryset: QuerySet[Any],
    args: dict[str, Any],
    *,
    connection_type: type[CountableConnection],
    info: Any,
    connection_name: str,
    wrap: Callable[[Any], Any] = lambda node: node,
) -> CountableConnection:
    """Slice ``queryset`` by Relay arguments; ``totalCount`` costs a query only if asked."""
    validate_page_args(args, connection_name)
    first, last = args.get("first"), args.get("last")
    after = decode_cursor(args["after"]) + 1 if args.get("after") else 0
    before = decode_cursor(args["before"]) if args.get("before") else None

    total: list[int] = []

    def count_total() -> int:
        if not total:
            total.append(queryset.count())
        return total[0]

    if first is not None:
        start = after
        stop = start + first if before is None else min(start + first, before)
        rows = list(queryset[start : stop + 1]) if stop >= start else []
        has_next = len(rows) > stop - start or (before is not None and stop < before)
        rows = rows[: max(stop - start, 0)]
        has_previous = start > 0
    else:
        assert last is not None  # validate_page_args demands first or last
        end = before if before is not None else count_total()
        start = max(end - last, after)
        rows = list(queryset[start:end]) if end > start else []
        has_previous = start > 0
        has_next = before is not None or end < count_total()

    nodes = register_batch(info.context, rows)
    edge_type = connection_type.Edge
    edges = [
        edge_type(node=wrap(node), cursor=encode_cursor(start + index))
        for index, node in enumerate(nodes)
    ]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=has_previous,
        has_next_page=has_next,
    )
    connection = connection_type(edges=edges, page_info=page_info)
    connection.count_total = count_total
    return connection


def connection_args() -> dict[str, Any]:
    return {
        "before": graphene.String(),
        "after": graphene.String(),
        "first": graphene.Int(),
        "last": graphene.Int(),
    }


def paginate_list(
    items: Sequence[Any],
    args: dict[str, Any],
    *,
    connection_type: type[CountableConnection],
    info: Any,
    connection_name: str,
) -> CountableConnection:
    """Paginate an already-loaded list (children of a category, say)."""
    validate_page_args(args, connection_name)
    start = decode_cursor(args["after"]) + 1 if args.get("after") else 0
    end = decode_cursor(args["before"]) if args.get("before") else len(items)
    if args.get("first") is not None:
        end = min(end, start + args["first"])
    else:
        start = max(start, end - args["last"])
    window = list(items[start:end])
    edge_type = connection_type.Edge
    edges = [edge_type(node=n, cursor=encode_cursor(start + i)) for i, n in enumerate(window)]
    connection = connection_type(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=start > 0,
            has_next_page=end < len(items),
        ),
    )
    connection.count_total = lambda: len(items)
    return connection
