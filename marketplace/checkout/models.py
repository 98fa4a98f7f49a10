"""A buyer's basket: lines from any number of workshops, in one channel."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from marketplace.core.models import MetadataModel


class Checkout(MetadataModel):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey("channels.Channel", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    currency = models.CharField(max_length=3)
    language_code = models.CharField(max_length=10, default="en")
    shipping_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    billing_address = models.ForeignKey(
        "accounts.Address", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    customer_note = models.TextField(blank=True)
    voucher_code = models.CharField(max_length=32, blank=True)
    client_ip = models.GenericIPAddressField(
        null=True, blank=True, help_text="Who created the basket: counts its stock holds."
    )
    stock_held_since = models.DateTimeField(
        null=True, blank=True, help_text="When the basket first held stock; holds end by a limit."
    )
    # Saleor's saveShippingAddress/saveBillingAddress: copy the address into the buyer's
    # address book when the checkout becomes an order.
    save_shipping_address = models.BooleanField(default=True)
    save_billing_address = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at",)


class CheckoutLine(MetadataModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    packaging_option = models.ForeignKey(
        "packaging.PackagingOption",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gift_message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="checkout_line_quantity_positive"
            )
        ]


class CheckoutDelivery(models.Model):
    """The shipping method chosen for one workshop's parcel."""

    checkout = models.ForeignKey(Checkout, on_delete=models.CASCADE, related_name="deliveries")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="+")
    method = models.ForeignKey(
        "shipping.ShippingMethod", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkout", "vendor"], name="one_delivery_per_parcel")
        ]
