"""Payouts in the background: each sent after its transaction commits, retried with backoff
while the provider's failure is temporary."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .gateway import PayoutError
from .services import MAX_ATTEMPTS
from .services import payout_send as send


@shared_task(bind=True, max_retries=MAX_ATTEMPTS - 1)
def payout_send(self: Any, *, payout_id: int) -> str:
    try:
        return str(send(payout_id=payout_id).status)
    except PayoutError as error:
        if error.retryable and self.request.retries < self.max_retries:
            if self.request.is_eager:  # no broker to come back later: try again at once
                retried = payout_send.apply(
                    kwargs={"payout_id": payout_id}, retries=self.request.retries + 1
                )
                return str(retried.result)
            raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
        return "FAILED"


@shared_task
def payouts_run(*, currency: str) -> int:
    from .services import payouts_create

    return len(payouts_create(currency=currency))
