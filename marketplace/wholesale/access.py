"""Who sees which group order. The wrong actor gets NotFound, exactly as a missing id does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from marketplace.catalog.models import Product
from marketplace.core.errors import NotFound
from marketplace.vendors.models import Vendor, VendorKind
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from .models import BusinessAccount, BusinessStatus, QuoteLine, QuoteShare, WholesaleQuote


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def approved_business(user: Any, *, field: str = "id") -> BusinessAccount:
    if not _authenticated(user):
        raise NotFound("No approved business account.", field=field)
    business = BusinessAccount.objects.filter(user=user, status=BusinessStatus.APPROVED).first()
    if business is None:
        raise NotFound("No approved business account.", field=field)
    return business


def quote_for_buyer(user: Any, quote_id: int, *, lock: bool = False) -> WholesaleQuote:
    rows = WholesaleQuote.objects.select_for_update() if lock else WholesaleQuote.objects
    quote = (
        rows.filter(pk=quote_id, business__user_id=user.pk).first()
        if _authenticated(user)
        else None
    )
    if quote is None:
        raise NotFound("No such quote.", field="id")
    return quote


def quote_for_manager(user: Any, quote_id: int, *, lock: bool = False) -> WholesaleQuote:
    rows = WholesaleQuote.objects.select_for_update() if lock else WholesaleQuote.objects
    quote = rows.filter(pk=quote_id).first()
    if quote is None or not manages_cluster(user, quote.cluster_id):
        raise NotFound("No such quote.", field="id")
    return quote


def line_for_manager(
    user: Any, line_id: int, *, lock: bool = False
) -> tuple[QuoteLine, WholesaleQuote]:
    """A line of a quote the user manages; another cluster's line answers as a missing one."""
    line = QuoteLine.objects.filter(pk=line_id).select_related("quote").first()
    if line is None or not manages_cluster(user, line.quote.cluster_id):
        raise NotFound("No such line.", field="line")
    return line, quote_for_manager(user, line.quote_id, lock=lock)


def vendor_products(vendor: Vendor, product_ids: Iterable[int]) -> set[int]:
    """Which of these products the vendor sells: its own, or (a cluster) its members'."""
    mine = Q(vendor=vendor)
    if vendor.kind == VendorKind.CLUSTER:
        mine |= Q(vendor__cluster=vendor)
    return set(Product.objects.filter(mine, pk__in=set(product_ids)).values_list("pk", flat=True))


def quote_for_viewer(user: Any, quote_id: int) -> WholesaleQuote:
    """Buyer, cluster manager, staff, or a member with a share in it."""
    quote = WholesaleQuote.objects.filter(pk=quote_id).first()
    if quote is None or not _authenticated(user):
        raise NotFound("No such quote.", field="id")
    if quote.business.user_id == user.pk or manages_cluster(user, quote.cluster_id):
        return quote
    workshops = Vendor.objects.filter(wholesale_shares__line__quote=quote).distinct()
    if any(manages_workshop(user, w) for w in workshops):
        return quote
    raise NotFound("No such quote.", field="id")


def share_for_member(user: Any, share_id: int, *, lock: bool = False) -> QuoteShare:
    rows = QuoteShare.objects.select_for_update() if lock else QuoteShare.objects
    share = rows.filter(pk=share_id).select_related("workshop").first()
    if share is None or not manages_workshop(user, share.workshop):
        raise NotFound("No such share.", field="id")
    return share


def share_for_manager(user: Any, share_id: int, *, lock: bool = False) -> QuoteShare:
    rows = QuoteShare.objects.select_for_update() if lock else QuoteShare.objects
    share = rows.filter(pk=share_id).select_related("line__quote").first()
    if share is None or not manages_cluster(user, share.line.quote.cluster_id):
        raise NotFound("No such share.", field="id")
    return share
