"""Compare our schema with Saleor 3.23's, type by type, for everything our roots reach.

A difference is keyed by where it is (``Type``, ``Type.field``, ``Type.field(arg)``,
``Enum.VALUE``, ``Union|Member``, ``Type<Interface``) and says what differs. The reviewed
allow-list (tests/saleor_contract_allowlist.toml) maps a key to the reason the difference
is deliberate.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    build_ast_schema,
    get_named_type,
    parse,
)

DEFAULT_PATH = (
    Path(__file__).resolve().parents[2] / "shared" / "saleor-dialect" / "schema-3.23.graphql"
)
ALLOWLIST_PATH = Path(__file__).resolve().parent / "saleor_contract_allowlist.toml"


def saleor_schema_path() -> Path:
    return Path(os.environ.get("SALEOR_SCHEMA", DEFAULT_PATH))


@cache
def load_saleor_schema(path: Path) -> GraphQLSchema:
    # The stored copy lost one directive's name ("directive on FIELD | …"): drop that line.
    text = "\n".join(
        line for line in path.read_text().splitlines() if not line.startswith("directive on ")
    )
    return build_ast_schema(parse(text))


def load_allowlist() -> dict[str, str]:
    """Key → the reason of the group that lists it."""
    groups = tomllib.loads(ALLOWLIST_PATH.read_text()).get("group", [])
    return {str(key): str(group["reason"]) for group in groups for key in group["keys"]}


def _kind(graphql_type: GraphQLNamedType) -> str:
    kinds = (
        GraphQLObjectType,
        GraphQLInputObjectType,
        GraphQLEnumType,
        GraphQLScalarType,
        GraphQLInterfaceType,
        GraphQLUnionType,
    )
    return next(k.__name__ for k in kinds if isinstance(graphql_type, k))


def reachable_types(schema: GraphQLSchema) -> set[str]:
    """Every named type reachable from the Query and Mutation roots (fields, arguments,
    input fields, interfaces, union members and an interface's implementations)."""
    roots = [t for t in (schema.query_type, schema.mutation_type) if t is not None]
    seen: set[str] = set()
    stack: list[GraphQLNamedType] = list(roots)
    while stack:
        current = stack.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        nexts: list[GraphQLNamedType] = []
        if isinstance(current, GraphQLObjectType | GraphQLInterfaceType):
            for field in current.fields.values():
                nexts.append(get_named_type(field.type))
                nexts.extend(get_named_type(a.type) for a in field.args.values())
            nexts.extend(current.interfaces)
        if isinstance(current, GraphQLInterfaceType):
            nexts.extend(schema.get_possible_types(current))
        if isinstance(current, GraphQLUnionType):
            nexts.extend(current.types)
        if isinstance(current, GraphQLInputObjectType):
            nexts.extend(get_named_type(f.type) for f in current.fields.values())
        stack.extend(t for t in nexts if t.name not in seen)
    return {name for name in seen if not name.startswith("__")}


def _deprecation(field: object) -> str:
    return "deprecated" if getattr(field, "deprecation_reason", None) else "not deprecated"


def _compare_fields(name: str, ours: dict, theirs: dict, *, inputs: bool) -> dict[str, str]:
    found: dict[str, str] = {}
    for field_name, their_field in theirs.items():
        key = f"{name}.{field_name}"
        our_field = ours.get(field_name)
        if our_field is None:
            found[key] = f"missing (Saleor: {their_field.type})"
            continue
        if str(our_field.type) != str(their_field.type):
            found[key] = f"type {our_field.type} vs Saleor {their_field.type}"
        elif _deprecation(our_field) != _deprecation(their_field):
            found[key] = f"{_deprecation(our_field)} here, {_deprecation(their_field)} in Saleor"
        if inputs:
            continue
        for arg_name, their_arg in their_field.args.items():
            arg_key = f"{key}({arg_name})"
            our_arg = our_field.args.get(arg_name)
            if our_arg is None:
                found[arg_key] = f"argument missing (Saleor: {their_arg.type})"
            elif str(our_arg.type) != str(their_arg.type):
                found[arg_key] = f"argument type {our_arg.type} vs Saleor {their_arg.type}"
            elif _deprecation(our_arg) != _deprecation(their_arg):
                found[arg_key] = (
                    f"argument {_deprecation(our_arg)} here, {_deprecation(their_arg)} in Saleor"
                )
        for arg_name, our_arg in our_field.args.items():
            if arg_name not in their_field.args and "!" in str(our_arg.type)[-1:]:
                found[f"{key}({arg_name})"] = (
                    f"required argument {our_arg.type} Saleor clients never send"
                )
    if inputs:
        for field_name, our_field in ours.items():
            if field_name not in theirs and str(our_field.type).endswith("!"):
                found[f"{name}.{field_name}"] = (
                    f"required input field {our_field.type} Saleor clients never send"
                )
    return found


def differences(ours: GraphQLSchema, theirs: GraphQLSchema) -> dict[str, str]:
    """Key → description of every way a type reachable from our roots differs from Saleor's
    type of the same name. Our additions (extra fields, optional extra arguments) are not
    differences; anything a Saleor client could ask and not get, or get in another shape, is."""
    found: dict[str, str] = {}
    for name in sorted(reachable_types(ours)):
        their_type = theirs.type_map.get(name)
        if their_type is None:
            continue
        our_type = ours.type_map[name]
        if _kind(our_type) != _kind(their_type):
            found[name] = f"a {_kind(our_type)} here, a {_kind(their_type)} in Saleor"
            continue
        if isinstance(our_type, GraphQLObjectType | GraphQLInterfaceType):
            assert isinstance(their_type, GraphQLObjectType | GraphQLInterfaceType)
            found.update(_compare_fields(name, our_type.fields, their_type.fields, inputs=False))
            our_interfaces = {i.name for i in our_type.interfaces}
            for interface in their_type.interfaces:
                if interface.name not in our_interfaces:
                    found[f"{name}<{interface.name}"] = "does not implement the interface"
        elif isinstance(our_type, GraphQLInputObjectType):
            assert isinstance(their_type, GraphQLInputObjectType)
            found.update(_compare_fields(name, our_type.fields, their_type.fields, inputs=True))
        elif isinstance(our_type, GraphQLEnumType):
            assert isinstance(their_type, GraphQLEnumType)
            for value in set(their_type.values) - set(our_type.values):
                found[f"{name}.{value}"] = "enum value missing"
            for value in set(our_type.values) - set(their_type.values):
                found[f"{name}.{value}"] = "enum value Saleor lacks"
        elif isinstance(our_type, GraphQLUnionType):
            assert isinstance(their_type, GraphQLUnionType)
            our_members = {t.name for t in our_type.types}
            their_members = {t.name for t in their_type.types}
            for member in their_members - our_members:
                found[f"{name}|{member}"] = "union member missing"
            for member in our_members - their_members:
                found[f"{name}|{member}"] = "union member Saleor lacks"
    return found
