"""Review of the database backend (marketplace/core/db_backend): sequences where queued
savepoints could change what Django's own PostgreSQL backend does. Each sequence found to
differ runs twice (the ``engine`` fixture: Django's backend, then this one) and must end the
same way; where a docstring says "here", it tells what the backend did before its fix."""

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


# --- Second review: more sequences that differed from Django's backend (now the same) -------


def test_a_copy_inside_a_rolled_back_block_is_undone(table: None, engine: str) -> None:
    """cursor.copy() (psycopg's COPY, which Django's PostgreSQL cursors offer) runs without
    the execute wrappers: the block's queued SAVEPOINT is not sent first, the rows are copied
    into the enclosing transaction, and the block's rollback (to a savepoint still queued)
    undoes nothing."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic():
            with (
                connection.cursor() as cursor,
                cursor.copy("COPY savepoint_review (id) FROM STDIN") as copy,
            ):
                copy.write_row([2])
            raise Refused
        _insert(3)
    assert _kept() == [1, 3]


def test_a_procedure_failing_inside_a_block_is_rolled_back_to_its_savepoint(
    table: None, engine: str
) -> None:
    """cursor.callproc() goes round the execute wrappers too (Django runs the driver's
    callproc): the block's SAVEPOINT is still queued when the call fails, the rollback to it
    is dropped, its RELEASE then fails in the aborted transaction, and the enclosing block,
    which Django leaves usable, can run nothing more."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(DataError), transaction.atomic(), connection.cursor() as cursor:
            cursor.callproc("make_date", [2024, 2, 30])  # date field value out of range
        _insert(2)
    assert _kept() == [1, 2]


def test_a_query_refused_by_django_keeps_the_blocks_savepoint(table: None, engine: str) -> None:
    """mark_for_rollback_on_error (Model.save(), QuerySet.update(), ...) marks the block for
    rollback; the next query is refused by Django before it reaches the server. Here that
    query first takes the queue (emptied before it is sent), then the refusal: the block's
    SAVEPOINT is lost, its rollback asks the server for a savepoint it never had, and the
    enclosing block, which Django leaves usable, is marked for rollback."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(transaction.TransactionManagementError), transaction.atomic():
            with contextlib.suppress(Refused), transaction.mark_for_rollback_on_error():
                raise Refused  # e.g. a save() refused before its first statement
            _insert(2)  # Django: "You can't execute queries until the end of the block"
        _insert(3)
    assert _kept() == [1, 3]


def test_a_query_blocked_by_an_execute_wrapper_keeps_the_blocks_savepoint(
    table: None, engine: str
) -> None:
    """An execute wrapper that refuses queries (Django's documented blocker): the backend's
    flush goes through it first and is refused with the queue already emptied, so the
    block's SAVEPOINT never reaches the server and its rollback fails."""

    def blocker(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        raise Refused

    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic(), connection.execute_wrapper(blocker):
            _insert(2)
        _insert(3)
    assert _kept() == [1, 3]


class SoftTimeLimitExceeded(Exception):
    """Celery's soft time limit: raised from a signal handler wherever the task is."""


@pytest.mark.django_db(transaction=True)
def test_a_statement_interrupted_by_a_non_database_error_is_pinged_before_reuse(
    engine: str,
) -> None:
    """A task (or request) interrupted by a non-database exception while a statement is in
    flight (Celery's soft time limit, a signal-based timeout) leaves psycopg's connection
    busy with it. errors_occurred stays False (no database error), so
    close_if_unusable_or_obsolete() keeps the connection and Django's ping at the next
    task's first statement finds it unusable and reconnects. Here the last answer (the
    statement before) is less than a second old, the ping is skipped, and the next task's
    first statement fails."""
    import signal

    def soft_time_limit(signum, frame):  # type: ignore[no-untyped-def]
        raise SoftTimeLimitExceeded

    enabled = connection.health_check_enabled
    connection.health_check_enabled = True
    previous = signal.signal(signal.SIGALRM, soft_time_limit)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # a statement answered
            signal.setitimer(signal.ITIMER_REAL, 0.1)
            with pytest.raises(SoftTimeLimitExceeded):
                cursor.execute("SELECT pg_sleep(0.5)")  # the task's slow statement
        assert not connection.errors_occurred
        connection.close_if_unusable_or_obsolete()  # Celery's task_postrun / prerun
        with connection.cursor() as cursor:  # the next task
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        connection.health_check_enabled = enabled
        connection.close()


def test_rows_iterated_inside_a_block_are_fetched_inside_its_savepoint(
    table: None, engine: str
) -> None:
    """Iterating a server-side cursor sends a FETCH per ``itersize`` rows, each when the next
    row is asked for; the backend sends the queue once, when iter() is called. A batch
    pulled from an iterator inside a block of its own (``list(islice(rows, n))`` in an
    atomic block) is fetched before the block's SAVEPOINT is sent: the fetch that fails is
    not rolled back to it and the transaction stays aborted."""
    import itertools

    with transaction.atomic():
        _insert(1)
        cursor = connection.chunked_cursor()
        cursor.execute("SELECT 1 / (x - 3) FROM generate_series(1, 5) AS x")
        rows = iter(cursor)
        with pytest.raises(DataError), transaction.atomic():
            list(itertools.islice(rows, 2))  # division by zero on the third row
        with contextlib.suppress(DatabaseError):
            cursor.close()
        _insert(2)
    assert _kept() == [1, 2]


def test_a_released_savepoint_cannot_be_rolled_back_to(table: None, engine: str) -> None:
    """A savepoint released by savepoint_commit() no longer exists: Django's backend refuses
    a rollback to it (the server has no such savepoint) and the block is rolled back. Here
    the RELEASE is only queued, the rollback drops it and succeeds: no error, and the
    writes made after the release, which belong to the enclosing block, are undone."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(DatabaseError), transaction.atomic():
            sid = transaction.savepoint()
            _insert(2)
            transaction.savepoint_commit(sid)
            _insert(3)
            transaction.savepoint_rollback(sid)  # Django: savepoint does not exist
        _insert(4)
    assert _kept() == [1, 4]


# --- Third review: more sequences that differed from Django's backend (now the same) --------


def test_a_fetch_in_a_block_marked_for_rollback_still_returns_rows(
    table: None, engine: str
) -> None:
    """Django checks for a broken transaction in execute() and callproc() only: a
    server-side cursor's FETCH (and COPY, stream) still runs in a block marked for rollback
    (here by mark_for_rollback_on_error, as a save() refused before its first query does).
    Here the fetch first sends the block's queued SAVEPOINT through a Django cursor, whose
    execute() refuses it: the fetch raises TransactionManagementError."""
    with transaction.atomic():
        _insert(1)
        with connection.chunked_cursor() as cursor:
            cursor.execute("SELECT x FROM generate_series(1, 3) AS x")
            with transaction.atomic():
                with contextlib.suppress(Refused), transaction.mark_for_rollback_on_error():
                    raise Refused
                assert cursor.fetchmany(2) == [(1,), (2,)]
        _insert(2)
    assert _kept() == [1, 2]


def test_a_copy_in_a_block_marked_for_rollback_runs_and_is_undone(table: None, engine: str) -> None:
    """Same refusal for COPY: Django runs it (no broken-transaction check) inside the block's
    savepoint and the block's rollback undoes it; here the flush before it raises."""
    with transaction.atomic():
        _insert(1)
        with transaction.atomic():
            transaction.set_rollback(True)
            with (
                connection.cursor() as cursor,
                cursor.copy("COPY savepoint_review (id) FROM STDIN") as copy,
            ):
                copy.write_row([2])
        _insert(3)
    assert _kept() == [1, 3]


def test_iterating_a_server_side_cursor_again_goes_on_where_it_stopped(
    table: None, engine: str
) -> None:
    """psycopg keeps a server-side cursor's current page on the cursor: a loop broken off
    and a new ``for row in cursor`` (or ``next(iter(cursor))`` twice) go on with the next
    row. The backend's __iter__ fetches each page into the generator: a new iterator starts
    with a new FETCH and the rest of the previous page is lost."""
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute("SELECT x FROM generate_series(1, 5) AS x")
        assert next(iter(cursor)) == (1,)
        for row in cursor:
            assert row == (2,)
            break
        assert list(cursor) == [(3,), (4,), (5,)]


def test_a_released_savepoint_cannot_be_rolled_back_to_in_a_failed_transaction(
    table: None, engine: str
) -> None:
    """The second review's released-savepoint sequence, with the transaction failed by an
    error the code catches (the docs' savepoint/try/except pattern with its commit too
    early). Django's ROLLBACK TO the released savepoint is refused and the transaction stays
    aborted; here the queued RELEASE is dropped (the transaction failed), the rollback
    succeeds and the code goes on, its first write silently undone."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(DatabaseError), transaction.atomic():
            sid = transaction.savepoint()
            try:
                _insert(2)
                transaction.savepoint_commit(sid)
                _insert(1)  # IntegrityError: the transaction is aborted
            except IntegrityError:
                transaction.savepoint_rollback(sid)  # Django: the savepoint does not exist
            _insert(3)
        _insert(4)
    assert _kept() == [1, 4]


def test_closing_a_server_side_cursor_runs_inside_the_blocks_savepoint(
    table: None, engine: str
) -> None:
    """A server-side cursor's close() sends CLOSE, another statement that skips the execute
    wrappers. A cursor declared in a block that was rolled back is gone: its CLOSE fails.
    With Django's backend it fails inside the block it is closed in (whose rollback leaves
    the enclosing block usable); here that block's SAVEPOINT is still queued, the failure
    aborts the enclosing transaction and the rollback to the unsent savepoint fails."""
    with transaction.atomic():
        _insert(1)
        cursor = connection.chunked_cursor()
        with pytest.raises(Refused), transaction.atomic():
            cursor.execute("SELECT x FROM generate_series(1, 3) AS x")
            raise Refused
        with pytest.raises(DatabaseError), transaction.atomic():
            try:
                cursor.close()  # the cursor went with the rolled-back savepoint
            except psycopg.errors.InvalidCursorName:
                psycopg.Cursor.close(cursor.cursor)  # closed here, without a second CLOSE
            _insert(2)
        _insert(3)
    assert _kept() == [1, 3]


def test_releasing_a_savepoint_releases_the_ones_made_after_it(table: None, engine: str) -> None:
    """RELEASE SAVEPOINT also destroys every savepoint made after the one released. Two
    manual savepoints, the first released, a rollback to the second: Django's is refused
    (it no longer exists). Here both are still queued, the rollback to the second drops the
    first one's queued RELEASE and succeeds, and the first savepoint is alive again."""
    with transaction.atomic():
        _insert(1)
        with pytest.raises(DatabaseError), transaction.atomic():
            first = transaction.savepoint()
            second = transaction.savepoint()
            transaction.savepoint_commit(first)
            transaction.savepoint_rollback(second)  # Django: the savepoint does not exist
            _insert(2)
        _insert(3)
    assert _kept() == [1, 3]


def test_cursor_wrapper_behaviour_is_kept(table: None, engine: str) -> None:
    """What CursorWrapper does besides execute, unchanged by the backend's cursor classes:
    iteration of a client cursor, executemany, callproc (kparams refused), wrapped errors
    from a server-side fetch, closing on exit, and COPY logged in debug mode after the
    savepoint it runs in."""
    from django.db import NotSupportedError

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO savepoint_review VALUES (%s)", [[1], [2]])
            cursor.execute("SELECT id FROM savepoint_review ORDER BY id")
            assert list(cursor) == [(1,), (2,)]
            assert cursor.callproc("abs", [-3]) is not None and cursor.fetchone() == (3,)
            with pytest.raises(NotSupportedError):
                cursor.callproc("abs", [-3], {"x": 1})
        assert cursor.closed
        with (
            pytest.raises(DataError),
            transaction.atomic(),
            connection.chunked_cursor() as server,
        ):
            server.execute("SELECT 1 / (x - 2) FROM generate_series(1, 3) AS x")
            list(server)
        with (
            CaptureQueriesContext(connection) as captured,
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.copy("COPY savepoint_review (id) FROM STDIN") as copy,
        ):
            copy.write_row([3])
        sent = [query["sql"] for query in captured.captured_queries]
        assert sent[0].split("; ")[-1].startswith("SAVEPOINT"), sent  # with a queued RELEASE
        assert sent[1].startswith("COPY"), sent
    assert _kept() == [1, 2, 3]


def test_a_refused_rollback_keeps_the_savepoints_queued_after_its_target(
    table: None, engine: str
) -> None:
    """A rollback to a savepoint refused before it reaches the server (Django refuses any
    query in a block marked for rollback; an execute wrapper may too) changes nothing with
    Django's backend. Here the queue is emptied before the ROLLBACK TO is sent: the
    SAVEPOINT of the block still open inside the target is lost, the block's own rollback
    then fails and the enclosing block, which Django leaves usable, is marked for rollback."""
    with transaction.atomic():
        outer = transaction.savepoint()
        _insert(1)
        with transaction.atomic():
            with contextlib.suppress(Refused), transaction.mark_for_rollback_on_error():
                raise Refused
            with pytest.raises(transaction.TransactionManagementError):
                transaction.savepoint_rollback(outer)  # refused by Django: nothing happens
        _insert(2)
        transaction.savepoint_commit(outer)
    assert _kept() == [1, 2]
