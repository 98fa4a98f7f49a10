"""Relay global ids: ``base64("Product:42")``, checked against the expected type."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import GraphQLError
from graphql_relay import from_global_id, to_global_id

from marketplace.core.input_checks import clip

__all__ = ["decode_id", "decode_ids", "to_global_id"]


def decode_id(global_id: str, expected_type: str, *, field: str = "id") -> int:
    try:
        type_name, raw_pk = from_global_id(global_id)
        pk = int(raw_pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise GraphQLError(f"Invalid ID: {clip(global_id)}. Couldn't resolve to a node.") from None
    if type_name != expected_type:
        raise GraphQLError(
            f"Invalid ID: {clip(global_id)}. Expected: {expected_type}, "
            f"received: {clip(type_name)}."
        )
    return pk


def decode_ids(global_ids: Iterable[str], expected_type: str) -> list[int]:
    return [decode_id(value, expected_type) for value in global_ids]
