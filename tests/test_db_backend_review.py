"""Review of the database backend (marketplace/core/db_backend): sequences where queued
savepoints could change what Django's own PostgreSQL backend does."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

import psycopg
import pytest
from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.test.utils import CaptureQueriesContext

from marketplace.core import database
from marketplace.core.db_backend import base as backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def table() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE savepoint_review (id int PRIMARY KEY)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS savepoint_review")


def _insert(value: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO savepoint_review VALUES (%s)", [value])


def _kept() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM savepoint_review ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


class Refused(Exception):
    pass


def _other_connection() -> psycopg.Connection:
    settings = connections["default"].settings_dict
    return psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_block_entered_after_a_close_leaves_nothing_for_the_next_connection() -> None:
    """connection.close() inside a transaction marks it for rollback, so a block entered
    afterwards makes no savepoint: nothing is queued after _close() emptied the queue."""
    with transaction.atomic():
        connection.close()
        with transaction.atomic():
            pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


# --- Regression tests for risks found fine ------------------------------------------------


def test_popping_a_callers_wrappers_keeps_the_backend_wrapper(table: None) -> None:
    ours = connection._send_queued_savepoints_first
    seen: list[str] = []

    def spy(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return execute(sql, params, many, context)

    with transaction.atomic():
        with connection.execute_wrapper(spy), connection.execute_wrapper(spy), transaction.atomic():
            _insert(1)
        assert ours in connection.execute_wrappers
        with pytest.raises(Refused), transaction.atomic():
            _insert(2)
            raise Refused
    assert _kept() == [1]
    assert any(sql.startswith("SAVEPOINT") for sql in seen)


def test_on_commit_callbacks_follow_their_blocks(table: None) -> None:
    def outer() -> None: ...
    def rolled_back() -> None: ...
    def released() -> None: ...
    def dropped() -> None: ...

    with transaction.atomic():
        transaction.on_commit(outer)
        with pytest.raises(IntegrityError), transaction.atomic():
            transaction.on_commit(rolled_back)
            _insert(1)
            _insert(1)
        with transaction.atomic():
            transaction.on_commit(released)  # never sent, released
        with pytest.raises(Refused), transaction.atomic():
            transaction.on_commit(dropped)  # never sent, rolled back
            raise Refused
        kept = [entry[1] for entry in connection.run_on_commit]
    assert kept == [outer, released]


def test_savepoint_false_inside_a_savepoint_block_marks_the_block(table: None) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic():
            _insert(2)
            with transaction.atomic(savepoint=False):
                _insert(3)
                raise Refused
        _insert(4)
    assert _kept() == [1, 4]


def test_bulk_writes_and_iterators_run_inside_their_savepoint(table: None) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.executemany("INSERT INTO savepoint_review VALUES (%s)", [[2], [3]])
            raise Refused
        with pytest.raises(Refused), transaction.atomic():
            cursor = connection.chunked_cursor()
            cursor.execute("SELECT id FROM savepoint_review FOR UPDATE")
            assert cursor.fetchall() == [(1,)]
            cursor.close()
            raise Refused
        _insert(4)
    assert _kept() == [1, 4]


def test_a_failing_flush_leaves_the_enclosing_transaction_to_roll_back(table: None) -> None:
    """The flush itself fails (here: a statement in an aborted transaction): the error
    reaches the caller and the enclosing block is marked for rollback, as when Django's
    SAVEPOINT fails on entry."""
    with pytest.raises(DatabaseError), transaction.atomic():
        _insert(1)
        with contextlib.suppress(IntegrityError):
            _insert(1)  # aborted, unknown to Django
        with transaction.atomic():
            _insert(2)
    assert connection.get_autocommit() is False  # still inside the test's transaction
    assert _kept() == []


@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_while_the_ping_is_skipped_answers_503_and_reconnects() -> None:
    """The server drops the connection within the second the ping is skipped: the request's
    first statement (here the queued savepoints) fails as an unreachable database (503),
    and the next request gets another connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    enabled = connection.health_check_enabled
    connection.health_check_enabled = True
    try:
        with _other_connection() as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
        time.sleep(0.05)
        connection.health_check_done = False  # a new request, within the second
        assert time.monotonic() - connection._answered_at < backend.HEALTH_CHECK_IDLE_SECONDS
        outer, inner = transaction.atomic(), transaction.atomic()
        with (
            pytest.raises(OperationalError) as failure,
            outer,
            inner,
            connection.cursor() as cursor,
        ):
            cursor.execute("SELECT 1")
        assert database.database_unavailable(failure.value)  # answered 503
        connection.close_if_unusable_or_obsolete()  # the request's end
        with connection.cursor() as cursor:  # the next request: another connection
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != pid
    finally:
        connection.health_check_enabled = enabled


def test_a_template_cursor_runs_inside_its_savepoint(table: None) -> None:
    from marketplace.core.query_templates import _bound_cursor

    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic():
            with _bound_cursor(connection) as cursor:
                cursor.execute("INSERT INTO savepoint_review VALUES (%s)", [2])
            raise Refused
        with transaction.atomic(), _bound_cursor(connection) as cursor:
            cursor.execute("INSERT INTO savepoint_review VALUES (%s)", [3])
    assert _kept() == [1, 3]


def test_the_test_savepoint_counts_with_the_first_statement(table: None) -> None:
    """Query counts: a savepoint queued outside a capture is logged inside it, with the
    first statement (Django logs it where the block is entered)."""
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        _kept()
    assert len(captured.captured_queries) == 2
    assert captured.captured_queries[0]["sql"].startswith("SAVEPOINT")
