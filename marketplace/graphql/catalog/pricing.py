"""Prices for a product or variant in a channel, from batched listing loads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.utils import timezone

from marketplace.catalog.models import ProductChannelListing
from marketplace.graphql.channels.types import get_channel
from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.types import (
    TaxedMoney,
    TaxedMoneyRange,
    TaxedMoneyRangeValue,
    TaxedMoneyValue,
)

from .dataloaders import ProductListingLoader, VariantListingLoader, VariantListingsByProductLoader


@dataclass(frozen=True, slots=True)
class ProductPricingValue:
    """What ``ProductPricingInfo`` resolves from; no discounts exist yet."""

    on_sale: bool
    discount: TaxedMoneyValue | None
    display_gross_prices: bool
    price_range: TaxedMoneyRangeValue
    price_range_undiscounted: TaxedMoneyRangeValue


@dataclass(frozen=True, slots=True)
class VariantPricingValue:
    on_sale: bool
    discount: TaxedMoneyValue | None
    price: TaxedMoneyValue
    price_undiscounted: TaxedMoneyValue


# No prior (pre-sale) price is recorded here and prices are in the channel's own currency, so
# Saleor's "prior" and deprecated "local currency" amounts are null, as Saleor answers them
# for a product without a prior price or a visitor without a local currency.
_LOCAL = "Prices are in the channel's currency: convert on the client."


def _null(*_args: Any, **_kwargs: Any) -> None:
    return None


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_prior = graphene.Field(TaxedMoney, resolver=_null)
    discount_local_currency = graphene.Field(TaxedMoney, resolver=_null, deprecation_reason=_LOCAL)
    display_gross_prices = graphene.Boolean(required=True)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)
    price_range_prior = graphene.Field(TaxedMoneyRange, resolver=_null)
    price_range_local_currency = graphene.Field(
        TaxedMoneyRange, resolver=_null, deprecation_reason=_LOCAL
    )


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    discount_prior = graphene.Field(TaxedMoney, resolver=_null)
    discount_local_currency = graphene.Field(TaxedMoney, resolver=_null, deprecation_reason=_LOCAL)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)
    price_prior = graphene.Field(TaxedMoney, resolver=_null)
    price_local_currency = graphene.Field(TaxedMoney, resolver=_null, deprecation_reason=_LOCAL)


def channel_id_of(info: Any, root: Any) -> int | None:
    channel = get_channel(info, root.channel_slug, required=False)
    return channel.pk if channel else None


def product_listing(info: Any, root: Any) -> ProductChannelListing | None:
    channel_id = channel_id_of(info, root)
    if channel_id is None:
        return None
    return load_for(
        info.context, root, ProductListingLoader, key=lambda product: (product.pk, channel_id)
    )


def variant_prices(info: Any, root: Any) -> list[Any]:
    """Every variant listing of ``root.node`` (a product) in root's channel."""
    channel_id = channel_id_of(info, root)
    if channel_id is None:
        return []
    found = load_for(
        info.context,
        root,
        VariantListingsByProductLoader,
        key=lambda product: (product.pk, channel_id),
    )
    return found or []


def resolve_product_pricing(root: Any, info: Any) -> ProductPricingValue | None:
    # Visibility was settled when the product was fetched; prices alone decide pricing.
    prices = variant_prices(info, root)
    if not prices:
        return None
    currency = prices[0].currency
    low = TaxedMoney.untaxed(min(p.price_amount for p in prices), currency)
    high = TaxedMoney.untaxed(max(p.price_amount for p in prices), currency)
    price_range = TaxedMoneyRangeValue(start=low, stop=high)
    return ProductPricingValue(
        on_sale=False,
        discount=None,
        display_gross_prices=True,
        price_range=price_range,
        price_range_undiscounted=price_range,
    )


def resolve_variant_pricing(root: Any, info: Any) -> VariantPricingValue | None:
    channel_id = channel_id_of(info, root)
    if channel_id is None:
        return None
    listing = load_for(
        info.context, root, VariantListingLoader, key=lambda variant: (variant.pk, channel_id)
    )
    if listing is None:
        return None
    price = TaxedMoney.untaxed(listing.price_amount, listing.currency)
    return VariantPricingValue(on_sale=False, discount=None, price=price, price_undiscounted=price)


def is_available_for_purchase(listing: ProductChannelListing | None) -> bool:
    return bool(
        listing
        and listing.available_for_purchase_at is not None
        and listing.available_for_purchase_at <= timezone.now()
    )
