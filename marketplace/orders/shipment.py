"""Where a parcel ships from: the stocks named in ``orderFulfill``, checked before anything moves.

A workshop ships its parcel whole or in parts, from its own warehouses, taking each piece
from the warehouse that holds it for this order (where checkout allocated it). Any other
warehouse id, another workshop's included, answers as a missing one: its existence is none of
the caller's business."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from marketplace.core.errors import DomainError, NotFound
from marketplace.inventory.models import Stock, Warehouse

from .models import OrderLine, VendorOrder


@dataclass(frozen=True, slots=True)
class LineShipment:
    """``quantity`` pieces of order line ``line_id`` leave from warehouse ``warehouse_id``
    (None when the client's id names no warehouse at all)."""

    line_id: UUID
    warehouse_id: int | None
    quantity: int


def shipment_check(
    *, vendor_order: VendorOrder, lines: Sequence[OrderLine], shipments: Sequence[LineShipment]
) -> dict[UUID, int]:
    """The pieces of each line that ``shipments`` send now (all that is left, or some), or a
    DomainError: a warehouse that is not the workshop's own, a quantity that is not positive
    or more than is left, or pieces named from a warehouse other than the one holding the
    next pieces of the line for this order. Reads only; changes nothing."""
    from .fulfilment import _allocation_slice

    own = dict(Warehouse.objects.filter(vendor_id=vendor_order.vendor_id).values_list("pk", "name"))
    for shipment in shipments:
        if shipment.warehouse_id not in own:
            raise NotFound("Couldn't resolve to a warehouse.", field="warehouse")
        if shipment.quantity <= 0:
            raise DomainError(
                "Quantities must be positive.", field="quantity", code="INVALID_QUANTITY"
            )
    stock_ids = {stock_id for line in lines for stock_id, _ in line.allocations}
    warehouse_of_stock = dict(
        Stock.objects.filter(pk__in=stock_ids).values_list("pk", "warehouse_id")
    )
    sending: dict[UUID, int] = {}
    for line in lines:
        given: dict[int, int] = defaultdict(int)
        for shipment in shipments:
            if shipment.line_id == line.pk:
                given[shipment.warehouse_id or 0] += shipment.quantity
        count = sum(given.values())
        if not count:
            continue
        remaining = line.quantity - line.quantity_fulfilled
        if count > remaining:
            raise DomainError(
                f"Only {remaining} of “{line.product_name}” are left to ship.",
                field="quantity",
                code="INVALID_QUANTITY",
            )
        # The next pieces to leave are those allocated next: name the warehouse holding them.
        held: dict[int, int] = defaultdict(int)
        for part in _allocation_slice(line, line.quantity_fulfilled, count):
            held[warehouse_of_stock.get(part.stock_id, 0)] += part.quantity
        if held and given != held:
            where = ", ".join(sorted(own.get(pk, "?") for pk in held))
            raise DomainError(
                f"“{line.product_name}” is held in {where}: ship it from there.",
                field="warehouse",
                code="INSUFFICIENT_STOCK",
            )
        sending[line.pk] = count
    return sending
