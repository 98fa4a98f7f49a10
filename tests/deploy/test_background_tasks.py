"""Celery: named queues, beat's schedule, retries with backoff and failed-task records."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marketplace.celery import app
from marketplace.core.models import FailedTask

app.loader.import_default_modules()

attempts: list[int] = []
healthy = {"smtp": False}


@app.task(name="tests.deploy.send_flaky_mail")
def send_flaky_mail(*, order_number: int) -> str:
    attempts.append(order_number)
    if not healthy["smtp"]:
        raise ConnectionError("SMTP server refused the connection")
    return f"sent {order_number}"


def _queue(task_name: str) -> str:
    route = app.amqp.router.route({}, task_name)
    return str(route["queue"].name)


def test_each_kind_of_work_has_its_queue() -> None:
    assert _queue("marketplace.accounts.tasks.send_password_reset") == "mail"
    assert _queue("marketplace.orders.tasks.send_order_confirmation") == "mail"
    assert _queue("marketplace.orders.tasks.order_placed_work") == "celery"
    assert _queue("marketplace.orders.tasks.issue_sale_certificates") == "documents"
    assert _queue("marketplace.provenance.tasks.certificate_render_pdf") == "documents"
    assert _queue("marketplace.catalog.tasks.thumbnails_warm") == "media"
    assert _queue("marketplace.payouts.tasks.payout_send") == "payouts"
    assert _queue("marketplace.inventory.tasks.reservations_expire_lapsed") == "celery"


def test_beat_runs_payouts_per_currency_and_clears_lapsed_reservations() -> None:
    schedule = app.conf.beat_schedule
    payouts = {
        entry["kwargs"]["currency"]
        for name, entry in schedule.items()
        if name.startswith("payouts-")
    }
    assert payouts == {"EUR", "USD", "DZD", "TND"}
    assert str(schedule["payouts-eur"]["schedule"]) == "<crontab: 0 6 * * 1 (m/h/dM/MY/d)>"
    assert schedule["reservations-expire"]["schedule"].total_seconds() == 300
    for entry in schedule.values():
        assert entry["task"] in app.tasks, entry["task"]


@pytest.mark.django_db
def test_in_process_a_failing_task_raises_its_own_error_at_once() -> None:
    attempts.clear()
    healthy["smtp"] = False
    with pytest.raises(ConnectionError, match="SMTP server refused"):
        send_flaky_mail.apply(kwargs={"order_number": 1001}, throw=True)
    assert attempts == [1001]  # no broker to retry later: see test_worker.py for that


@pytest.mark.django_db
def test_a_recorded_failed_task_is_listed_and_sent_again() -> None:
    # As a worker records it after the last retry (test_worker.py shows it does).
    failed = FailedTask.objects.create(
        task_id="3f6c-failed",
        task_name="tests.deploy.send_flaky_mail",
        kwargs={"order_number": 1001},
        error="ConnectionError: SMTP server refused the connection",
    )
    assert "tests.deploy.send_flaky_mail\twaiting" in _stdout("tasks_failed")

    healthy["smtp"] = True
    attempts.clear()
    assert _stdout("tasks_retry", str(failed.pk)).strip() == "Sent 1 task(s) again."
    assert attempts == [1001]
    failed.refresh_from_db()
    assert failed.retried_at is not None
    assert "No failed tasks." in _stdout("tasks_failed")
    assert "retried" in _stdout("tasks_failed", "--all")


def _stdout(command: str, *args: Any) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_retrying_an_unknown_failed_task_names_it_and_sends_nothing() -> None:
    with pytest.raises(CommandError, match="No waiting failed task with id 4242"):
        call_command("tasks_retry", "4242")
    with pytest.raises(CommandError, match="by id, or pass --all"):
        call_command("tasks_retry")
