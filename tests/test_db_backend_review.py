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
    DataError,
    IntegrityError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.backends.postgresql.base import DatabaseWrapper as postgresql
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


_OVERRIDES = (
    "_savepoint",
    "_savepoint_commit",
    "_savepoint_rollback",
    "_commit",
    "_rollback",
    "_close",
    "_set_autocommit",
    "connect",
    "make_cursor",
    "make_debug_cursor",
    "close_if_health_check_failed",
)


@pytest.fixture(params=["stock", "backend"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each defect's sequence runs twice: with Django's own PostgreSQL backend (the
    overrides and the execute wrapper taken out: the expected outcome) and with this one."""
    wrappers = connections["default"].execute_wrappers
    ours = connections["default"]._send_queued_savepoints_first
    if request.param == "stock":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # sends what is queued (the test's own savepoint)
        for name in _OVERRIDES:
            monkeypatch.setattr(backend.DatabaseWrapper, name, getattr(postgresql, name))
        position = wrappers.index(ours)
        wrappers.remove(ours)
    yield request.param
    if request.param == "stock":
        monkeypatch.undo()
        wrappers.insert(position, ours)
        connections["default"]._forget_savepoints()


# --- Sequences that differed from Django's backend (now the same) -------------------------


def test_a_block_left_with_its_transaction_aborted_fails_on_exit(table: None, engine: str) -> None:
    """An error caught inside a block without a nested atomic leaves the transaction
    aborted. Django's RELEASE at the block's end fails, Django rolls back to the savepoint
    and raises: the enclosing block goes on. Here the RELEASE is only queued: the block
    exits as if all went well and the outer block's next statement fails instead."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(DatabaseError), transaction.atomic():
            _insert(2)
            with contextlib.suppress(IntegrityError):
                _insert(2)  # raw cursor: Django does not mark the block for rollback
        _insert(3)
    assert _kept() == [1, 3]


@pytest.mark.django_db(transaction=True)
def test_an_aborted_inner_block_is_not_committed_silently(engine: str) -> None:
    """Same sequence, outermost block committing: Django raises at the inner block's end;
    here nothing raises, COMMIT of the aborted transaction is a silent ROLLBACK and every
    write of the outer block is lost without an error."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE savepoint_review_kept (id int PRIMARY KEY)")
    try:
        raised = False
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO savepoint_review_kept VALUES (1)")
                with transaction.atomic():
                    with connection.cursor() as cursor:
                        cursor.execute("INSERT INTO savepoint_review_kept VALUES (2)")
                    with contextlib.suppress(IntegrityError), connection.cursor() as cursor:
                        cursor.execute("INSERT INTO savepoint_review_kept VALUES (2)")
        except DatabaseError:
            raised = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM savepoint_review_kept")
            kept = [row[0] for row in cursor.fetchall()]
        # Stock Django: the inner block raises (its RELEASE fails); nothing is committed.
        assert raised, f"no error raised, rows kept: {kept}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS savepoint_review_kept")


def test_a_savepoint_can_be_rolled_back_to_twice(table: None, engine: str) -> None:
    """A savepoint survives ROLLBACK TO: a retry loop rolls back to the same one again.
    Rolled back before it was sent, it is dropped here, and the second rollback asks the
    server for a savepoint it never had."""
    with transaction.atomic():
        _insert(1)
        sid = transaction.savepoint()
        transaction.savepoint_rollback(sid)  # first attempt refused before any statement
        _insert(2)  # second attempt
        transaction.savepoint_rollback(sid)  # refused too: undoes it
        _insert(3)
        transaction.savepoint_commit(sid)
    assert _kept() == [1, 3]


def test_a_fetch_failing_inside_a_block_is_rolled_back_to_its_savepoint(
    table: None, engine: str
) -> None:
    """A server-side cursor (QuerySet.iterator()) fetches with FETCH, which is no execute
    and so does not send the queue: the savepoint of a block whose first use of the
    database is a fetch is not on the server when the fetch fails, the rollback to it is
    dropped, and the transaction stays aborted."""
    with transaction.atomic():
        _insert(1)
        cursor = connection.chunked_cursor()
        cursor.execute("SELECT 1 / (x - 3) FROM generate_series(1, 5) AS x")
        assert cursor.fetchmany(1) == [(0,)]
        with pytest.raises(DataError), transaction.atomic():
            cursor.fetchmany(5)  # division by zero on the third row
        with contextlib.suppress(DatabaseError):
            cursor.close()
        _insert(2)
    assert _kept() == [1, 2]


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


@pytest.mark.django_db(transaction=True)
def test_a_manual_savepoint_after_a_close_does_not_reach_the_next_connection(
    engine: str,
) -> None:
    """A manual savepoint on the closed connection: Django raises at once. Here it is queued
    after _close() emptied the queue, survives the reconnect and is sent, in autocommit
    mode, before the next connection's first statement."""
    with transaction.atomic():
        connection.close()
        with contextlib.suppress(DatabaseError):
            transaction.savepoint()  # Django: OperationalError (the connection is closed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


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
def test_rows_locked_by_a_fetch_in_a_rolled_back_block_are_unlocked(engine: str) -> None:
    """select_for_update().iterator(): rows are locked as they are fetched. Fetched inside a
    block whose savepoint is rolled back, Django's backend releases their locks (they were
    taken inside the savepoint); here the savepoint never reached the server, the locks
    belong to the enclosing transaction and stay until its end."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE savepoint_review_locks (id int PRIMARY KEY)")
        cursor.execute("INSERT INTO savepoint_review_locks VALUES (1), (2), (3)")
    try:
        with transaction.atomic(), _other_connection() as other:
            rows = connection.chunked_cursor()
            rows.execute("SELECT id FROM savepoint_review_locks ORDER BY id FOR UPDATE")
            assert rows.fetchmany(1) == [(1,)]
            with pytest.raises(Refused), transaction.atomic():
                assert rows.fetchmany(2) == [(2,), (3,)]
                raise Refused
            rows.close()
            other.execute("SET lock_timeout = '200ms'")
            other.execute("SELECT id FROM savepoint_review_locks WHERE id = 2 FOR UPDATE")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS savepoint_review_locks")


@pytest.mark.django_db(transaction=True)
def test_a_savepoint_queued_outside_a_transaction_does_not_outlive_it(engine: str) -> None:
    """Manual transaction mode: a savepoint made and autocommit turned back on without a
    commit. Django's SAVEPOINT opened the transaction, so psycopg refuses the switch; here
    nothing was sent, the switch succeeds and the queued SAVEPOINT goes, in autocommit
    mode, before the next statement."""
    transaction.set_autocommit(False)
    try:
        transaction.savepoint()
        with contextlib.suppress(DatabaseError):
            transaction.set_autocommit(True)  # Django: refused, in a transaction
    finally:
        if not transaction.get_autocommit():
            transaction.rollback()
            transaction.set_autocommit(True)
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


@pytest.mark.django_db(transaction=True)
def test_a_nowait_lock_refused_in_a_nested_block_leaves_the_outer_block_usable() -> None:
    """select_for_update(nowait=True) refused inside a block: the statement runs inside the
    block's savepoint (sent with it), so the rollback to it leaves the outer block usable."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE savepoint_review_nowait (id int PRIMARY KEY)")
        cursor.execute("INSERT INTO savepoint_review_nowait VALUES (1)")
    try:
        with _other_connection() as other:
            other.execute("BEGIN")
            other.execute("SELECT id FROM savepoint_review_nowait FOR UPDATE")
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO savepoint_review_nowait VALUES (2)")
                with pytest.raises(OperationalError), transaction.atomic():
                    with transaction.atomic():
                        pass
                    with connection.cursor() as cursor:
                        cursor.execute(
                            "SELECT id FROM savepoint_review_nowait WHERE id = 1 FOR UPDATE NOWAIT"
                        )
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO savepoint_review_nowait VALUES (3)")
            other.execute("ROLLBACK")
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM savepoint_review_nowait ORDER BY id")
            assert [row[0] for row in cursor.fetchall()] == [1, 2, 3]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS savepoint_review_nowait")


@pytest.mark.django_db(transaction=True)
def test_a_deferred_constraint_failing_at_commit_leaves_nothing_queued() -> None:
    """IntegrityError at COMMIT (a deferred constraint) with releases still queued: the
    transaction is rolled back and the next one starts with an empty queue."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE savepoint_review_deferred"
            " (id int, CONSTRAINT once UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)"
        )
    try:
        with pytest.raises(IntegrityError), transaction.atomic():
            for _ in range(2):
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute("INSERT INTO savepoint_review_deferred VALUES (1)")
            assert connection._queued_savepoint_sql  # a RELEASE waits for the COMMIT
        assert connection._queued_savepoint_sql == []
        with transaction.atomic(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO savepoint_review_deferred VALUES (2)")
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM savepoint_review_deferred")
            assert cursor.fetchall() == [(2,)]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS savepoint_review_deferred")


@pytest.mark.django_db(transaction=True)
def test_a_close_between_queued_releases_leaves_the_next_connection_clean() -> None:
    with transaction.atomic():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            connection.close()
        with transaction.atomic():
            pass
    assert connection._queued_savepoint_sql == []
    with transaction.atomic(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db(transaction=True)
def test_orm_iterators_fetch_inside_their_block() -> None:
    """QuerySet.iterator(chunk_size=...) fetches through cursor_iter's fetchmany: a chunk
    locked inside a rolled-back block is unlocked; with prefetch_related too."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    with transaction.atomic(), _other_connection() as other:
        rows = ContentType.objects.order_by("pk").select_for_update().iterator(chunk_size=1)
        first = next(rows)
        with pytest.raises(Refused), transaction.atomic():
            second = next(rows)
            raise Refused
        assert first.pk != second.pk
        other.execute("SET lock_timeout = '200ms'")
        other.execute("SELECT id FROM django_content_type WHERE id = %s FOR UPDATE", [second.pk])
        with transaction.atomic():
            permissions = Permission.objects.prefetch_related("content_type")
            assert all(p.content_type for p in permissions.iterator(chunk_size=5))


def test_server_side_cursors_are_logged_in_debug_mode(table: None) -> None:
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        cursor = connection.chunked_cursor()
        cursor.execute("SELECT x FROM generate_series(1, 3) AS x")
        assert cursor.fetchall() == [(1,), (2,), (3,)]
        cursor.close()
    sent = [query["sql"] for query in captured.captured_queries]
    assert sent[0].startswith("SAVEPOINT") and "generate_series" in sent[1]


@pytest.mark.django_db(transaction=True)
def test_threads_share_no_queue() -> None:
    import threading

    seen: list[object] = []

    def work() -> None:
        try:
            seen.append(list(connection._queued_savepoint_sql))
            with transaction.atomic(), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except BaseException as exc:
            seen.append(exc)
        finally:
            connection.close()

    with transaction.atomic(), transaction.atomic():
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        assert len(connection._queued_savepoint_sql) == 1  # this thread's own, untouched
    assert seen == [[]]
