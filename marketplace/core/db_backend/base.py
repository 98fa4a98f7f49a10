"""Django's PostgreSQL backend, with savepoints sent only when a statement needs them.

Every ``atomic()`` block nested in another costs a ``SAVEPOINT`` and a ``RELEASE SAVEPOINT``,
each a round trip to the database, and most blocks here are nested: a GraphQL mutation runs
in the document's transaction, its service in a block of its own, and the service calls
others that open theirs. The checkout path sent 22 of them for 8 requests.

A savepoint only has to exist on the server once a statement runs inside it, so this backend
queues them: ``SAVEPOINT`` is sent just before the next statement, together with whatever
else is queued, in one round trip. A savepoint released or rolled back before any statement
ran inside it is dropped without a word to the server (nothing happened in it to keep or
undo). A ``RELEASE`` waits for the next savepoint command or the end of the transaction:
until then the statements after it run inside the savepoint being released, which changes
nothing, since every rollback Django can still ask for (to an enclosing savepoint, or of the
whole transaction) undoes them either way, and a commit releases every savepoint at once.
Rolling back to a savepoint the server has drops what is queued after it and rolls back at
once, as before.

Statements reach the server through Django's cursors (the ORM, raw cursors, and the query
templates' server-bound cursors all go through ``CursorWrapper``), whose execute wrappers
run first: the queue is sent from there. The queued commands go as one logged query, so
query counts in tests see the round trips that really happen.

With ``CONN_HEALTH_CHECKS``, Django pings a kept connection (``SELECT 1``) before each
request's first statement. The ping is for a connection that sat idle while the server went
away; one that answered a statement less than ``HEALTH_CHECK_IDLE_SECONDS`` ago is not
pinged (a busy worker would otherwise pay a round trip per request). A server lost in that
second fails that request's statement, answered 503 as any unreachable database is, and
Django closes the connection at the request's end, so the next request connects afresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db.backends.postgresql import base as postgresql

HEALTH_CHECK_IDLE_SECONDS = 1.0

# django-stubs leave out the private hooks overridden here (_savepoint, _commit, …).
_PostgresWrapper: Any = postgresql.DatabaseWrapper


class DatabaseWrapper(_PostgresWrapper):
    health_check_done: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._queued_savepoint_sql: list[str] = []
        self._savepoints_never_sent: set[str] = set()
        self._answered_at = float("-inf")
        self.execute_wrappers.append(self._send_queued_savepoints_first)

    def _send_queued_savepoints_first(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if any(queued.startswith("SAVEPOINT") for queued in self._queued_savepoint_sql):
            self._send_queued_savepoints()  # the statement must run inside them
        result = execute(sql, params, many, context)
        self._answered_at = time.monotonic()
        return result

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self._answered_at < HEALTH_CHECK_IDLE_SECONDS
        ):
            self.health_check_done = True  # it just answered: no ping this request
            return
        super().close_if_health_check_failed()

    def _send_queued_savepoints(self) -> None:
        sql = "; ".join(self._queued_savepoint_sql)
        self._queued_savepoint_sql = []
        with self.cursor() as cursor:  # the wrapper finds the queue empty: no recursion
            cursor.execute(sql)

    def _savepoint(self, sid: str) -> None:
        self._queued_savepoint_sql.append(self.ops.savepoint_create_sql(sid))

    def _savepoint_commit(self, sid: str) -> None:
        queued = self._queued_savepoint_sql
        if sid in self._savepoints_never_sent:
            # Rolled back before it was sent (Django releases a savepoint after rolling
            # back to it): the server never had it.
            self._savepoints_never_sent.discard(sid)
            return
        if queued and queued[-1] == self.ops.savepoint_create_sql(sid):
            queued.pop()  # never sent, nothing ran in it: nothing to release
            return
        # RELEASE only merges the savepoint into its parent: it can wait for the next
        # savepoint command (sent with it) or be dropped by the transaction's end.
        queued.append(self.ops.savepoint_commit_sql(sid))

    def _savepoint_rollback(self, sid: str) -> None:
        queued = self._queued_savepoint_sql
        create = self.ops.savepoint_create_sql(sid)
        if create in queued:  # never sent: nothing ran in it, nothing to undo
            del queued[queued.index(create) :]
            self._savepoints_never_sent.add(sid)
            return
        # Everything queued came after this savepoint: the rollback undoes it anyway.
        self._queued_savepoint_sql = []
        super()._savepoint_rollback(sid)

    def _forget_savepoints(self) -> None:
        self._queued_savepoint_sql = []
        self._savepoints_never_sent.clear()

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
