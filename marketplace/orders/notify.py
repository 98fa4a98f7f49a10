"""What happens after an order changes, once its transaction commits: e-mails through Celery
and certificates for the pieces sold."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from .models import Order, VendorOrder


def order_placed(order: Order, *, vendor_order_ids: Sequence[int] | None = None) -> None:
    """``vendor_order_ids``: the order's sub-orders, when the caller has just made them."""
    from . import tasks

    order_id = str(order.pk)
    if vendor_order_ids is None:
        vendor_order_ids = list(order.vendor_orders.order_by("pk").values_list("pk", flat=True))
    else:
        vendor_order_ids = sorted(vendor_order_ids)

    ids = list(vendor_order_ids)
    transaction.on_commit(
        lambda: tasks.order_placed_work.delay(order_id=order_id, vendor_order_ids=ids)
    )


def parcel_shipped(vendor_order: VendorOrder, *, shipment_id: int | None = None) -> None:
    from . import tasks

    vendor_order_id = vendor_order.pk
    transaction.on_commit(
        lambda: tasks.send_shipped_notice.delay(
            vendor_order_id=vendor_order_id, shipment_id=shipment_id
        )
    )


def order_canceled(order: Order) -> None:
    from . import tasks

    order_id = str(order.pk)

    def send() -> None:
        tasks.send_order_canceled.delay(order_id=order_id)
        tasks.revoke_sale_certificates.delay(order_id=order_id)

    transaction.on_commit(send)
