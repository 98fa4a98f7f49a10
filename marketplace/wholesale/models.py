"""Wholesale: business buyers, terms, quote requests shared among member workshops, quote
versions, production, one consolidated shipment and its settlement; pooled purchases.

Money columns use core.models.money_field (Decimal, enough places for TND). Payments are
payments.Transaction rows keyed by the quote's token (the transaction machinery's
``checkout_token``), so the existing gateways, events and refunds serve group orders too.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from marketplace.core.models import money_field


class BusinessStatus(models.TextChoices):
    PENDING = "PENDING", "Waiting for review"
    APPROVED = "APPROVED", "Approved"
    REJECTED = "REJECTED", "Rejected"


class BusinessAccount(models.Model):
    """A buyer account that applied to buy wholesale; staff approve it."""

    # A closed buyer account leaves the business and its group orders on the books.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="business_account",
    )
    company_name = models.CharField(max_length=255)
    vat_number = models.CharField(max_length=32, blank=True)
    eori_number = models.CharField(max_length=32, blank=True)
    address = models.TextField()
    country = models.CharField(max_length=2)
    contact_name = models.CharField(max_length=128)
    contact_email = models.EmailField()
    status = models.CharField(
        max_length=10, choices=BusinessStatus.choices, default=BusinessStatus.PENDING
    )
    net_terms_approved = models.BooleanField(
        default=False, help_text="Staff allow this business to pay net-30."
    )
    created_at = models.DateTimeField(auto_now_add=True)


class WholesaleTerms(models.Model):
    """What a cluster (or one workshop) asks of wholesale buyers."""

    vendor = models.OneToOneField(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="wholesale_terms"
    )
    currency = models.CharField(max_length=3, default="EUR")
    min_first_order = money_field(default=0)
    min_reorder = money_field(default=0)
    min_quantity_per_product = models.PositiveIntegerField(default=1)
    lead_time_days = models.PositiveIntegerField(default=30)
    deposit_share = models.DecimalField(
        max_digits=5, decimal_places=4, default=0.3, help_text="0.3000 is 30 %."
    )
    incoterms = models.JSONField(default=list, help_text='Offered: ["DAP", "DDP"].')
    net_days = models.PositiveIntegerField(default=30)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(deposit_share__gte=0) & Q(deposit_share__lte=1),
                name="wholesale_deposit_fraction",
            )
        ]


class PriceTier(models.Model):
    """From ``min_quantity`` pieces of a product, its wholesale unit price."""

    terms = models.ForeignKey(WholesaleTerms, on_delete=models.CASCADE, related_name="tiers")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    min_quantity = models.PositiveIntegerField()
    unit_price = money_field()

    class Meta:
        ordering = ("product_id", "min_quantity")


class QuoteStatus(models.TextChoices):
    REQUESTED = "REQUESTED", "Requested"
    ALLOCATING = "ALLOCATING", "Being shared among workshops"
    SENT = "SENT", "Quote sent"
    CHANGES_REQUESTED = "CHANGES_REQUESTED", "Buyer asked for changes"
    ACCEPTED = "ACCEPTED", "Accepted"
    DECLINED = "DECLINED", "Declined"
    IN_PRODUCTION = "IN_PRODUCTION", "In production"
    SHIPPED = "SHIPPED", "Shipped"


class PaymentTerms(models.TextChoices):
    DEPOSIT = "DEPOSIT", "Deposit, balance before shipping"
    NET = "NET", "Net terms"


class WholesaleQuote(models.Model):
    """A business buyer's request to a cluster, and the group order it becomes."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(max_length=20, unique=True)
    business = models.ForeignKey(BusinessAccount, on_delete=models.PROTECT, related_name="quotes")
    cluster = models.ForeignKey(
        "vendors.Vendor", on_delete=models.PROTECT, related_name="wholesale_quotes"
    )
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+")
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=20, choices=QuoteStatus.choices, default=QuoteStatus.REQUESTED
    )
    target_date = models.DateField()
    packaging = models.CharField(max_length=255, blank=True)
    destination_country = models.CharField(max_length=2)
    destination_address = models.TextField()
    incoterm = models.CharField(max_length=3)
    message = models.TextField(blank=True)
    payment_terms = models.CharField(
        max_length=8, choices=PaymentTerms.choices, default=PaymentTerms.DEPOSIT
    )
    accepted_version = models.ForeignKey(
        "QuoteVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receivable_due = models.DateField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class QuoteLine(models.Model):
    quote = models.ForeignKey(WholesaleQuote, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    specification = models.TextField(blank=True, help_text="A custom piece: what to make.")
    title = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField()
    hs_code = models.CharField(max_length=12, blank=True)
    unit_weight_kg = models.DecimalField(max_digits=8, decimal_places=3, default=0)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("sort_order", "pk")


class ReferencePhoto(models.Model):
    line = models.ForeignKey(QuoteLine, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="wholesale/references")


class ShareStatus(models.TextChoices):
    OFFERED = "OFFERED", "Offered to the workshop"
    ACCEPTED = "ACCEPTED", "Accepted"
    COUNTERED = "COUNTERED", "Countered"
    DECLINED = "DECLINED", "Declined"
    WITHDRAWN = "WITHDRAWN", "Taken back to re-share"


LIVE_SHARES = (ShareStatus.OFFERED, ShareStatus.ACCEPTED, ShareStatus.COUNTERED)


class QuoteShare(models.Model):
    """Part of a line offered to (and made by) one member workshop."""

    line = models.ForeignKey(QuoteLine, on_delete=models.CASCADE, related_name="shares")
    workshop = models.ForeignKey(
        "vendors.Vendor", on_delete=models.PROTECT, related_name="wholesale_shares"
    )
    quantity = models.PositiveIntegerField()
    unit_price = money_field()
    promised_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=ShareStatus.choices, default=ShareStatus.OFFERED
    )
    counter_quantity = models.PositiveIntegerField(null=True, blank=True)
    counter_unit_price = money_field(null=True, blank=True)
    counter_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent made.")
    received_quantity = models.PositiveIntegerField(default=0)
    refunded = money_field(default=0, help_text="Given back to the buyer for this share.")
    late_notified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)


class WorkshopCapacity(models.Model):
    """What a member workshop says it can make per week (pieces), for the manager's view."""

    workshop = models.OneToOneField(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="wholesale_capacity"
    )
    pieces_per_week = models.PositiveIntegerField(default=0)


class ProgressReport(models.Model):
    share = models.ForeignKey(QuoteShare, on_delete=models.CASCADE, related_name="reports")
    progress = models.PositiveSmallIntegerField()
    quality_passed = models.BooleanField(null=True)
    note = models.TextField(blank=True)
    photo = models.FileField(upload_to="wholesale/progress", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class QuoteVersion(models.Model):
    """One revision of the quote, frozen when sent; the buyer accepts a version."""

    quote = models.ForeignKey(WholesaleQuote, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    lines_total = money_field()
    cluster_fee = money_field(help_text="Included in the lines: what the cluster keeps.")
    packaging = money_field(default=0)
    shipping = money_field(default=0)
    duties = money_field(default=0, help_text="Estimate; charged only under DDP.")
    total = money_field()
    deposit = money_field()
    lead_time_days = models.PositiveIntegerField()
    expires_on = models.DateField()
    snapshot = models.JSONField(help_text="The lines as quoted: producer, price, quantity.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=["quote", "number"], name="quote_version_unique")
        ]


class QuoteMessage(models.Model):
    quote = models.ForeignKey(WholesaleQuote, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")


class WholesalePayment(models.Model):
    """Money in for a group order: a gateway transaction, or a bank transfer staff recorded."""

    quote = models.ForeignKey(WholesaleQuote, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(max_length=8)  # DEPOSIT / BALANCE
    transaction = models.OneToOneField(
        "payments.Transaction", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bank_reference = models.CharField(max_length=64, blank=True)
    amount = money_field()
    refunded = money_field(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class Shipment(models.Model):
    quote = models.OneToOneField(WholesaleQuote, on_delete=models.PROTECT, related_name="shipment")
    carrier = models.CharField(max_length=64, blank=True)
    tracking_number = models.CharField(max_length=64, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)


class ShipmentBox(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="boxes")
    number = models.PositiveIntegerField()
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3)
    contents = models.JSONField(default=list, help_text="[{share: id, quantity: n}]")


class PoolStatus(models.TextChoices):
    OPEN = "OPEN", "Open for commitments"
    ORDERED = "ORDERED", "Ordered from the supplier"
    CANCELLED = "CANCELLED", "No tier reached"


class PooledPurchase(models.Model):
    """A cluster buying raw material together, at the supplier's tier the members reach."""

    cluster = models.ForeignKey(
        "vendors.Vendor", on_delete=models.PROTECT, related_name="pooled_purchases"
    )
    material = models.CharField(max_length=128)
    unit = models.CharField(max_length=16, default="kg")
    supplier = models.CharField(max_length=128)
    currency = models.CharField(max_length=3)
    deadline = models.DateTimeField()
    status = models.CharField(max_length=10, choices=PoolStatus.choices, default=PoolStatus.OPEN)
    unit_price = money_field(null=True, blank=True, help_text="The tier reached.")
    total_cost = money_field(null=True, blank=True)


class SupplierTier(models.Model):
    purchase = models.ForeignKey(PooledPurchase, on_delete=models.CASCADE, related_name="tiers")
    min_quantity = models.DecimalField(max_digits=12, decimal_places=3)
    unit_price = money_field()

    class Meta:
        ordering = ("min_quantity",)


class PoolCommitment(models.Model):
    purchase = models.ForeignKey(
        PooledPurchase, on_delete=models.CASCADE, related_name="commitments"
    )
    workshop = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(max_digits=12, decimal_places=3)
    cost = money_field(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["purchase", "workshop"], name="pool_commit_unique")
        ]
