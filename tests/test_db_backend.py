"""The database backend (marketplace/core/db_backend): savepoints reach the server only
when a statement runs inside them, with the same outcome as Django's own backend, and a
connection that just answered is not pinged again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from marketplace.core.db_backend import base as backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def table() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE savepoint_probe (id int PRIMARY KEY)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS savepoint_probe")


def _insert(value: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO savepoint_probe VALUES (%s)", [value])


def _kept() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM savepoint_probe ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def _savepoint_sql(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "SAVEPOINT" in q["sql"]]


class Refused(Exception):
    pass


def test_the_engine_is_in_use() -> None:
    assert isinstance(connections["default"], backend.DatabaseWrapper)


def test_a_block_without_statements_costs_no_round_trip(table: None) -> None:
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic(), transaction.atomic():
            pass
        with pytest.raises(Refused), transaction.atomic():
            raise Refused
    assert captured.captured_queries == []


def test_nested_savepoints_go_in_one_statement_before_the_first_query(table: None) -> None:
    outer, inner = transaction.atomic(), transaction.atomic()
    with CaptureQueriesContext(connection) as captured, outer, inner:
        _insert(1)
    sent = [q["sql"] for q in captured.captured_queries]
    assert len(sent) == 2 and sent[1].startswith("INSERT")
    assert sent[0].count("SAVEPOINT") == 2 and not sent[0].startswith("RELEASE")
    assert _kept() == [1]


def test_a_release_waits_and_goes_with_the_next_savepoint(table: None) -> None:
    with CaptureQueriesContext(connection) as captured:
        with transaction.atomic():
            _insert(1)
        _insert(2)
        with transaction.atomic():
            _insert(3)
    savepoints = _savepoint_sql(captured)
    assert len(savepoints) == 2, savepoints
    assert savepoints[1].startswith("RELEASE SAVEPOINT") and "; SAVEPOINT" in savepoints[1]
    assert _kept() == [1, 2, 3]


def test_a_failed_inner_block_undoes_only_its_own_writes(table: None) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic():
            _insert(2)
            raise Refused
        _insert(3)
    assert _kept() == [1, 3]


def test_an_outer_rollback_undoes_a_released_inner_block(table: None) -> None:
    with pytest.raises(Refused), transaction.atomic():
        _insert(1)
        with transaction.atomic():
            _insert(2)  # released (queued) here, then rolled back with its parent
        _insert(3)
        raise Refused
    _insert(4)
    assert _kept() == [4]


def test_a_refusal_before_any_statement_leaves_the_outer_block_usable(table: None) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(Refused), transaction.atomic(), transaction.atomic():
            raise Refused
        _insert(2)
    assert _kept() == [1, 2]


def test_a_block_refused_before_any_statement_leaves_no_trace_for_the_next(
    table: None,
) -> None:
    with transaction.atomic():
        _insert(1)
        for _ in range(3):
            with pytest.raises(Refused), transaction.atomic():
                raise Refused
        with transaction.atomic():
            _insert(2)  # sent with whatever was queued: nothing about the refused blocks
        with pytest.raises(Refused), transaction.atomic():
            _insert(3)
            raise Refused
        with transaction.atomic():
            _insert(4)
    assert _kept() == [1, 2, 4]


def test_a_caught_integrity_error_rolls_back_to_its_savepoint(table: None) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(IntegrityError), transaction.atomic():
            _insert(1)
        _insert(2)  # the transaction is still usable
    assert _kept() == [1, 2]


def test_manual_savepoints_keep_their_meaning(table: None) -> None:
    with transaction.atomic():
        first = transaction.savepoint()
        _insert(1)
        second = transaction.savepoint()
        transaction.savepoint_rollback(second)  # never sent: nothing to undo
        _insert(2)
        transaction.savepoint_rollback(first)
        _insert(3)
    assert _kept() == [3]


def test_a_connection_that_just_answered_is_not_pinged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pings: list[bool] = []
    original = backend.DatabaseWrapper.is_usable

    def counted(self: backend.DatabaseWrapper) -> bool:
        pings.append(True)
        return original(self)

    monkeypatch.setattr(backend.DatabaseWrapper, "is_usable", counted)
    database = connections["default"]
    with database.cursor() as cursor:
        cursor.execute("SELECT 1")
    enabled = database.health_check_enabled
    database.health_check_enabled = True
    try:
        database.health_check_done = False  # a new request
        database.close_if_health_check_failed()
        assert pings == [] and database.health_check_done

        monkeypatch.setattr(backend, "HEALTH_CHECK_IDLE_SECONDS", 0.0)  # idle long enough
        database.health_check_done = False
        database.close_if_health_check_failed()
        assert pings == [True] and database.connection is not None
    finally:
        database.health_check_enabled = enabled


@pytest.mark.django_db(transaction=True)
def test_a_server_lost_within_the_skip_window_fails_one_request_then_reconnects() -> None:
    import psycopg
    from django.db import OperationalError

    from marketplace.core.database import database_unavailable

    database = connections["default"]
    with database.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = database.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])

    database.health_check_done = False  # the next request: no ping, it answered just now
    with pytest.raises(OperationalError) as lost, database.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert database_unavailable(lost.value)  # answered 503 by the API (core/database.py)

    database.close_if_unusable_or_obsolete()  # what the request's end does
    assert database.connection is None
    with database.cursor() as cursor:  # the request after connects afresh
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_failed_statement_after_a_released_block_rolls_back_to_the_enclosing_one(
    table: None,
) -> None:
    with transaction.atomic():
        _insert(1)
        with pytest.raises(IntegrityError), transaction.atomic():
            with transaction.atomic():
                _insert(2)  # released, its RELEASE queued
            _insert(1)  # fails: the transaction refuses everything but a rollback
        _insert(3)
    assert _kept() == [1, 3]
