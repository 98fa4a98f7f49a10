"""Money taken from buyers: one Transaction per payment attempt, its events, and the
notifications payment providers send us (kept by id so each is applied once)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q

from marketplace.core.models import money_field


class EventType(models.TextChoices):
    """Saleor's TransactionEventTypeEnum (the subset a gateway reports here)."""

    AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS"
    AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE"
    AUTHORIZATION_REQUEST = "AUTHORIZATION_REQUEST"
    AUTHORIZATION_ACTION_REQUIRED = "AUTHORIZATION_ACTION_REQUIRED"
    CHARGE_ACTION_REQUIRED = "CHARGE_ACTION_REQUIRED"
    CHARGE_SUCCESS = "CHARGE_SUCCESS"
    CHARGE_FAILURE = "CHARGE_FAILURE"
    CHARGE_REQUEST = "CHARGE_REQUEST"
    REFUND_SUCCESS = "REFUND_SUCCESS"
    REFUND_FAILURE = "REFUND_FAILURE"
    REFUND_REQUEST = "REFUND_REQUEST"
    CANCEL_SUCCESS = "CANCEL_SUCCESS"
    CANCEL_FAILURE = "CANCEL_FAILURE"
    INFO = "INFO"


class Transaction(models.Model):
    """One attempt to take money for a checkout (later, its order)."""

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout_token = models.UUIDField(db_index=True)
    order = models.ForeignKey(
        "orders.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+")
    gateway_id = models.CharField(max_length=128)
    name = models.CharField(max_length=128)
    psp_reference = models.CharField(max_length=255, blank=True, db_index=True)
    currency = models.CharField(max_length=3)
    amount_requested = money_field()
    authorized = money_field(default=0)
    charged = money_field(default=0)
    charge_pending = money_field(default=0)
    refunded = money_field(default=0)
    canceled = money_field(default=0)
    message = models.CharField(max_length=512, blank=True)
    idempotency_key = models.CharField(max_length=128)
    response_data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_token", "idempotency_key"], name="transaction_idempotency"
            ),
            models.CheckConstraint(
                condition=Q(refunded__lte=models.F("charged")), name="refund_within_charge"
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0), name="transaction_positive"
            ),
        ]

    @property
    def captured_net(self) -> Decimal:
        """What the buyer has paid and kept paid: charged less refunded."""
        return Decimal(self.charged) - Decimal(self.refunded)


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40, choices=EventType.choices)
    amount = money_field(default=0)
    psp_reference = models.CharField(max_length=255, blank=True)
    message = models.CharField(max_length=512, blank=True)
    external_url = models.URLField(blank=True)
    key = models.CharField(
        max_length=255, help_text="What makes the event unique: a replay carries the same key."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["transaction", "key"], name="transaction_event_once")
        ]


class ProviderEvent(models.Model):
    """A notification from a payment provider (e.g. a Stripe webhook), stored by its id."""

    provider = models.CharField(max_length=32)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=128)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")
        ]
