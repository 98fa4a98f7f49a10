"""Vouchers: a code worth a percentage or a fixed amount, for the whole marketplace or for one
workshop's or cluster's pieces."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from marketplace.core.models import MetadataModel
from marketplace.core.money import MONEY_DECIMAL_PLACES, MONEY_MAX_DIGITS


class VoucherKind(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    FIXED = "fixed", "Fixed amount"


class Voucher(MetadataModel):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=128)
    kind = models.CharField(max_length=16, choices=VoucherKind.choices)
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    vendor = models.ForeignKey(
        "vendors.Vendor",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="vouchers",
        help_text="Empty: the whole marketplace. A cluster: all its members' pieces.",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="fixed") | (Q(percentage__gt=0) & Q(percentage__lte=100)),
                name="voucher_percentage_range",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True) | Q(used__lte=F("usage_limit")),
                name="voucher_used_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class VoucherChannelListing(models.Model):
    """Per channel: the fixed amount (in the channel's currency) and the minimum spend."""

    voucher = models.ForeignKey(Voucher, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, null=True, blank=True
    )
    min_spend = models.DecimalField(
        max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, default=0
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voucher", "channel"], name="voucher_listing_uniq"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="voucher_amount_positive"
            ),
        ]
