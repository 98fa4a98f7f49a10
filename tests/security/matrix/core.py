"""The permission matrix's vocabulary: an entry per operation, how to run it as an actor, how
to compare answers, and a snapshot of the whole database to prove that nothing changed.

Which operations need an entry (read from the live schema, see ``operations_needing_entries``):
every Mutation field, and every Query field with an argument that names one object: an
argument of type ``ID`` / ``[ID]`` or one named like an identifier (IDENTIFIER_ARGUMENTS).
Context selectors such as ``channel`` or ``languageCode`` and list filters do not count.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from graphql import GraphQLList, GraphQLNonNull, GraphQLSchema

from conftest import GraphQLClient

from .world import ACTORS, World

IDENTIFIER_ARGUMENTS = frozenset(
    {"id", "ids", "slug", "serial", "token", "sku", "externalReference"}
)
# Rows that a request may touch without anything having changed for anybody.
UNWATCHED_TABLES = frozenset({"django_session"})

Variables = Callable[[World], dict[str, Any]]
Check = Callable[[dict[str, Any]], bool]
EVERYONE = frozenset(ACTORS)

# How an entry is judged for an actor not in ``allowed``:
#   OBJECT: the same answer as for a missing object of the kind, and no row changed;
#   SELF:   the operation acts on the caller's own account; the owner's rows stay as they were,
#           and callers who may not use it at all (anonymous) change nothing;
#   GATED:  no object is named; a caller without the role is refused and nothing changes.
OBJECT, SELF, GATED = "object", "self", "gated"


def _unwrap(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def takes_an_identifier(arguments: dict[str, Any]) -> bool:
    return any(
        name in IDENTIFIER_ARGUMENTS or getattr(_unwrap(arg.type), "name", "") == "ID"
        for name, arg in arguments.items()
    )


def operations_needing_entries(schema: GraphQLSchema) -> set[str]:
    """``mutation.<field>`` for every mutation, ``query.<field>`` for id-taking queries."""
    names = set()
    mutation = schema.mutation_type
    if mutation is not None:
        names |= {f"mutation.{name}" for name in mutation.fields}
    query = schema.query_type
    assert query is not None
    names |= {f"query.{name}" for name, f in query.fields.items() if takes_an_identifier(f.args)}
    return names


@dataclass(frozen=True)
class Entry:
    """One operation, aimed at an object of A's (or, for SELF, at buyer A's own account)."""

    operation: str  # "mutation.checkoutLinesAdd" or "query.order"
    document: str
    target: Variables
    allowed: frozenset[str]
    ok: Check  # what success looks like for an allowed actor (run on ``data``)
    missing: Variables | None = None  # OBJECT: the same operation on a missing object
    kind: str = OBJECT
    label: str = ""  # tells apart several entries of one operation
    uploads: tuple[str, ...] = ()  # variables sent as multipart files
    guard: Callable[[World], Any] | None = None  # SELF: the owner's rows
    denied: Check | None = None  # GATED/SELF: what a refusal looks like

    @property
    def name(self) -> str:
        return self.operation + (f"[{self.label}]" if self.label else "")


def payload_ok(field_name: str, result_field: str | None = None) -> Check:
    """No error, and (when named) a non-empty result field in the payload."""

    def check(data: dict[str, Any]) -> bool:
        payload = (data or {}).get(field_name)
        if not payload or payload.get("errors"):
            return False
        return result_field is None or bool(payload.get(result_field))

    return check


def found(field_name: str) -> Check:
    def check(data: dict[str, Any]) -> bool:
        value = (data or {}).get(field_name)
        if isinstance(value, dict) and "edges" in value:
            return bool(value["edges"])
        return value is not None

    return check


def refused_with(field_name: str, *codes: str) -> Check:
    def check(data: dict[str, Any]) -> bool:
        payload = (data or {}).get(field_name) or {}
        return bool(payload.get("errors")) and all(e["code"] in codes for e in payload["errors"])

    return check


def upload_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    return SimpleUploadedFile("anvil.png", png_bytes(), content_type="image/png")


def run(client: GraphQLClient, entry: Entry, variables: dict[str, Any]) -> dict[str, Any]:
    """The whole response body for this document, sent as the actor."""
    if not entry.uploads:
        return client.execute(entry.document, variables)
    operations = json.dumps(
        {"query": entry.document, "variables": {**variables, **dict.fromkeys(entry.uploads)}}
    )
    files = {str(i): upload_file() for i, _ in enumerate(entry.uploads)}
    mapping = {str(i): [f"variables.{name}"] for i, name in enumerate(entry.uploads)}
    response = client.client.post(
        "/graphql/", {"operations": operations, "map": json.dumps(mapping), **files}
    )
    body: dict[str, Any] = response.json()
    return body


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _leaves(item, f"{path}.{key}").items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in _leaves(item, f"{path}[{i}]").items()
        }
    return {path: value}


def normalise(body: dict[str, Any], *variable_sets: dict[str, Any]) -> str:
    """The body with every value that differs between the variable sets (the ids of the
    object and of the missing one) replaced by a placeholder."""
    leaves = [_leaves(v) for v in variable_sets]
    differing: set[str] = set()
    for path in set().union(*leaves):
        values = [found.get(path) for found in leaves]
        if len({json.dumps(v) for v in values}) > 1:
            differing |= {str(v) for v in values if isinstance(v, str | int) and str(v)}
    text = json.dumps(body, sort_keys=True)
    for value in sorted(differing, key=len, reverse=True):
        text = text.replace(value, "<ID>")
    return text


def _watched_tables() -> list[str]:
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    }
    return sorted(tables - UNWATCHED_TABLES)


def database_snapshot() -> dict[str, str]:
    """A digest of every row of every table the project owns (one query, so that every
    refused call can afford it)."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f"FROM {quote(table)} AS t"
        for table in _watched_tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), _watched_tables())
        return dict(cursor.fetchall())


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(t for t in before if before[t] != after.get(t))


def everyone_but(*actors: str) -> frozenset[str]:
    return EVERYONE - set(actors)


def only(*actors: str) -> frozenset[str]:
    assert set(actors) <= EVERYONE, actors
    return frozenset(actors)


def entries_by_operation(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.operation, []).append(entry)
    return grouped
