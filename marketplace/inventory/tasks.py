"""Housekeeping on a schedule (Celery beat): lapsed basket reservations."""

from __future__ import annotations

from celery import shared_task

from .services import reservations_expire


@shared_task
def reservations_expire_lapsed() -> int:
    return reservations_expire()
