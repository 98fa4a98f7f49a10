"""Stripe's webhook: signature checked on the raw body, each event stored by id and applied
once. Events may arrive late, twice or out of order: amounts only move forward (see
``transaction_record``), and a payment whose amount or currency differs is never accepted."""

from __future__ import annotations

from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments.gateway import GatewayResponse
from marketplace.payments.models import ProviderEvent, Transaction
from marketplace.payments.services import transaction_record

from .gateway import from_minor, intent_response, plain

PROVIDER = "stripe"


def _transaction(reference: str | None) -> Transaction | None:
    if not reference:
        return None
    return Transaction.objects.filter(
        psp_reference=reference, gateway_id__endswith="stripe"
    ).first()


def _apply(event_type: str, obj: Any) -> str:
    if event_type.startswith("payment_intent."):
        txn = _transaction(obj.get("id"))
        if txn is None:
            return "ignored: unknown payment intent"
        response = intent_response(obj, expected_amount=txn.amount_requested, currency=txn.currency)
        event = transaction_record(transaction_token=txn.token, response=response)
        return f"recorded {event.type}"
    if event_type == "charge.refunded":
        txn = _transaction(obj.get("payment_intent"))
        if txn is None:
            return "ignored: unknown charge"
        refunds = (obj.get("refunds") or {}).get("data") or []
        for refund in refunds:
            if refund.get("status") == "succeeded":
                transaction_record(
                    transaction_token=txn.token,
                    response=GatewayResponse(
                        "REFUND_SUCCESS",
                        from_minor(int(refund["amount"]), txn.currency),
                        refund["id"],
                        "Refunded by Stripe.",
                    ),
                )
        return f"recorded {len(refunds)} refunds"
    return "ignored: not a payment event"


def _shape_problem(event: dict[str, Any]) -> str | None:
    """What a signed body lacks to be an event we can store and apply, if anything.
    A valid signature proves who sent the body, not that it has the shape of an event."""
    if not isinstance(event.get("id"), str) or not event["id"]:
        return "The event has no `id`."
    if not isinstance(event.get("type"), str) or not event["type"]:
        return "The event has no `type`."
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        return "The event has no `data.object`."
    return None


def stripe_event_apply(event: Any) -> str:
    """Store the event by id and apply it unless it was already applied."""
    with transaction.atomic():
        stored, _ = ProviderEvent.objects.get_or_create(
            provider=PROVIDER,
            event_id=event["id"],
            defaults={"type": event["type"], "payload": event.to_dict()},
        )
        stored = ProviderEvent.objects.select_for_update().get(pk=stored.pk)
        if stored.processed_at is not None:
            return "duplicate: already applied"
        outcome = _apply(event["type"], plain(event["data"]["object"]))
        stored.processed_at = timezone.now()
        stored.outcome = outcome[:255]
        stored.save(update_fields=["processed_at", "outcome"])
        return outcome


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return JsonResponse({"error": "Stripe webhooks are not configured here."}, status=400)
    signature = request.headers.get("Stripe-Signature")
    if not signature:
        return JsonResponse({"error": "Missing Stripe-Signature header."}, status=400)
    try:
        event = stripe.Webhook.construct_event(request.body, signature, secret)
    except ValueError:
        return JsonResponse({"error": "The body is not a Stripe event."}, status=400)
    except stripe.SignatureVerificationError:
        return JsonResponse({"error": "The signature does not match."}, status=400)
    problem = _shape_problem(plain(event))
    if problem is not None:
        return JsonResponse({"error": problem}, status=400)
    return JsonResponse({"received": True, "outcome": stripe_event_apply(event)})


__all__ = ["stripe_event_apply", "stripe_webhook"]
