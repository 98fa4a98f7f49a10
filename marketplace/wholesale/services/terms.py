"""A cluster's (or workshop's) wholesale terms and volume price tiers."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from marketplace.core.errors import DomainError, NotFound
from marketplace.vendors.models import Vendor
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from ..access import vendor_products
from ..models import PriceTier, WholesaleTerms
from .amounts import currency_checked, money_in

INCOTERMS = ("DAP", "DDP")


@transaction.atomic
def terms_set(
    *,
    actor: Any,
    vendor_id: int,
    currency: str,
    min_first_order: Decimal,
    min_reorder: Decimal,
    min_quantity_per_product: int,
    lead_time_days: int,
    deposit_share: Decimal,
    incoterms: Sequence[str],
    net_days: int = 30,
    tiers: Sequence[tuple[int, int, Decimal]] = (),
) -> WholesaleTerms:
    """``tiers``: (product id, from quantity, unit price)."""
    vendor = Vendor.objects.filter(pk=vendor_id).first()
    allowed = vendor is not None and (
        manages_cluster(actor, vendor.pk)
        if vendor.kind == "cluster"
        else manages_workshop(actor, vendor)
    )
    if vendor is None or not allowed:
        raise NotFound("No such vendor.", field="vendor")
    sold = vendor_products(vendor, (product_id for product_id, _q, _p in tiers))
    for index, (product_id, _quantity, _price) in enumerate(tiers):
        if product_id not in sold:
            raise NotFound("No such product of this vendor.", field=f"tiers.{index}.product")
    currency = currency_checked(currency)
    wrong = [term for term in incoterms if term not in INCOTERMS]
    if wrong or not incoterms:
        raise DomainError("Offer DAP and/or DDP.", field="incoterms", code="INVALID")
    if lead_time_days < 0 or net_days < 0:
        raise DomainError("Days cannot be negative.", field="leadTimeDays")
    if any(quantity < 1 for _product, quantity, _price in tiers):
        raise DomainError("A tier starts at one piece or more.", field="tiers")
    if not Decimal(0) <= deposit_share <= 1:
        raise DomainError("A share between 0 and 1.", field="depositShare", code="INVALID")
    terms, _ = WholesaleTerms.objects.select_for_update().update_or_create(
        vendor=vendor,
        defaults={
            "currency": currency,
            "min_first_order": money_in(
                min_first_order, currency, field="minFirstOrder", zero_ok=True
            ),
            "min_reorder": money_in(min_reorder, currency, field="minReorder", zero_ok=True),
            "min_quantity_per_product": max(1, min_quantity_per_product),
            "lead_time_days": lead_time_days,
            "deposit_share": deposit_share,
            "incoterms": list(incoterms),
            "net_days": net_days,
        },
    )
    terms.tiers.all().delete()
    PriceTier.objects.bulk_create(
        PriceTier(
            terms=terms,
            product_id=product_id,
            min_quantity=quantity,
            unit_price=money_in(price, currency, field="tiers"),
        )
        for product_id, quantity, price in tiers
    )
    return terms


def tier_price(tiers: Sequence[PriceTier], *, product_id: int, quantity: int) -> Decimal | None:
    """The unit price of the highest tier ``quantity`` reaches, or None."""
    best = None
    for tier in tiers:
        if tier.product_id == product_id and quantity >= tier.min_quantity:
            best = tier.unit_price
    return best
