"""Delivery groups (one parcel per workshop) and what each can be shipped by, for how much.

The price comes from the lightest weight bracket that fits the parcel's chargeable weight:
the greater of its actual and volumetric weight, packaging included. A parcel whose goods
reach the method's threshold ships free.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet

from marketplace.checkout.models import CheckoutLine
from marketplace.core.hooks import ShippingQuoteRequest
from marketplace.core.money import quantize
from marketplace.core.plugins import plugin_manager
from marketplace.core.query_templates import AnyOf, QueryTemplate
from marketplace.packaging.parcels import ParcelItem, ParcelWeight, parcel_weight
from marketplace.vendors.models import Vendor

from .models import ShippingMethodChannelListing, ShippingRate


@dataclass(frozen=True)
class DeliveryGroup:
    vendor: Vendor
    lines: list[CheckoutLine]
    goods_total: Decimal
    weight: ParcelWeight


@dataclass(frozen=True)
class ShippingQuote:
    method_id: int
    name: str
    carrier: str
    service: str
    min_days: int | None
    max_days: int | None
    price: Decimal
    currency: str
    # The method's own facts, for clients that show them; not part of a quote's identity.
    max_weight_kg: Decimal | None = field(default=None, compare=False)
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)
    private_metadata: dict[str, Any] = field(default_factory=dict, compare=False)


def _heaviest(rates: list[ShippingRate]) -> Decimal | None:
    """The heaviest parcel the rate table prices, or None when its last bracket is open."""
    limits = [rate.max_weight_kg for rate in rates]
    if not limits or None in limits:
        return None
    return max(limit for limit in limits if limit is not None)


def line_unit_weight(line: CheckoutLine) -> Decimal:
    """A piece's own weight (variant, else product, else product type), without packaging."""
    variant, product = line.variant, line.variant.product
    weight = variant.weight_kg or product.weight_kg or product.product_type.weight_kg
    return Decimal(weight or 0)


def _item(line: CheckoutLine) -> ParcelItem:
    variant = line.variant
    option = line.packaging_option
    return ParcelItem(
        quantity=line.quantity,
        weight_kg=line_unit_weight(line),
        length_cm=variant.length_cm or Decimal(0),
        width_cm=variant.width_cm or Decimal(0),
        height_cm=variant.height_cm or Decimal(0),
        packaging_weight_kg=option.added_weight_kg if option else Decimal(0),
        packaging_length_cm=option.length_cm if option else None,
        packaging_width_cm=option.width_cm if option else None,
        packaging_height_cm=option.height_cm if option else None,
    )


def delivery_groups(
    *, lines: Sequence[CheckoutLine], line_totals: dict[object, Decimal]
) -> list[DeliveryGroup]:
    """Lines must come with variant, product, product type, vendor and packaging loaded."""
    by_vendor: dict[int, list[CheckoutLine]] = defaultdict(list)
    for line in lines:
        if line.variant.product.product_type.is_shipping_required:
            by_vendor[line.variant.product.vendor_id].append(line)
    groups = []
    for parcel in by_vendor.values():
        groups.append(
            DeliveryGroup(
                vendor=parcel[0].variant.product.vendor,
                lines=parcel,
                goods_total=sum((line_totals[line.pk] for line in parcel), Decimal(0)),
                weight=parcel_weight(items=[_item(line) for line in parcel]),
            )
        )
    return sorted(groups, key=lambda g: g.vendor.name)


def _plugin_rates(
    group: DeliveryGroup, listings: list[ShippingMethodChannelListing], country: str, channel: str
) -> dict[int, Decimal]:
    rated_by = {lst.method.pk: lst.method.rated_by for lst in listings if lst.method.rated_by}
    if not rated_by:
        return {}
    request = ShippingQuoteRequest(
        vendor_id=group.vendor.pk,
        country=country,
        channel_slug=channel,
        currency=listings[0].currency,
        chargeable_weight_kg=group.weight.chargeable_kg,
        goods_total=group.goods_total,
        method_ids=(),
    )
    rates = plugin_manager().shipping_quotes(request, rated_by=rated_by)
    return {rate.method_id: rate.price for rate in rates}


def _listings(channel_id: int, owners: list[int], pattern: str) -> QuerySet[Any]:
    return ShippingMethodChannelListing.objects.filter(
        AnyOf(F("method__zone__vendor_id"), owners),
        channel_id=channel_id,
        method__is_active=True,
        method__zone__countries__regex=pattern,
    ).select_related("method__zone", "channel")


# Asked on every step of the checkout path: compiled once (core.query_templates).
_LISTINGS: QueryTemplate[ShippingMethodChannelListing] = QueryTemplate(
    _listings, channel_id=-2_000_000_021, owners=[-2_000_000_022], pattern="(probe)~"
)
_RATES: QueryTemplate[ShippingRate] = QueryTemplate(
    lambda listing_ids: ShippingRate.objects.filter(AnyOf(F("listing_id"), listing_ids)),
    listing_ids=[-2_000_000_023],
)


def shipping_quotes(
    *, groups: Sequence[DeliveryGroup], country: str, channel_id: int
) -> dict[int, list[ShippingQuote]]:
    """Per workshop: the methods of the workshop's and its cluster's zones that cover the
    country and are priced in the channel for the parcel's weight, by the rate table or, for
    methods a plugin rates, by the plugin. Two queries in all (plus what plugins do)."""
    owners = {g.vendor.pk for g in groups} | {
        g.vendor.cluster_id for g in groups if g.vendor.cluster_id
    }
    listings = _LISTINGS.rows(
        channel_id=channel_id, owners=sorted(owners), pattern=rf"(^|,){country}(,|$)"
    )
    rates: dict[int, list[ShippingRate]] = defaultdict(list)
    if listings:  # lightest bracket first (the rates' own order)
        for rate in _RATES.rows(listing_ids=[listing.pk for listing in listings]):
            rates[rate.listing_id].append(rate)
    quotes: dict[int, list[ShippingQuote]] = {}
    for group in groups:
        mine = (group.vendor.pk, group.vendor.cluster_id)
        serving = [lst for lst in listings if lst.method.zone.vendor_id in mine]
        live = _plugin_rates(group, serving, country, serving[0].channel.slug) if serving else {}
        found = []
        for listing in serving:
            weight = group.weight.chargeable_kg
            if listing.method.rated_by:
                price = live.get(listing.method.pk)
            else:
                bracket = next(
                    (
                        r
                        for r in rates[listing.pk]
                        if r.max_weight_kg is None or r.max_weight_kg >= weight
                    ),
                    None,
                )
                price = bracket.price if bracket else None
            if price is None:
                continue  # too heavy for this method, or the plugin cannot serve it
            free = listing.free_above is not None and group.goods_total >= listing.free_above
            method = listing.method
            found.append(
                ShippingQuote(
                    method_id=method.pk,
                    name=method.name,
                    carrier=method.carrier,
                    service=method.service,
                    min_days=method.min_delivery_days,
                    max_days=method.max_delivery_days,
                    price=quantize(Decimal(0) if free else price, listing.currency),
                    currency=listing.currency,
                    max_weight_kg=None if method.rated_by else _heaviest(rates[listing.pk]),
                    metadata=method.metadata,
                    private_metadata=method.private_metadata,
                )
            )
        quotes[group.vendor.pk] = sorted(found, key=lambda q: (q.price, q.name))
    return quotes
