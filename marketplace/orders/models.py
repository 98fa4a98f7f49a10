"""Orders: the buyer's one order, split into one sub-order per workshop, which that workshop
sees and fulfils alone. Prices, names and customs facts are copied at purchase time."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from marketplace.core.models import MetadataModel, money_field


class OrderStatus(models.TextChoices):
    UNFULFILLED = "UNFULFILLED"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED"
    FULFILLED = "FULFILLED"
    CANCELED = "CANCELED"


class DutiesMode(models.TextChoices):
    DDP = "DDP", "Duties paid by the marketplace at checkout"
    DAP = "DAP", "Duties paid by the buyer at delivery"


class Order(MetadataModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.PositiveIntegerField(unique=True)
    checkout_token = models.UUIDField(unique=True, help_text="One order per checkout, ever.")
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    user_email = models.EmailField()
    language_code = models.CharField(max_length=10, default="en")
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    shipping_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    billing_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    customer_note = models.TextField(blank=True)
    voucher_code = models.CharField(max_length=32, blank=True)
    goods_total = money_field()
    packaging_total = money_field()
    shipping_total = money_field()
    discount_total = money_field()
    duties_total = money_field(default=0, help_text="Charged at checkout (DDP) or 0.")
    duties_estimate = money_field(default=0, help_text="Estimated duties, charged or not.")
    duties_mode = models.CharField(max_length=3, choices=DutiesMode.choices, default=DutiesMode.DAP)
    total = money_field()
    redirect_url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-number",)
        constraints = [models.CheckConstraint(condition=Q(total__gte=0), name="order_total_ok")]


class VendorOrder(models.Model):
    """One workshop's part of an order: its lines, its parcel, its status and its money."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="vendor_orders")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    shipping_method_name = models.CharField(max_length=128, blank=True)
    shipping_price = money_field(default=0)
    goods_total = money_field(default=0)
    packaging_total = money_field(default=0)
    discount = money_field(default=0)
    discount_funded_by_marketplace = models.BooleanField(default=False)
    duties = money_field(default=0)
    customs_form = models.CharField(max_length=4, blank=True, help_text="CN22, CN23 or empty.")
    commission_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    cluster_fee_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    refunded = money_field(default=0)
    shipping_refunded = models.BooleanField(default=False)
    tracking_number = models.CharField(max_length=255, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True, help_text="The workshop took it.")
    packed_at = models.DateTimeField(null=True, blank=True, help_text="Packed, ready to ship.")

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="one_sub_order_per_workshop")
        ]

    @property
    def total(self) -> Decimal:
        """What the buyer paid for this parcel (before refunds)."""
        return Decimal(
            self.goods_total
            + self.packaging_total
            + self.shipping_price
            - self.discount
            + self.duties
        )


class OrderLine(MetadataModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    vendor_order = models.ForeignKey(VendorOrder, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True)
    product_sku = models.CharField(max_length=255, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    quantity_refunded = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    unit_price = money_field()
    total_price = money_field()
    packaging_option = models.ForeignKey(
        "packaging.PackagingOption",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    packaging_name = models.CharField(max_length=255, blank=True)
    packaging_unit_price = money_field(default=0)
    gift_message = models.CharField(max_length=500, blank=True)
    customs_description = models.CharField(max_length=255, blank=True)
    hs_code = models.CharField(max_length=16, blank=True)
    origin_country = models.CharField(max_length=2, blank=True)
    unit_weight_kg = models.DecimalField(max_digits=8, decimal_places=3, default=0)
    allocations = models.JSONField(default=list, help_text="[[stock_id, quantity], ...]")

    class Meta:
        ordering = ("vendor_order_id", "product_name", "id")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity"),
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=F("quantity"))
                & Q(quantity_refunded__lte=F("quantity")),
                name="order_line_counts_within_quantity",
            ),
        ]


class OrderEvent(models.Model):
    """What happened to an order, for the buyer, the workshops and support."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    vendor_order = models.ForeignKey(
        VendorOrder, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField(max_length=64)
    message = models.CharField(max_length=512, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")


class ParcelShipment(models.Model):
    """One departure of (part of) a workshop's parcel: which pieces, with which carrier and
    tracking number. A parcel shipped whole has one; a partial shipment adds one per send."""

    vendor_order = models.ForeignKey(
        VendorOrder, on_delete=models.CASCADE, related_name="shipments"
    )
    number = models.PositiveSmallIntegerField(help_text="1 for the first send of the parcel.")
    carrier = models.CharField(max_length=64, blank=True)
    tracking_number = models.CharField(max_length=255, blank=True)
    lines = models.JSONField(default=dict, help_text='{"<order line id>": quantity, ...}')
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("vendor_order_id", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor_order", "number"], name="one_shipment_number_per_parcel"
            )
        ]
