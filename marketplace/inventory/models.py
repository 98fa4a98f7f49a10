from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from marketplace.core.models import MetadataModel


class Warehouse(MetadataModel):
    """Where a workshop keeps its pieces; every workshop has one."""

    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="warehouses"
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    email = models.EmailField(blank=True)
    address = models.ForeignKey("accounts.Address", on_delete=models.PROTECT, related_name="+")
    is_private = models.BooleanField(default=True)

    class Meta:
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="stocks")
    product_variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="stocks"
    )
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "product_variant"], name="stock_warehouse_variant_uniq"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="stock_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__gte=0), name="stock_allocated_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_allocated_within_quantity",
            ),
        ]


class Reservation(models.Model):
    """Stock held for a checkout line until ``reserved_until``; others cannot take it."""

    checkout_line = models.ForeignKey(
        "checkout.CheckoutLine", on_delete=models.CASCADE, related_name="reservations"
    )
    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="reservations")
    quantity = models.PositiveIntegerField()
    reserved_until = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkout_line", "stock"], name="reservation_uniq"),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="reservation_quantity_positive"
            ),
        ]
