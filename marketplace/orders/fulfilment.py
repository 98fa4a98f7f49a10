"""A workshop's parcel from order to departure: accept it, pack it, ship it (whole, or some
pieces now and the rest later), with carrier and tracking number.

Each step takes the parcel's row lock, so two clicks (or the API and a page at once) cannot
ship a piece twice. Stock leaves for the pieces that ship, taken from the stock that checkout
allocated to the line, oldest allocation first. The workshop's share is credited once, when
the last piece leaves (the ledger's rule: a parcel is credited when it has shipped), and the
buyer is mailed after commit, in the language they ordered in, for every departure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import max_lengths_validate
from marketplace.inventory.services import Allocated, stock_deallocate, stock_ship
from marketplace.payouts.ledger import ledger_credit_fulfilled

from .models import Order, OrderEvent, OrderLine, OrderStatus, ParcelShipment, VendorOrder
from .notify import parcel_shipped


def order_lock_for_parcel(*, vendor_order_id: int) -> None:
    """Lock the parcel's order row first. Refunds lock the order, then its lines and parcels;
    every write to a parcel takes the same order, so the two never wait on each other in a
    circle (PostgreSQL would abort one of them as a deadlock)."""
    order_id = VendorOrder.objects.filter(pk=vendor_order_id).values_list("order_id", flat=True)
    list(Order.objects.select_for_update().filter(pk__in=order_id).values_list("pk", flat=True))


def _locked(*, actor: Any, vendor_order_id: int) -> VendorOrder:
    from .services import vendor_order_for

    vendor_order_for(actor=actor, vendor_order_id=vendor_order_id)  # foreign = missing
    order_lock_for_parcel(vendor_order_id=vendor_order_id)
    return (
        VendorOrder.objects.select_for_update()
        .select_related("order", "vendor")
        .get(pk=vendor_order_id)
    )


def _open(vendor_order: VendorOrder) -> None:
    if vendor_order.status == OrderStatus.CANCELED:
        raise DomainError("This order was canceled.", field="id", code="CANNOT_CANCEL_ORDER")
    if vendor_order.status == OrderStatus.FULFILLED:
        raise DomainError("This parcel is already shipped.", field="id", code="FULFILL_ORDER_LINE")


def _event(vendor_order: VendorOrder, kind: str, message: str, actor: Any) -> None:
    OrderEvent.objects.create(
        order=vendor_order.order,
        vendor_order=vendor_order,
        type=kind,
        message=message,
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def vendor_order_accept(*, actor: Any, vendor_order_id: int) -> VendorOrder:
    """The workshop takes the order on. Accepting twice changes nothing."""
    vendor_order = _locked(actor=actor, vendor_order_id=vendor_order_id)
    _open(vendor_order)
    if vendor_order.accepted_at is None:
        vendor_order.accepted_at = timezone.now()
        vendor_order.save(update_fields=["accepted_at"])
        _event(vendor_order, "ACCEPTED", f"{vendor_order.vendor.name} accepted.", actor)
    return vendor_order


@transaction.atomic
def vendor_order_pack(*, actor: Any, vendor_order_id: int) -> VendorOrder:
    """The parcel is packed and ready for the carrier (accepting it on the way)."""
    vendor_order = _locked(actor=actor, vendor_order_id=vendor_order_id)
    _open(vendor_order)
    now = timezone.now()
    fields = []
    if vendor_order.accepted_at is None:
        vendor_order.accepted_at = now
        fields.append("accepted_at")
    if vendor_order.packed_at is None:
        vendor_order.packed_at = now
        fields.append("packed_at")
        _event(vendor_order, "PACKED", f"{vendor_order.vendor.name} packed the parcel.", actor)
    if fields:
        vendor_order.save(update_fields=fields)
    return vendor_order


def still_to_ship(line: OrderLine) -> int:
    """Pieces of the line that have not left: a refunded piece that has not left never will."""
    return max(0, line.quantity - line.quantity_fulfilled - line.quantity_refunded)


def _allocation_slice(line: OrderLine, start: int, count: int) -> list[Allocated]:
    """The stock behind pieces ``start`` .. ``start + count`` of the line, in allocation order."""
    taken: list[Allocated] = []
    position = 0
    for stock_id, quantity in line.allocations:
        low, high = max(start, position), min(start + count, position + quantity)
        if high > low:
            taken.append(Allocated(stock_id, line.variant_id or 0, high - low))
        position += quantity
    return taken


def vendor_order_ship(
    *,
    actor: Any,
    vendor_order_id: int,
    quantities: Mapping[UUID, int],
    carrier: str,
    tracking_number: str = "",
) -> ParcelShipment:
    """Ship ``quantities`` (order line id -> pieces) of the parcel now. Every quantity must be
    between 0 and what is left of its line, at least one piece must leave, a carrier must be
    named and the order must be paid; otherwise nothing changes. When nothing is left to ship
    the parcel is FULFILLED and the workshop's share credited; before, PARTIALLY_FULFILLED."""
    with transaction.atomic():
        vendor_order = _locked(actor=actor, vendor_order_id=vendor_order_id)
        _open(vendor_order)
        order = vendor_order.order
        if order.total > 0 and not order.transactions.filter(charged__gt=0).exists():
            raise DomainError(
                "The order is not paid.", field="id", code="CANNOT_FULFILL_UNPAID_ORDER"
            )
        if not carrier.strip():
            raise DomainError("Name the carrier.", field="carrier", code="REQUIRED")
        return _ship(vendor_order, quantities, carrier, tracking_number, actor)


def ship_remaining(
    *, actor: Any, vendor_order: VendorOrder, carrier: str, tracking_number: str
) -> ParcelShipment:
    """Ship every piece still to ship of a parcel the caller has locked and checked."""
    lines = vendor_order.lines.all()
    quantities = {line.pk: still_to_ship(line) for line in lines}
    return _ship(vendor_order, quantities, carrier, tracking_number, actor)


def ship_lines(
    *,
    actor: Any,
    vendor_order: VendorOrder,
    quantities: Mapping[UUID, int],
    carrier: str,
    tracking_number: str,
) -> ParcelShipment:
    """Ship the given pieces of a parcel the caller has locked and checked."""
    return _ship(vendor_order, quantities, carrier, tracking_number, actor)


def _ship(
    vendor_order: VendorOrder,
    quantities: Mapping[UUID, int],
    carrier: str,
    tracking_number: str,
    actor: Any,
) -> ParcelShipment:
    # A carrier or tracking number longer than its column is refused, never cut short.
    max_lengths_validate(
        ParcelShipment,
        {"carrier": carrier.strip(), "tracking_number": tracking_number.strip()},
    )
    lines = list(vendor_order.lines.select_for_update().order_by("pk"))
    by_id = {line.pk: line for line in lines}
    if set(quantities) - set(by_id):
        raise DomainError("Couldn't resolve to an order line.", field="lines", code="NOT_FOUND")
    shipped: dict[str, int] = {}
    allocations: list[Allocated] = []
    for line in lines:
        quantity = quantities.get(line.pk, 0)
        if quantity < 0 or quantity > still_to_ship(line):
            raise DomainError(
                f"Ship between 0 and {still_to_ship(line)} of “{line.product_name}”.",
                field="quantity",
                code="INVALID_QUANTITY",
            )
        if quantity:
            allocations += _allocation_slice(line, line.quantity_fulfilled, quantity)
            line.quantity_fulfilled += quantity
            shipped[str(line.pk)] = quantity
    if not shipped:
        raise DomainError("Choose at least one piece to ship.", field="lines", code="REQUIRED")
    stock_ship(allocations=allocations)
    OrderLine.objects.bulk_update(lines, ["quantity_fulfilled"])
    return _record(vendor_order, lines, shipped, carrier.strip(), tracking_number, actor)


def _record(
    vendor_order: VendorOrder,
    lines: Sequence[OrderLine],
    shipped: dict[str, int],
    carrier: str,
    tracking_number: str,
    actor: Any,
) -> ParcelShipment:
    from .services import _refresh_status

    number = vendor_order.shipments.count() + 1
    shipment = ParcelShipment.objects.create(
        vendor_order=vendor_order,
        number=number,
        carrier=carrier,
        tracking_number=tracking_number.strip(),
        lines=shipped,
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )
    done = all(still_to_ship(line) == 0 for line in lines)
    vendor_order.accepted_at = vendor_order.accepted_at or timezone.now()
    vendor_order.packed_at = vendor_order.packed_at or timezone.now()
    vendor_order.tracking_number = shipment.tracking_number
    if done:
        _complete(vendor_order, lines)
    else:
        vendor_order.status = OrderStatus.PARTIALLY_FULFILLED
        vendor_order.save()
    pieces = sum(shipped.values())
    _event(
        vendor_order,
        "FULFILLED" if done else "PARTIALLY_FULFILLED",
        f"{vendor_order.vendor.name} shipped {pieces} piece(s) with {carrier}"
        + (f", tracking {shipment.tracking_number}." if shipment.tracking_number else "."),
        actor,
    )
    _refresh_status(vendor_order.order)
    parcel_shipped(vendor_order, shipment_id=shipment.pk)
    return shipment


def _complete(vendor_order: VendorOrder, lines: Sequence[OrderLine]) -> None:
    """Nothing is left to ship: refunded pieces that never left give their stock back, the
    parcel is FULFILLED and the workshop's share credited (once: the ledger's key)."""
    leftover = [
        part
        for line in lines
        for part in _allocation_slice(
            line, line.quantity_fulfilled, line.quantity - line.quantity_fulfilled
        )
    ]
    if leftover:
        stock_deallocate(allocations=leftover)
    vendor_order.status = OrderStatus.FULFILLED
    vendor_order.fulfilled_at = timezone.now()
    vendor_order.save()
    ledger_credit_fulfilled(vendor_order=vendor_order)


def parcel_close_if_done(*, vendor_order: VendorOrder, actor: Any) -> bool:
    """After a refund: a partly shipped parcel whose remaining pieces were all refunded has
    nothing left to send, so it is complete (the caller holds the parcel's lock)."""
    from .services import _refresh_status

    lines = list(vendor_order.lines.all())
    if vendor_order.status != OrderStatus.PARTIALLY_FULFILLED or any(
        still_to_ship(line) for line in lines
    ):
        return False
    _complete(vendor_order, lines)
    _event(vendor_order, "FULFILLED", "Nothing left to ship after the refund.", actor)
    _refresh_status(vendor_order.order)
    return True


def sent_lines_resolve(
    *, order: Any, sent: Sequence[tuple[int, UUID, int]]
) -> list[tuple[UUID, int]]:
    """(send, order line, pieces) → (order line, pieces), each checked against what that send
    of this order carried; anything else answers as missing."""
    if not sent:
        return []
    shipments = {
        shipment.pk: shipment
        for shipment in ParcelShipment.objects.filter(
            vendor_order__order=order, pk__in={shipment_id for shipment_id, _, _ in sent}
        )
    }
    resolved = []
    for shipment_id, line_id, quantity in sent:
        shipment = shipments.get(shipment_id)
        if shipment is None or str(line_id) not in shipment.lines:
            raise NotFound("Couldn't resolve to a fulfillment line.", field="fulfillmentLineId")
        carried = int(shipment.lines[str(line_id)])
        if not 0 < quantity <= carried:
            raise DomainError(
                f"That send carried {carried} of the piece: refund between 1 and {carried}.",
                field="quantity",
                code="INVALID_QUANTITY",
            )
        resolved.append((line_id, quantity))
    return resolved


def latest_send_of(*, order: Any, line_ids: Sequence[UUID]) -> ParcelShipment | None:
    """The most recent send of the order that carried one of ``line_ids``."""
    wanted = {str(line_id) for line_id in line_ids}
    sends = ParcelShipment.objects.filter(vendor_order__order=order).order_by("-created_at", "-pk")
    return next((send for send in sends if wanted & set(send.lines)), None)
