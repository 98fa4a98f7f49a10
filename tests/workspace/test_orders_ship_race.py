"""Two clicks on "ship" at once (two phones, a double tap): the pieces leave once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from marketplace.core.errors import DomainError
from marketplace.inventory.models import Stock
from marketplace.orders.fulfilment import vendor_order_ship
from marketplace.orders.models import ParcelShipment
from marketplace.payouts.models import LedgerEntry

from .orders_world import build_world, place_order

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_shipments_of_the_same_pieces_at_once_ship_them_once(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    world = build_world(catalog)
    parcel = place_order(world, pieces=[(world.product, 2)], number=9001)
    line = parcel.lines.get()
    artisan = world.users["artisan_a"]
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def ship() -> None:
        try:
            barrier.wait()
            vendor_order_ship(
                actor=artisan,
                vendor_order_id=parcel.pk,
                quantities={line.pk: 2},
                carrier="Colissimo",
                tracking_number="CP1",
            )
            outcomes.append("shipped")
        except DomainError as error:
            outcomes.append(error.code or "error")
        finally:
            connection.close()

    threads = [threading.Thread(target=ship) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["FULFILL_ORDER_LINE", "shipped"]
    assert ParcelShipment.objects.filter(vendor_order=parcel).count() == 1
    assert LedgerEntry.objects.filter(vendor_order=parcel, kind="SALE").count() == 1
    stock = Stock.objects.get(product_variant=line.variant)
    assert (stock.quantity, stock.quantity_allocated) == (498, 0)
