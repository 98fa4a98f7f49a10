"""Django's PostgreSQL backend, with savepoints sent only when a statement needs them.

Every ``atomic()`` block nested in another costs a ``SAVEPOINT`` and a ``RELEASE SAVEPOINT``,
each a round trip to the database, and most blocks here are nested: a GraphQL mutation runs in
the document's transaction, its service in a block of its own, and the service calls others
that open theirs. The checkout path sent 24 of them for 8 requests (now 11).

A savepoint only has to exist on the server once a statement runs inside it, so this backend
queues them: ``SAVEPOINT`` is sent just before the next statement, together with whatever else
is queued, in one round trip. A savepoint released or rolled back before any statement ran
inside it is dropped without a word to the server (nothing happened in it to keep or undo). A
``RELEASE`` waits for the next savepoint command or the end of the transaction: until then the
statements after it run inside the savepoint being released, which changes nothing, since every
rollback Django can still ask for (to an enclosing savepoint, or of the whole transaction)
undoes them either way, and a commit releases every savepoint at once. Rolling back to a
savepoint the server has rolls back at once, as before, with the RELEASEs still queued in the
same round trip (a savepoint released already is refused, as by Django's backend; a failed
transaction gets the rollback alone); rolling back to one still queued drops what is queued
after it and keeps the savepoint queued (it may be rolled back to again). Once the transaction
has failed (PostgreSQL refuses every command until a rollback), savepoint commands are sent at
once, so the block whose RELEASE fails learns it as with Django's backend. It keeps the list of
savepoints Django's backend would have on the server, so a RELEASE of, or a rollback to, one
already released is refused by the server as it would be there (what is queued is sent first;
in a failed transaction, the rollback names a savepoint that never was, for the same refusal).

Statements reach the server through Django's cursors (the ORM, raw cursors, and the query
templates' server-bound cursors all go through ``CursorWrapper``), whose execute wrappers run
first: the queue is sent from there (and kept until it reached the server: a statement Django
or a wrapper refuses leaves it queued), and before what skips the execute wrappers: COPY,
``stream``, ``callproc`` and each fetch of a server-side cursor (``.iterator()``: a FETCH is a
statement too). The queued commands go as one logged query, so query counts in tests see the
round trips that really happen.

With ``CONN_HEALTH_CHECKS``, Django pings a kept connection (``SELECT 1``) before each
request's first statement. The ping is for a connection that sat idle while the server went
away; one that answered a statement less than ``HEALTH_CHECK_IDLE_SECONDS`` ago, and is idle or
in a transaction (not left mid-statement by an exception from elsewhere), is not pinged (a busy
worker would otherwise pay a round trip per request). A server lost in that second fails that
request's statement, answered 503 as any unreachable database is, and Django closes the
connection at the request's end, so the next request connects afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
from django.db.backends.postgresql import base as postgresql
from django.db.backends.utils import CursorWrapper
from psycopg.pq import TransactionStatus

HEALTH_CHECK_IDLE_SECONDS = 1.0

# django-stubs leave out the private hooks overridden here (_savepoint, _commit, …).
_PostgresWrapper: Any = postgresql.DatabaseWrapper
# A named (server-side) cursor's fetches and close are statements (FETCH, CLOSE); a client
# cursor's are not. stream always is.
_ON_THE_SERVER_IF_NAMED = frozenset({"fetchone", "fetchmany", "fetchall", "scroll", "close"})
_SERVER_SIDE_CALLS = _ON_THE_SERVER_IF_NAMED | {"stream"}
_READY = (TransactionStatus.IDLE, TransactionStatus.INTRANS)


class _SendsSavepointsFirst:
    """What reaches the server without an execute: COPY, ``stream``, ``callproc``, and a
    server-side cursor's fetches (each a FETCH). The queued savepoints go first, so the rows
    are written, read and locked inside them."""

    db: Any
    cursor: Any

    def __getattr__(self, attr: str) -> Any:
        if attr in _SERVER_SIDE_CALLS and (
            attr not in _ON_THE_SERVER_IF_NAMED or isinstance(self.cursor, psycopg.ServerCursor)
        ):
            # Django checks for a broken transaction on execute and callproc only.
            self.db._send_savepoints_a_statement_needs(checked=False)
        return super().__getattr__(attr)  # type: ignore[misc]

    def copy(self, *args: Any, **kwargs: Any) -> Any:
        self.db._send_savepoints_a_statement_needs(checked=False)
        parent = getattr(super(), "copy", None)  # the debug wrapper logs it
        return (parent or self.__getattr__("copy"))(*args, **kwargs)

    def callproc(self, *args: Any, **kwargs: Any) -> Any:
        self.db._send_savepoints_a_statement_needs()
        return super().callproc(*args, **kwargs)  # type: ignore[misc]

    def __iter__(self) -> Iterator[Any]:
        if not isinstance(self.cursor, psycopg.ServerCursor):
            yield from super().__iter__()  # type: ignore[misc]
            return
        with self.db.wrap_database_errors:
            rows = iter(self.cursor)  # psycopg's own: a FETCH of itersize rows when needed
            while True:
                self.db._send_savepoints_a_statement_needs(checked=False)
                try:
                    row = next(rows)
                except StopIteration:
                    return
                yield row


class _Cursor(_SendsSavepointsFirst, CursorWrapper):
    pass


class _DebugCursor(_SendsSavepointsFirst, postgresql.CursorDebugWrapper):
    pass


class DatabaseWrapper(_PostgresWrapper):
    health_check_done: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._queued_savepoint_sql: list[str] = []
        self._sending_savepoints = False
        # The savepoints Django's backend would have on the server, oldest first.
        self._savepoints_alive: list[str] = []
        self._answered_at = float("-inf")
        self.execute_wrappers.append(self._send_queued_savepoints_first)

    def _send_queued_savepoints_first(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self._send_savepoints_a_statement_needs()
        # Until it answers, the connection counts as not having answered: a statement cut
        # short by something other than the database leaves it busy, to be pinged.
        self._answered_at = float("-inf")
        result = execute(sql, params, many, context)
        self._answered_at = time.monotonic()
        return result

    def _send_savepoints_a_statement_needs(self, *, checked: bool = True) -> None:
        if self._sending_savepoints:
            return
        if any(queued.startswith("SAVEPOINT") for queued in self._queued_savepoint_sql):
            self._send_queued_savepoints(checked=checked)  # the statement runs inside them

    def _send_queued_savepoints(self, *, checked: bool = True) -> None:
        """``checked``: as an execute, refused in a transaction Django knows is broken;
        unchecked for what Django lets through there (a fetch, a COPY)."""
        sent = list(self._queued_savepoint_sql)
        if not sent:
            return
        sql = "; ".join(sent)
        self._sending_savepoints = True
        try:
            if checked:
                with self.cursor() as cursor:
                    cursor.execute(sql)
            else:
                started = time.monotonic()
                with self.wrap_database_errors, psycopg.ClientCursor(self.connection) as raw:
                    raw.execute(sql)
                if self.queries_logged:
                    self.queries_log.append(
                        {"sql": sql, "time": f"{time.monotonic() - started:.3f}"}
                    )
        finally:
            self._sending_savepoints = False
        # Kept until they reached the server: a statement Django or an execute wrapper
        # refuses leaves them queued, as a block entered earlier would have them.
        del self._queued_savepoint_sql[: len(sent)]

    def _failed_transaction(self) -> bool:
        """The transaction refuses every command (an error it swallowed), or the connection
        is closed: savepoint commands go at once and fail as with Django's backend."""
        connection = self.connection
        return connection is not None and (
            connection.closed or connection.info.transaction_status == TransactionStatus.INERROR
        )

    def make_cursor(self, cursor: Any) -> Any:
        return _Cursor(cursor, self)

    def make_debug_cursor(self, cursor: Any) -> Any:
        return _DebugCursor(cursor, self)

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self._answered_at < HEALTH_CHECK_IDLE_SECONDS
            and self.connection.info.transaction_status in _READY
        ):
            self.health_check_done = True  # it just answered: no ping this request
            return
        super().close_if_health_check_failed()

    def _savepoint(self, sid: str) -> None:
        if self._failed_transaction():
            super()._savepoint(sid)  # refused at once, as with Django's backend
        else:
            self._queued_savepoint_sql.append(self.ops.savepoint_create_sql(sid))
        self._savepoints_alive.append(sid)

    def _savepoint_commit(self, sid: str) -> None:
        queued = self._queued_savepoint_sql
        create = self.ops.savepoint_create_sql(sid)
        alive = self._savepoints_alive
        if sid not in alive or self._failed_transaction():
            # Released or destroyed already (misuse), or the block ran into an error it
            # swallowed: the server must refuse this RELEASE now, as with Django's backend
            # (what was queued goes first, so it knows what Django's would).
            if create in queued:
                del queued[queued.index(create) :]
            if not self._failed_transaction():
                self._send_queued_savepoints(checked=False)
            super()._savepoint_commit(sid)
            return
        del alive[alive.index(sid) :]  # a RELEASE destroys the savepoints made after it
        if create in queued:
            # Never sent, nothing ran in it: nothing to release; those made after it go too.
            del queued[queued.index(create) :]
            return
        # RELEASE only merges the savepoint into its parent: it can wait for the next
        # savepoint command (sent with it) or be dropped by the transaction's end.
        queued.append(self.ops.savepoint_commit_sql(sid))

    def _savepoint_rollback(self, sid: str) -> None:
        queued = self._queued_savepoint_sql
        create = self.ops.savepoint_create_sql(sid)
        alive = self._savepoints_alive
        failed = self._failed_transaction()
        if sid not in alive:
            # Released or destroyed: Django's backend is refused by the server. The server
            # may still have it here (its RELEASE queued): what is queued goes first; a
            # failed transaction cannot take it, so the rollback names one that never was,
            # for the same refusal (the savepoint does not exist).
            if not failed:
                self._send_queued_savepoints(checked=False)
                super()._savepoint_rollback(sid)
            else:
                super()._savepoint_rollback(f"{sid}_released")
            return
        del alive[alive.index(sid) + 1 :]
        if create in queued:
            # Never sent, so nothing ran in it: nothing to undo. It stays queued (it can be
            # rolled back to again); Django's RELEASE after the rollback drops it.
            del queued[queued.index(create) + 1 :]
            return
        # What is queued came after this savepoint, and the rollback undoes it: the RELEASEs
        # go with it (one round trip), except in a failed transaction, which refuses
        # everything but the rollback.
        releases = [] if failed else [sql for sql in queued if sql.startswith("RELEASE")]
        self._sending_savepoints = True  # what is queued after it is not sent first
        try:
            with self.cursor() as cursor:
                cursor.execute("; ".join([*releases, self.ops.savepoint_rollback_sql(sid)]))
        finally:
            self._sending_savepoints = False
        self._queued_savepoint_sql = []  # only once the rollback was taken

    def _set_autocommit(self, autocommit: bool) -> None:
        # A queued SAVEPOINT would have opened a transaction: sent, psycopg refuses the
        # switch as it would have; nothing queued outlives the transaction either way.
        self._send_savepoints_a_statement_needs()
        self._forget_savepoints()
        super()._set_autocommit(autocommit)

    def connect(self) -> None:
        self._forget_savepoints()  # a new connection owes nothing to the last one
        super().connect()

    def _forget_savepoints(self) -> None:
        self._queued_savepoint_sql = []
        self._savepoints_alive = []

    def _commit(self) -> None:
        self._forget_savepoints()
        super()._commit()

    def _rollback(self) -> None:
        self._forget_savepoints()
        super()._rollback()

    def _close(self) -> None:
        self._forget_savepoints()
        self._answered_at = float("-inf")
        super()._close()
