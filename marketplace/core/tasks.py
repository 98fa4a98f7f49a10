"""The base of every background task: retries with backoff, and a record of what failed.

A task that hits a passing fault (the SMTP server, S3 or the database away for a moment)
is tried again with growing, jittered delays. One that still fails after the last attempt
is written to ``FailedTask`` with its arguments, where a person finds it
(``marketplace manage tasks_failed``) and sends it again (``tasks_retry``). Tasks are
acknowledged only once done, so a worker killed mid-task leaves it to another worker:
tasks must therefore be safe to run twice.
"""

from __future__ import annotations

import logging
import smtplib
import traceback
from typing import Any

import requests
from anymail.exceptions import AnymailAPIError
from celery import Task
from django.db import DatabaseError, InterfaceError

logger = logging.getLogger(__name__)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class MarketplaceTask(Task):
    autoretry_for = (
        ConnectionError,
        TimeoutError,
        smtplib.SMTPException,
        InterfaceError,
        requests.ConnectionError,
        requests.Timeout,
        AnymailAPIError,  # an e-mail service's outage or refusal
    )
    retry_backoff = 5
    retry_backoff_max = 600
    retry_jitter = True
    max_retries = 5

    def retry(self, *args: Any, **kwargs: Any) -> Any:
        # In-process (eager) runs have no broker to come back later: the original error is
        # the answer, as it would be without retries.
        if self.request.is_eager and isinstance(kwargs.get("exc"), BaseException):
            raise kwargs["exc"]
        return super().retry(*args, **kwargs)

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        from .models import FailedTask

        try:
            FailedTask.objects.update_or_create(
                task_id=task_id,
                defaults={
                    "task_name": self.name,
                    "args": _jsonable(list(args or [])),
                    "kwargs": _jsonable(dict(kwargs or {})),
                    "queue": (self.request.delivery_info or {}).get("routing_key", "") or "",
                    "error": f"{type(exc).__name__}: {exc}"[:2000],
                    "traceback": "".join(traceback.format_exception(exc))[-8000:],
                    "retried_at": None,
                },
            )
        except DatabaseError:
            # The record is a convenience; the worker's log line below still tells.
            logger.warning("could not record failed task %s", task_id, exc_info=True)
        logger.warning("task %s [%s] failed for good: %s", self.name, task_id, exc)
