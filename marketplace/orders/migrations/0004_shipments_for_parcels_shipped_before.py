"""Parcels shipped before sends were recorded get the one send they made, so that every
shipped parcel has its Fulfillment and its tracking in one place."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def record_old_sends(apps: Any, schema_editor: Any) -> None:
    VendorOrder = apps.get_model("orders", "VendorOrder")
    ParcelShipment = apps.get_model("orders", "ParcelShipment")
    shipped = VendorOrder.objects.filter(fulfilled_at__isnull=False, shipments__isnull=True)
    for parcel in shipped.prefetch_related("lines").iterator(chunk_size=500):
        sent = {str(line.pk): line.quantity_fulfilled for line in parcel.lines.all()}
        send = ParcelShipment.objects.create(
            vendor_order=parcel,
            number=1,
            carrier=(parcel.shipping_method_name or "")[:64],
            tracking_number=parcel.tracking_number or "",
            lines={line: count for line, count in sent.items() if count > 0},
        )
        ParcelShipment.objects.filter(pk=send.pk).update(created_at=parcel.fulfilled_at)


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_parcel_workflow_and_shipments")]

    operations = [migrations.RunPython(record_old_sends, migrations.RunPython.noop)]
