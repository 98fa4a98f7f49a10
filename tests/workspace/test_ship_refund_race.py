"""A workshop ships while staff refund a piece of the same order, at the same moment: both
lock the order row first, so one waits for the other and neither is aborted as a deadlock
(which would reach the artisan as an error page)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from marketplace.core.errors import DomainError
from marketplace.orders.fulfilment import vendor_order_ship
from marketplace.orders.services import order_refund_lines

from .orders_world import build_world, place_order

pytestmark = pytest.mark.django_db(transaction=True)


def test_shipping_and_refunding_at_once_never_deadlock(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    world = build_world(catalog)
    staff = get_user_model().objects.create_user("ops@example.com", "pw-123456789", is_staff=True)
    failures: list[BaseException] = []
    for round_ in range(4):
        parcel = place_order(world, pieces=[(world.product, 3)], number=9100 + round_)
        line = parcel.lines.get()
        barrier = threading.Barrier(2)

        def ship(parcel=parcel, line=line, barrier=barrier) -> None:
            try:
                barrier.wait()
                vendor_order_ship(
                    actor=world.users["artisan_a"],
                    vendor_order_id=parcel.pk,
                    quantities={line.pk: 1},
                    carrier="Colissimo",
                )
            except DomainError:
                pass
            except BaseException as error:  # a deadlock, say
                failures.append(error)
            finally:
                connection.close()

        def refund(parcel=parcel, line=line, barrier=barrier) -> None:
            try:
                barrier.wait()
                order_refund_lines(
                    actor=staff,
                    order_id=parcel.order_id,
                    lines=[(line.pk, 1)],
                    key=uuid.uuid4().hex,
                )
            except DomainError:
                pass
            except BaseException as error:
                failures.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=ship), threading.Thread(target=refund)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
