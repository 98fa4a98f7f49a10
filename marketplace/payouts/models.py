"""What the marketplace owes each workshop and cluster: an append-only ledger and payouts.

Every amount a buyer paid ends up in exactly one place: a workshop's share, a cluster's fee,
the marketplace's commission, or duties held for customs. Entries carry a unique key, so
recording the same fact twice is impossible.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from marketplace.core.models import money_field


def _rate() -> models.DecimalField:
    return models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True, help_text="0.1200 is 12 %."
    )


class PayoutAccount(models.Model):
    """How a workshop or cluster is paid and what it is charged."""

    vendor = models.OneToOneField(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="payout_account"
    )
    commission_rate = _rate()
    cluster_fee_rate = _rate()
    stripe_account_id = models.CharField(max_length=64, blank=True)
    bank_holder = models.CharField(max_length=128, blank=True)
    bank_iban = models.CharField(max_length=34, blank=True)
    bank_bic = models.CharField(max_length=11, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(commission_rate__isnull=True) | Q(commission_rate__lte=1))
                & (Q(cluster_fee_rate__isnull=True) | Q(cluster_fee_rate__lte=1)),
                name="payout_rates_fractions",
            )
        ]


class ClusterFeeRateChange(models.Model):
    """Who changed a cluster's fee rate, from what, to what, and when: members are charged
    it, so every change is kept (append-only, written only by ``fees.cluster_fee_rate_set``)."""

    cluster = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="fee_rate_changes"
    )
    previous_rate = _rate()
    new_rate = models.DecimalField(max_digits=5, decimal_places=4)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")


class EntryKind(models.TextChoices):
    SALE = "SALE", "Workshop's share of a fulfilled parcel"
    REFUND = "REFUND", "Workshop's share of a refund"
    CLUSTER_FEE = "CLUSTER_FEE", "Cluster's fee"
    MARKETPLACE_FEE = "MARKETPLACE_FEE", "Marketplace commission"
    DUTIES = "DUTIES", "Duties held for customs"
    PAYOUT = "PAYOUT", "Paid out"
    PAYOUT_REVERSAL = "PAYOUT_REVERSAL", "Payout failed: credited back"


class LedgerEntry(models.Model):
    vendor = models.ForeignKey(
        "vendors.Vendor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        help_text="Whose balance; empty for the marketplace's own (fees, duties).",
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    currency = models.CharField(max_length=3)
    amount = money_field(help_text="Positive: owed to the holder; negative: taken back or paid.")
    vendor_order = models.ForeignKey(
        "orders.VendorOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    payout = models.ForeignKey(
        "payouts.Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    key = models.CharField(max_length=128, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        indexes = [models.Index(fields=["vendor", "currency"])]


class PayoutStatus(models.TextChoices):
    PENDING = "PENDING"
    AWAITING_EXPORT = "AWAITING_EXPORT"
    EXPORTED = "EXPORTED"
    PAID = "PAID"
    FAILED = "FAILED"


class Payout(models.Model):
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="payouts")
    currency = models.CharField(max_length=3)
    amount = money_field()
    gateway_id = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20, choices=PayoutStatus.choices, default=PayoutStatus.PENDING
    )
    reference = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "pk")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payout_positive")]
