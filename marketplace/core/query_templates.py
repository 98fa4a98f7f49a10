"""Querysets compiled to SQL once per process, for the hottest reads of the checkout path.

Building and compiling a ``select_related`` queryset costs milliseconds of Python each time
(about 5 ms for a basket's lines with their variants, products, product types, workshops
and packaging, where the database answers in 0.6 ms), and the checkout path reads the same
shapes again and again. A template builds its queryset once with probe values standing in
for its arguments, keeps the SQL, and afterwards runs that SQL with the arguments put where
the probes were. Rows become model instances through Django's own machinery (the compiler's
converters and related populators), exactly as iterating the queryset would make them.

The probes are checked when the template compiles: the queryset is built twice more, with
near and with far probe values, and every compilation must give the same SQL and differ in
exactly the parameters the probes account for. A shape that does not pass (an argument that
changes the SQL itself, a list whose length varies, a value derived from an argument or read
from the clock inside the build, a prefetch) raises at once: such reads stay querysets. A
build must not branch on an argument's value (both probes could fall on one side).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from ipaddress import IPv4Address, IPv6Address, ip_address
from typing import Any, Generic, TypeVar

import psycopg
from django.conf import settings
from django.db import connections, router
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.models import Lookup, Model, QuerySet
from django.db.models.query import ModelIterable, ValuesIterable, get_related_populators
from django.db.transaction import TransactionManagementError
from psycopg import adapters
from psycopg.pq import Format

M = TypeVar("M", bound=Model)
_TIMESTAMPTZ = adapters.types["timestamptz"].oid


class TemplateError(Exception):
    """The queryset's shape cannot be compiled once and reused (see the module's text)."""


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (parameter position, argument name)
    compiler: Any
    locks: bool
    addresses: frozenset[int]  # positions bound as IP addresses
    names: tuple[str, ...] = ()  # a .values() queryset's keys (no model fields then)
    init_list: tuple[str, ...] = ()
    model_fields: slice = field(default_factory=lambda: slice(0))
    populators: tuple[Any, ...] = ()
    annotations: tuple[tuple[str, int], ...] = ()


class _ServerBound(psycopg.Cursor):
    """Parameters bound by the server and, unless DATABASE_PREPARED_STATEMENTS is off, the
    statement prepared on its first run on a connection: a template's SQL never changes, so
    PostgreSQL plans it once. (Django binds on the client for every other query: the ORM's
    SQL repeats a parameter in SELECT and GROUP BY, which a server-bound statement refuses.)"""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        options["prepare"] = settings.DATABASE_PREPARED_STATEMENTS or False
        return super().execute(query, params, **options)


def _bound_cursor(connection: Any) -> Any:
    """A cursor like connection.cursor() (wrappers, query log, timezone), bound on the server."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if (
            settings.DATABASE_PREPARED_STATEMENTS
            and connection.connection.prepare_threshold is None
        ):
            # Django leaves psycopg's threshold at None, which refuses even an explicit
            # prepare; only server-bound cursors (these) ever prepare, Django's bind on the
            # client, so this changes nothing for its own queries.
            connection.connection.prepare_threshold = 0
        raw = _ServerBound(connection.connection)
        timestamps = connection.connection.adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)
        if connection.timezone != timestamps.timezone:
            register_tzloader(connection.timezone, raw)
        return connection._prepare_cursor(raw)


def _other(value: Any, far: bool = False) -> Any:
    """Another probe of the same type, different from ``value``: near (the next value) or far
    (another day, another range), so that what a build derives from an argument (a date
    from a moment) differs in at least one of them."""
    if isinstance(value, bool):
        raise TemplateError("A boolean argument cannot be told apart from constants.")
    if isinstance(value, int):
        return value - (7919 if far else 1)
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=(value.int + (2**64 + 3 if far else 1)) % 2**128)
    address = _ip(value) if isinstance(value, str) else None
    if address is not None:
        return str(address + (65_537 if far else 1))
    if isinstance(value, str):
        return value + ("~·~" if far else "~")
    if isinstance(value, datetime):
        return value + (timedelta(days=400, hours=5) if far else timedelta(seconds=1))
    if isinstance(value, list):
        return [_other(item, far) for item in value]
    raise TemplateError(f"No second probe for a {type(value).__name__} argument.")


class AnyOf(Lookup):
    """``AnyOf(F("field"), values)``: ``field = ANY(%s)``, one array parameter however many
    values, where ``field__in`` writes one placeholder per value: the SQL keeps one shape
    (a template, a prepared statement) whatever the list's length."""

    lookup_name = "any_of"
    prepare_rhs = False

    # One parameter is a list (the array), which the stubs' str | int does not admit.
    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # The column's type without its length (varchar(2) would truncate longer values).
        array_type = self.lhs.output_field.db_type(connection).split("(")[0]
        return f"{lhs} = ANY(%s::{array_type}[])", [*lhs_params, list(self.rhs)]


def _ip(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text)
    except ValueError:
        return None


def _same(value: Any, probe: Any) -> bool:
    """``value`` is the parameter ``probe`` became (an IP address field's text is bound as
    an address)."""
    if isinstance(value, IPv4Address | IPv6Address) and isinstance(probe, str):
        return value == _ip(probe)
    return type(value) is type(probe) and bool(value == probe)


def _positions(params: tuple[Any, ...], probe: Any) -> list[int]:
    return [i for i, value in enumerate(params) if _same(value, probe)]


class QueryTemplate(Generic[M]):
    """``build(**arguments)`` compiled once (per database alias); ``rows(**arguments)`` runs
    it. ``probes`` gives, for each argument, a value no real call or constant uses."""

    def __init__(self, build: Callable[..., QuerySet[M]], **probes: Any) -> None:
        self._build = build
        self._probes = probes
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()
        self._shape: tuple[type[Model], bool] | None = None

    def _compile(self, alias: str) -> _Compiled:
        first = self._build(**self._probes).using(alias)
        if first._iterable_class not in (ModelIterable, ValuesIterable):
            raise TemplateError("Only querysets of instances or of .values() dicts.")
        if getattr(first, "_prefetch_related_lookups", ()):
            raise TemplateError("A template runs one query: no prefetch_related.")
        compiler = first.query.get_compiler(using=alias)
        sql, raw_params = compiler.as_sql()
        params = tuple(raw_params)
        slots: list[tuple[int, str]] = []
        for name, probe in self._probes.items():
            found = _positions(params, probe)
            if not found:
                raise TemplateError(f"Argument {name!r} does not map onto parameters.")
            slots.extend((position, name) for position in found)
        taken = {position for position, _ in slots}
        if len(taken) != len(slots):
            raise TemplateError("Two arguments map onto one parameter.")
        for far in (False, True):
            others = {name: _other(value, far) for name, value in self._probes.items()}
            again = self._build(**others).using(alias).query.get_compiler(using=alias).as_sql()
            if again[0] != sql or len(again[1]) != len(params):
                raise TemplateError("The arguments change the SQL itself.")
            for position, value in enumerate(again[1]):
                if position in taken:
                    name = next(n for p, n in slots if p == position)
                    if not _same(value, others[name]):
                        raise TemplateError(f"Argument {name!r} does not map onto parameters.")
                elif value != params[position]:  # derived from an argument, or a clock
                    raise TemplateError("The parameters differ beyond the arguments.")
        addresses = frozenset(
            position
            for position, _ in slots
            if isinstance(params[position], IPv4Address | IPv6Address)
        )
        query = first.query
        common: dict[str, Any] = {
            "sql": sql,
            "params": params,
            "slots": tuple(slots),
            "addresses": addresses,
            "compiler": compiler,
            "locks": bool(query.select_for_update),
        }
        if first._iterable_class is ValuesIterable:  # .values(): rows are dicts of these names
            # As ValuesIterable names them (Django 5.2 keeps the order asked in selected).
            names = (
                tuple(query.selected)
                if query.selected
                else (*query.extra_select, *query.values_select, *query.annotation_select)
            )
            return _Compiled(**common, names=names)
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return _Compiled(
            **common,
            init_list=tuple(f[0].target.attname for f in select[start:end]),
            model_fields=slice(start, end),
            populators=tuple(get_related_populators(klass_info, select, alias)),  # type: ignore[call-arg]
            annotations=tuple(compiler.annotation_col_map.items()),
        )

    def _alias(self) -> str:
        """The database the queryset would use (its router's answer), without building it."""
        if self._shape is None:
            probe = self._build(**self._probes)
            self._shape = (probe.model, bool(probe.query.select_for_update))
        model, locks = self._shape
        alias = router.db_for_write(model) if locks else router.db_for_read(model)
        return alias or "default"

    def compiled(self, alias: str) -> _Compiled:
        found = self._compiled.get(alias)
        if found is None:
            with self._lock:
                found = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = found
        return found

    def _fetch(self, using: str | None, arguments: dict[str, Any]) -> tuple[_Compiled, str, Any]:
        if set(arguments) != set(self._probes):
            raise TypeError(f"Expected arguments {sorted(self._probes)}, got {sorted(arguments)}.")
        alias = using or self._alias()
        compiled = self.compiled(alias)
        connection = connections[alias]
        if compiled.locks and connection.get_autocommit():
            raise TransactionManagementError("select_for_update needs a transaction.")
        params = list(compiled.params)
        for position, name in compiled.slots:
            value = arguments[name]
            # Bound as the ORM binds it: an IP address field's text as an address.
            params[position] = ip_address(value) if position in compiled.addresses else value
        with _bound_cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        if connection.queries_logged and connection.queries_log:
            logged = connection.queries_log[-1]  # Django cannot read a server-bound query back
            if logged.get("sql") is None:
                logged["sql"] = connection.ops.compose_sql(compiled.sql, params)  # type: ignore[attr-defined]
        compiler = compiled.compiler
        if compiler.has_extra_select:  # ordering columns, as execute_sql drops them
            fetched = [row[: compiler.col_count] for row in fetched]
        return compiled, alias, compiler.results_iter([fetched])

    def rows(
        self,
        *,
        known: Mapping[str, Model] | None = None,
        using: str | None = None,
        **arguments: Any,
    ) -> list[M]:
        """The instances the queryset would give for ``arguments``; ``known`` sets related
        objects the caller already holds on each (as a related manager's queryset does)."""
        compiled, alias, results = self._fetch(using, arguments)
        if compiled.names:
            raise TypeError("A .values() template gives dicts: call dicts().")
        model = compiled.compiler.klass_info["model"]
        made: list[M] = []
        for row in results:
            obj = model.from_db(alias, compiled.init_list, row[compiled.model_fields])
            for populator in compiled.populators:
                populator.populate(row, obj)
            for attribute, column in compiled.annotations:
                setattr(obj, attribute, row[column])
            for name, related in (known or {}).items():
                setattr(obj, name, related)
            made.append(obj)
        return made

    def dicts(self, *, using: str | None = None, **arguments: Any) -> list[dict[str, Any]]:
        """The rows a ``.values()`` queryset would give for ``arguments``."""
        compiled, _alias, results = self._fetch(using, arguments)
        if not compiled.names:
            raise TypeError("A model template gives instances: call rows().")
        return [dict(zip(compiled.names, row, strict=True)) for row in results]
