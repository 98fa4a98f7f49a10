"""A parcel shipped before sends were recorded gets its one send (the migration that records
them), so the buyer and the API see its Fulfillment and tracking like any other."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from marketplace.orders.models import OrderStatus, ParcelShipment, VendorOrder
from tests.commerce import Shop, checkout_ready, complete, login, pay

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "marketplace.orders.migrations.0004_shipments_for_parcels_shipped_before"
)
FULFILLMENTS = """query($id: ID) { order(id: $id) { fulfillments { fulfillmentOrder
  trackingNumber created lines { quantity } } } }"""


def test_an_old_shipped_parcel_gets_its_send(catalog):
    shop = Shop(catalog)
    buyer = login("claire@example.com")
    checkout_id = checkout_ready(buyer, [{"variantId": shop.variant_id(shop.tray), "quantity": 2}])
    pay(buyer, checkout_id)
    order = complete(buyer, checkout_id)["order"]
    shipped_at = timezone.now() - timezone.timedelta(days=30)
    parcel = VendorOrder.objects.get()
    parcel.lines.update(quantity_fulfilled=2)
    VendorOrder.objects.filter(pk=parcel.pk).update(
        status=OrderStatus.FULFILLED, fulfilled_at=shipped_at, tracking_number="CP9OLD"
    )
    assert buyer.data(FULFILLMENTS, {"id": order["id"]})["order"]["fulfillments"] == []

    MIGRATION.record_old_sends(apps, None)
    MIGRATION.record_old_sends(apps, None)  # a second run records nothing more

    (send,) = ParcelShipment.objects.all()
    assert (send.number, send.tracking_number, send.created_at) == (1, "CP9OLD", shipped_at)
    (fulfillment,) = buyer.data(FULFILLMENTS, {"id": order["id"]})["order"]["fulfillments"]
    assert (fulfillment["trackingNumber"], fulfillment["lines"]) == ("CP9OLD", [{"quantity": 2}])
