"""Mutations in Saleor's shape: the payload carries the object and
``errors { field message code }``; a domain error never becomes a GraphQL error."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import graphene
from graphql import GraphQLError
from graphql_relay import to_global_id

from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo

from .ids import decode_id

ERROR_CODES = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE", "PERMISSION_DENIED"]


def error_type(
    name: str, codes: Collection[str] = ERROR_CODES, **extra_fields: Any
) -> tuple[type[graphene.Enum], type[graphene.ObjectType]]:
    """``<Name>ErrorCode`` enum and ``<Name>Error { field message code …extra }`` type."""
    code_enum = graphene.Enum(f"{name}ErrorCode", [(c, c) for c in codes])
    error = type(
        f"{name}Error",
        (graphene.ObjectType,),
        {
            "field": graphene.String(),
            "message": graphene.String(),
            "code": graphene.Field(code_enum, required=True),
            **extra_fields,
        },
    )
    return code_enum, error


def decode(global_id: str, *type_names: str, field: str) -> int:
    """A Relay id of one of the given types; a wrong or broken id is a field error."""
    for type_name in type_names:
        try:
            return decode_id(global_id, type_name, field=field)
        except GraphQLError:
            continue
    raise DomainError(
        f"Couldn't resolve {echo(global_id)} to a {' or '.join(type_names)}.",
        field=field,
        code="GRAPHQL_ERROR",
    )


def decode_optional(global_id: str | None, *type_names: str, field: str) -> int | None:
    return None if global_id is None else decode(global_id, *type_names, field=field)


def decode_many(values: Iterable[str] | None, type_name: str, *, field: str) -> list[int]:
    return [decode(value, type_name, field=field) for value in values or []]


def run(
    payload: type[graphene.ObjectType],
    result_field: str | None,
    work: Callable[[], Any],
    *,
    codes: Collection[str] = ERROR_CODES,
    renamed: Mapping[str, str] | None = None,
) -> Any:
    """Call the service; put its result, or its DomainError, into the payload.

    ``result_field`` names the payload field for the result; with None, the work returns a
    mapping of payload fields. Error codes outside ``codes`` are reported as INVALID (after
    ``renamed`` maps domain codes onto the payload's own, e.g. PERMISSION_DENIED to
    JWT_MISSING_TOKEN for accounts).
    """
    try:
        result = work()
    except DomainError as error:
        field = error.field
        if field and "_" in field:  # services may name snake_case fields: answer in camelCase
            head, *rest = field.split("_")
            field = head + "".join(part.title() for part in rest)
        code = (renamed or {}).get(error.code, error.code)
        problem: dict[str, Any] = {
            "field": field,
            "message": error.message,
            "code": code if code in codes else "INVALID",
        }
        if hasattr(error, "address_type"):
            problem["address_type"] = error.address_type
        variants = getattr(error, "variants", None) or getattr(error, "variant_ids", None)
        if variants:  # error types without the field ignore the key
            problem["variants"] = [to_global_id("ProductVariant", v) for v in variants]
        return payload(errors=[problem])
    if result_field is None:
        return payload(errors=[], **result)
    return payload(errors=[], **{result_field: result})
