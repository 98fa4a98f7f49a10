"""After the sale: a workshop ships its parcel, an order is cancelled, lines are refunded."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.money import quantize
from marketplace.inventory.services import Allocated, stock_deallocate
from marketplace.payments.models import Transaction
from marketplace.payments.services import transaction_refund
from marketplace.payouts.ledger import ledger_debit_refund
from marketplace.vendors.permissions import manages_workshop

from .fulfilment import parcel_close_if_done
from .models import Order, OrderEvent, OrderLine, OrderStatus, VendorOrder
from .notify import order_canceled
from .shipment import LineShipment, shipment_check


def _allocations(lines: Sequence[OrderLine]) -> list[Allocated]:
    return [
        Allocated(stock_id, line.variant_id or 0, quantity)
        for line in lines
        for stock_id, quantity in line.allocations
    ]


def _refresh_status(order: Order) -> None:
    statuses = set(order.vendor_orders.values_list("status", flat=True))
    if statuses == {OrderStatus.CANCELED}:
        order.status = OrderStatus.CANCELED
    elif statuses <= {OrderStatus.FULFILLED, OrderStatus.CANCELED}:
        order.status = OrderStatus.FULFILLED
    elif statuses & {OrderStatus.FULFILLED, OrderStatus.PARTIALLY_FULFILLED}:
        order.status = OrderStatus.PARTIALLY_FULFILLED
    else:
        order.status = OrderStatus.UNFULFILLED
    order.save(update_fields=["status", "updated_at"])


def vendor_order_for(*, actor: Any, vendor_order_id: int) -> VendorOrder:
    """The sub-order, if the actor runs its workshop (or is staff); missing otherwise."""
    vendor_order = (
        VendorOrder.objects.select_related("vendor", "order").filter(pk=vendor_order_id).first()
    )
    if vendor_order is None or not manages_workshop(actor, vendor_order.vendor):
        raise NotFound("Couldn't resolve to an order.", field="id")
    return vendor_order


def _runs_a_parcel_of(actor: Any, order: Order) -> bool:
    """Staff, or someone who runs one of the workshops with a parcel in the order."""
    parcels = order.vendor_orders.select_related("vendor")
    return any(manages_workshop(actor, parcel.vendor) for parcel in parcels)


def order_lines_for_workshop(
    *, actor: Any, order_id: UUID, line_ids: Sequence[UUID]
) -> list[OrderLine]:
    """The named lines of the order that sit in parcels the actor's workshops ship.

    An order the actor ships nothing of answers as a missing one, before any line is looked
    at, so an outsider cannot tell an existing order (or its line ids) from a made-up one.
    """
    order = Order.objects.filter(pk=order_id).first()
    if order is None or not _runs_a_parcel_of(actor, order):
        raise NotFound("Couldn't resolve to an order.", field="order")
    lines = OrderLine.objects.select_related("vendor_order__vendor").filter(
        order=order, pk__in=line_ids
    )
    return [line for line in lines if manages_workshop(actor, line.vendor_order.vendor)]


@transaction.atomic
def vendor_order_fulfil(
    *,
    actor: Any,
    vendor_order_id: int,
    tracking_number: str = "",
    shipments: Sequence[LineShipment] | None = None,
    carrier: str = "",
) -> VendorOrder:
    """The workshop ships its parcel: stock leaves, the buyer is told; once nothing is left to
    ship, its share is credited. Without ``shipments`` everything left ships; with them, the
    pieces they name (all or some, each from the workshop's warehouse holding it: see
    shipment_check), or nothing changes. Shipping a shipped parcel is refused."""
    from .fulfilment import order_lock_for_parcel, ship_lines, ship_remaining

    vendor_order = vendor_order_for(actor=actor, vendor_order_id=vendor_order_id)
    order_lock_for_parcel(vendor_order_id=vendor_order.pk)
    vendor_order = (
        VendorOrder.objects.select_for_update(of=("self",))
        .select_related("order", "vendor", "shipping_method")
        .get(pk=vendor_order.pk)
    )
    if vendor_order.status == OrderStatus.FULFILLED:
        raise DomainError("This parcel is already shipped.", field="id", code="FULFILL_ORDER_LINE")
    if vendor_order.status == OrderStatus.CANCELED:
        raise DomainError("This order was canceled.", field="id", code="CANNOT_CANCEL_ORDER")
    order = vendor_order.order
    if order.transactions.filter(charged__gt=0).count() == 0 and order.total > 0:
        raise DomainError("The order is not paid.", field="id", code="CANNOT_FULFILL_UNPAID_ORDER")
    method = vendor_order.shipping_method
    carrier = carrier or (method.carrier if method else "") or vendor_order.shipping_method_name
    if shipments is None:
        ship_remaining(
            actor=actor,
            vendor_order=vendor_order,
            carrier=carrier,
            tracking_number=tracking_number,
        )
    else:
        sending = shipment_check(
            vendor_order=vendor_order, lines=list(vendor_order.lines.all()), shipments=shipments
        )
        ship_lines(
            actor=actor,
            vendor_order=vendor_order,
            quantities=sending,
            carrier=carrier,
            tracking_number=tracking_number,
        )
    vendor_order.refresh_from_db()
    return vendor_order


def _refund_money(order: Order, amount: Decimal, key: str, reason: str) -> Decimal:
    """Refund ``amount`` from the order's payments, oldest first."""
    left = amount
    for txn in Transaction.objects.filter(order=order, charged__gt=0).order_by("created_at"):
        if left <= 0:
            break
        part = min(left, txn.captured_net)
        if part <= 0:
            continue
        event = transaction_refund(
            transaction_token=txn.token, amount=part, key=f"{key}:{txn.token}", reason=reason
        )
        if event.type != "REFUND_SUCCESS":
            reason = (event.message or event.type).rstrip(".")
            raise DomainError(
                f"The payment provider did not refund: {reason}.", code="PAYMENT_ERROR"
            )
        left -= event.amount
    return amount - left


def order_cancel(*, actor: Any, order_id: UUID) -> Order:
    """Cancel an order no workshop has shipped yet: stock back, payments refunded."""
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None or not _may_manage_order(actor, order):
            raise NotFound("Couldn't resolve to an order.", field="id")
        if order.status == OrderStatus.CANCELED:
            return order
        if order.vendor_orders.exclude(status=OrderStatus.UNFULFILLED).exists():
            raise DomainError(
                "A parcel of this order has already shipped: it can no longer be canceled.",
                field="id",
                code="CANNOT_CANCEL_ORDER",
            )
        stock_deallocate(allocations=_allocations(list(order.lines.all())))
        order.vendor_orders.update(status=OrderStatus.CANCELED)
        order.status = OrderStatus.CANCELED
        order.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(order=order, type="CANCELED", message="Canceled.", user=actor)
        # Inside the transaction: if the provider refuses, nothing above is kept either.
        _refund_money(order, _refundable(order), f"cancel:{order.pk}", "Order canceled.")
        order_canceled(order)
    return order


def _refundable(order: Order) -> Decimal:
    return sum((t.captured_net for t in Transaction.objects.filter(order=order)), Decimal(0))


def _may_manage_order(actor: Any, order: Order) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    return bool(actor.is_staff or (order.user_id is not None and order.user_id == actor.pk))


def _refunded_before_shipping(vendor_order: VendorOrder) -> bool:
    """Every piece of a parcel not yet shipped is refunded (after the lines just saved)."""
    return vendor_order.status == OrderStatus.UNFULFILLED and all(
        line.quantity_refunded >= line.quantity for line in vendor_order.lines.all()
    )


def _cancel_parcel(vendor_order: VendorOrder) -> None:
    """A parcel refunded in full before it shipped will not ship: its stock goes back."""
    stock_deallocate(allocations=_allocations(list(vendor_order.lines.all())))
    vendor_order.status = OrderStatus.CANCELED
    vendor_order.save(update_fields=["status"])
    _refresh_status(vendor_order.order)


def line_refund_amount(line: OrderLine, quantity: int, vendor_order: VendorOrder) -> Decimal:
    """What the buyer paid for ``quantity`` of the line: price and packaging, less the line's
    share of the parcel's discount."""
    goods = line.unit_price * quantity
    discount = (
        vendor_order.discount * goods / vendor_order.goods_total
        if vendor_order.goods_total
        else Decimal(0)
    )
    return quantize(goods + line.packaging_unit_price * quantity - discount, line.currency)


def order_refund_lines(
    *,
    actor: Any,
    order_id: UUID,
    lines: Sequence[tuple[UUID, int]],
    fulfillment_lines: Sequence[tuple[int, UUID, int]] = (),
    include_shipping: bool = False,
    key: str,
) -> Order:
    """Refund some pieces (and optionally their parcels' shipping). Staff, or the workshop for
    its own lines. Pieces are named by order line, or by (send, order line) for pieces that
    have shipped (Saleor's fulfilment lines). The ledger takes the refund back from what was
    credited."""
    from .fulfilment import sent_lines_resolve

    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None or not _runs_a_parcel_of(actor, order):
            raise NotFound("Couldn't resolve to an order.", field="order")
        lines = [*lines, *sent_lines_resolve(order=order, sent=fulfillment_lines)]
        if not lines:
            raise DomainError("Name the lines to refund.", field="orderLines", code="REQUIRED")
        chosen = {
            line.pk: line
            for line in OrderLine.objects.select_related("vendor_order__vendor").filter(
                order=order, pk__in=[line_id for line_id, _ in lines]
            )
        }
        per_vendor_order: dict[int, Decimal] = {}
        for line_id, quantity in lines:
            line = chosen.get(line_id)
            if line is None or not manages_workshop(actor, line.vendor_order.vendor):
                raise NotFound("Couldn't resolve to an order line.", field="orderLineId")
            if quantity <= 0 or line.quantity_refunded + quantity > line.quantity:
                raise DomainError(
                    f"Can refund between 1 and {line.quantity - line.quantity_refunded} of "
                    f"{line.product_name}.",
                    field="quantity",
                    code="INVALID_QUANTITY",
                )
            line.quantity_refunded += quantity
            line.save(update_fields=["quantity_refunded"])
            vendor_order = line.vendor_order
            amount = line_refund_amount(line, quantity, vendor_order)
            per_vendor_order[vendor_order.pk] = per_vendor_order.get(vendor_order.pk, 0) + amount
        vendor_orders = VendorOrder.objects.select_for_update().select_related("vendor", "order")
        total = Decimal(0)
        for vendor_order in vendor_orders.filter(pk__in=per_vendor_order):
            amount = per_vendor_order[vendor_order.pk]
            if include_shipping and not vendor_order.shipping_refunded:
                amount += vendor_order.shipping_price
                vendor_order.shipping_refunded = True
            cancel = _refunded_before_shipping(vendor_order)
            if cancel:  # it will not ship: shipping and duties go back too, to the last unit
                amount = vendor_order.total - vendor_order.refunded
                vendor_order.shipping_refunded = True
            if vendor_order.status == OrderStatus.FULFILLED:
                ledger_debit_refund(
                    vendor_order=vendor_order, amount=amount, key=f"{key}:{vendor_order.pk}"
                )
            vendor_order.refunded += amount
            vendor_order.save(update_fields=["refunded", "shipping_refunded"])
            total += amount
            if cancel:
                _cancel_parcel(vendor_order)
            else:  # a partly shipped parcel whose last pieces were refunded is complete
                parcel_close_if_done(vendor_order=vendor_order, actor=actor)
        if total > _refundable(order):
            raise DomainError("More than was paid cannot be refunded.", code="CANNOT_REFUND")
        OrderEvent.objects.create(
            order=order, type="REFUNDED", message=f"Refunded {total} {order.currency}.", user=actor
        )
        # The money moves inside the transaction: a provider refusal undoes the bookkeeping,
        # and the provider's idempotency key makes a retry safe.
        _refund_money(order, total, f"refund:{key}", "Refund of order lines.")
    return order
