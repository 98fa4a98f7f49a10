"""Who sees which order, and how much of it. The buyer and marketplace staff see it all; a
workshop sees only its own sub-order; anyone else, nothing (the same answer as a missing id)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from marketplace.vendors.models import VendorMembership, VendorRole

from .models import Order, VendorOrder

FULL_VIEW = None


def workshops_run_by(user: Any) -> set[int]:
    if user is None or not user.is_authenticated:
        return set()
    return set(
        VendorMembership.objects.filter(
            user=user, role__in=[VendorRole.OWNER, VendorRole.STAFF]
        ).values_list("vendor_id", flat=True)
    )


def order_view(*, user: Any, order: Order) -> set[int] | bool | None:
    """FULL_VIEW (None), the set of workshop ids whose parts the user may see, or False."""
    authenticated = user is not None and user.is_authenticated
    if authenticated and (user.is_staff or order.user_id == user.pk):
        return FULL_VIEW
    if order.user_id is None and not authenticated:
        return FULL_VIEW  # a guest's order: its unguessable id is the guest's key
    mine = workshops_run_by(user) & set(order.vendor_orders.values_list("vendor_id", flat=True))
    return mine or False


def order_visible(*, user: Any, order_id: UUID) -> tuple[Order, set[int] | None] | None:
    order = Order.objects.select_related("channel").filter(pk=order_id).first()
    if order is None:
        return None
    view = order_view(user=user, order=order)
    if view is False:
        return None
    return order, (view if isinstance(view, set) else None)


def orders_of(*, user: Any) -> QuerySet[Order]:
    return (
        Order.objects.filter(user=user)
        .select_related("channel", "shipping_address", "billing_address")
        .order_by("-number")
    )


def vendor_orders_for(*, user: Any, vendor_id: int | None = None) -> QuerySet[VendorOrder]:
    """Sub-orders of the workshops the user runs (all of them for staff)."""
    rows = VendorOrder.objects.select_related(
        "order__shipping_address", "order__channel", "vendor"
    ).order_by("-order__number")
    if user is None or not user.is_authenticated:
        return rows.none()
    if not user.is_staff:
        rows = rows.filter(vendor_id__in=workshops_run_by(user))
    if vendor_id is not None:
        rows = rows.filter(vendor_id=vendor_id)
    return rows


def order_for_confirmation(*, order_id: UUID) -> Order | None:
    """An order with its parcels and lines, for the buyer's confirmation page (3 queries).
    The caller decides who may see it."""
    from django.db.models import Prefetch

    from .models import OrderLine, VendorOrder

    parcels = VendorOrder.objects.select_related("vendor").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("pk"))
    )
    return (
        Order.objects.select_related("shipping_address")
        .prefetch_related(Prefetch("vendor_orders", queryset=parcels))
        .filter(pk=order_id)
        .first()
    )


def orders_for_account(*, user: Any) -> QuerySet[Order]:
    """The buyer's own orders, newest first, with their parcels and workshops (3 queries)."""
    from django.db.models import Prefetch

    parcels = VendorOrder.objects.select_related("vendor").order_by("pk")
    return orders_of(user=user).prefetch_related(Prefetch("vendor_orders", queryset=parcels))


ORDER_LOOKUPS_PER_IP = 10
ORDER_LOOKUP_WINDOW_SECONDS = 600


def order_for_guest(*, number: int, email: str, client_ip: str | None) -> Order | None:
    """The order with this number placed with this e-mail, for a buyer without an account.
    A wrong e-mail answers like a missing number, and lookups are throttled per IP address
    (ORDER_LOOKUPS_PER_IP per ORDER_LOOKUP_WINDOW_SECONDS), so numbers cannot be probed."""
    from marketplace.core.errors import DomainError
    from marketplace.core.throttle import rate_limit

    if not client_ip:
        raise DomainError("Can't determine your IP address.", code="UNKNOWN_IP_ADDRESS")
    rate_limit(
        scope="order-lookup",
        key=client_ip,
        limit=ORDER_LOOKUPS_PER_IP,
        window_seconds=ORDER_LOOKUP_WINDOW_SECONDS,
    )
    return Order.objects.filter(number=number, user_email__iexact=email.strip()).first()
