"""The workshop's orders inbox: its own parcels by stage (new, accepted, packed, partly
shipped, shipped, canceled), each with its lines and what the buyer chose, and one parcel in
full. Reads only; the caller has checked who asks. Lists cost the same queries at any length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import OrderEvent, OrderLine, OrderStatus, ParcelShipment, VendorOrder

OPEN = (OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED)
STAGES = ("new", "accepted", "packed", "partial", "shipped", "canceled", "all")


def _stage_filter(stage: str) -> Q:
    return {
        "new": Q(status=OrderStatus.UNFULFILLED, accepted_at__isnull=True),
        "accepted": Q(
            status=OrderStatus.UNFULFILLED, accepted_at__isnull=False, packed_at__isnull=True
        ),
        "packed": Q(status=OrderStatus.UNFULFILLED, packed_at__isnull=False),
        "partial": Q(status=OrderStatus.PARTIALLY_FULFILLED),
        "shipped": Q(status=OrderStatus.FULFILLED),
        "canceled": Q(status=OrderStatus.CANCELED),
        "open": Q(status__in=OPEN),
        "all": Q(),
    }[stage]


def stage_of(vendor_order: VendorOrder) -> str:
    if vendor_order.status == OrderStatus.UNFULFILLED:
        if vendor_order.packed_at:
            return "packed"
        return "accepted" if vendor_order.accepted_at else "new"
    return {
        OrderStatus.PARTIALLY_FULFILLED: "partial",
        OrderStatus.FULFILLED: "shipped",
        OrderStatus.CANCELED: "canceled",
    }[OrderStatus(vendor_order.status)]


@dataclass(frozen=True)
class InboxPage:
    parcels: list[VendorOrder]
    counts: dict[str, int]
    total: int
    page: int
    pages: int


def inbox_counts(*, vendor_id: int) -> dict[str, int]:
    """How many parcels sit in each stage: one query."""
    aggregates = {stage: Count("pk", filter=_stage_filter(stage)) for stage in (*STAGES, "open")}
    return VendorOrder.objects.filter(vendor_id=vendor_id).aggregate(**aggregates)


def workshop_inbox(
    *, vendor_id: int, stage: str = "open", page: int = 1, per_page: int = 25
) -> InboxPage:
    """A page of the workshop's parcels in ``stage``, oldest open order first (the one to
    ship next), shipped and canceled ones newest first. Four queries."""
    if stage not in (*STAGES, "open"):
        stage = "open"
    counts = inbox_counts(vendor_id=vendor_id)
    total = counts[stage]
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    newest_first = stage in ("shipped", "canceled", "all")
    rows: QuerySet[VendorOrder] = (
        VendorOrder.objects.filter(_stage_filter(stage), vendor_id=vendor_id)
        .select_related("order__shipping_address")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("product_name", "pk"))
        )
        .order_by("-order__number" if newest_first else "order__number", "pk")
    )
    parcels = list(rows[(page - 1) * per_page : page * per_page])
    return InboxPage(parcels=parcels, counts=counts, total=total, page=page, pages=pages)


def workshop_parcel(*, vendor_id: int, vendor_order_id: int) -> VendorOrder | None:
    """One of the workshop's parcels with its lines, shipments and history (another
    workshop's parcel answers None, as a missing one does)."""
    return (
        VendorOrder.objects.filter(pk=vendor_order_id, vendor_id=vendor_id)
        .select_related("order__shipping_address", "order__billing_address", "shipping_method")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("product_name", "pk")),
            Prefetch("shipments", queryset=ParcelShipment.objects.order_by("number")),
            Prefetch("events", queryset=OrderEvent.objects.order_by("created_at", "pk")),
        )
        .first()
    )
