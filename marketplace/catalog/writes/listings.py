"""Where a product is sold and for how much: per-channel publication and variant prices.

Prices are in the channel's currency and must be exact in it: 33.571 TND (3 decimals) is
fine, 10.005 EUR (2 decimals) is refused rather than rounded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.services import product_listing_refresh_prices
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError
from marketplace.core.money import AmountError, amount_parse, currency_precision

from .access import product_for_actor, variant_for_actor


@dataclass(frozen=True)
class PriceInput:
    """A variant's price (and optional cost price) in one channel."""

    channel_id: int
    price: Decimal
    cost_price: Decimal | None = None


@dataclass(frozen=True)
class ChannelPublication:
    """A product's listing in one channel; None leaves a field as it is (or its default)."""

    channel_id: int
    is_published: bool | None = None
    published_at: datetime | None = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: datetime | None = None
    add_variant_ids: Sequence[int] = ()
    remove_variant_ids: Sequence[int] = ()


class ChannelError(DomainError):
    """A problem with one channel's entry; ``channels`` names it for the API."""

    def __init__(self, message: str, *, field: str, code: str, channel_id: int) -> None:
        super().__init__(message, field=field, code=code)
        self.channels = [channel_id]


def _channel(channel_id: int, field: str = "channelId") -> Channel:
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None:
        raise ChannelError(
            _("No channel with this id."), field=field, code="NOT_FOUND", channel_id=channel_id
        )
    return channel


def price_parse(amount: Any, *, currency: str, field: str, channel_id: int) -> Decimal:
    """An exact, positive amount in ``currency`` (its own number of decimals)."""
    if not isinstance(amount, Decimal):
        try:
            amount = Decimal(str(amount).strip())
        except ArithmeticError:
            raise ChannelError(
                _("The price must be a number."),
                field=field,
                code="INVALID_PRICE",
                channel_id=channel_id,
            ) from None
    if amount.is_finite() and amount < 0:
        raise ChannelError(
            _("The price cannot be negative."),
            field=field,
            code="INVALID_PRICE",
            channel_id=channel_id,
        )
    try:
        return amount_parse(amount, currency)
    except AmountError:
        places = currency_precision(currency)
        raise ChannelError(
            _("Give a price above zero in %(currency)s, with at most %(places)s decimals.")
            % {"currency": currency, "places": places},
            field=field,
            code="INVALID_PRICE",
            channel_id=channel_id,
        ) from None


def variant_prices_set(*, variant: ProductVariant, prices: Sequence[PriceInput]) -> None:
    """Set the variant's prices in the given channels (the caller checked access).

    The product must be listed in each channel (Saleor's PRODUCT_NOT_ASSIGNED_TO_CHANNEL)."""
    if len({p.channel_id for p in prices}) != len(prices):
        raise DomainError(
            _("A channel is given twice."), field="channelId", code="DUPLICATED_INPUT_ITEM"
        )
    listed = set(
        ProductChannelListing.objects.filter(product_id=variant.product_id).values_list(
            "channel_id", flat=True
        )
    )
    for entry in prices:
        channel = _channel(entry.channel_id)
        if channel.pk not in listed:
            raise ChannelError(
                _("List the product in this channel before pricing its variants."),
                field="channelId",
                code="PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
                channel_id=channel.pk,
            )
        currency = channel.currency_code
        price = price_parse(entry.price, currency=currency, field="price", channel_id=channel.pk)
        cost = None
        if entry.cost_price is not None:
            cost = price_parse(
                entry.cost_price, currency=currency, field="costPrice", channel_id=channel.pk
            )
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=channel,
            defaults={"currency": currency, "price_amount": price, "cost_price_amount": cost},
        )


@transaction.atomic
def variant_channel_listing_update(
    *,
    actor: Any,
    prices: Sequence[PriceInput],
    variant_id: int | None = None,
    sku: str | None = None,
) -> ProductVariant:
    """Price the actor's variant per channel; the product's cheapest price follows."""
    variant = variant_for_actor(actor=actor, variant_id=variant_id, sku=sku, lock=True)
    variant_prices_set(variant=variant, prices=prices)
    product_listing_refresh_prices(product_ids=[variant.product_id])
    return variant


def product_listing_set(product: Product, entry: ChannelPublication) -> None:
    """Create or change the product's listing in one channel (the caller checked access)."""
    channel = _channel(entry.channel_id)
    listing = ProductChannelListing.objects.filter(product=product, channel=channel).first()
    if listing is None:
        listing = ProductChannelListing(
            product=product, channel=channel, currency=channel.currency_code
        )
    now = timezone.now()
    if entry.is_published is not None:
        listing.is_published = entry.is_published
        if entry.is_published and listing.published_at is None and entry.published_at is None:
            listing.published_at = now
    if entry.published_at is not None:
        listing.published_at = entry.published_at
    if entry.visible_in_listings is not None:
        listing.visible_in_listings = entry.visible_in_listings
    if entry.available_for_purchase_at is not None:
        listing.available_for_purchase_at = entry.available_for_purchase_at
    elif entry.is_available_for_purchase is True and listing.available_for_purchase_at is None:
        listing.available_for_purchase_at = now
    elif entry.is_available_for_purchase is False:
        listing.available_for_purchase_at = None
    listing.save()
    variants = set(product.variants.values_list("pk", flat=True))
    for variant_id in [*entry.add_variant_ids, *entry.remove_variant_ids]:
        if variant_id not in variants:
            raise ChannelError(
                _("The variant is not one of this product's."),
                field="addVariants" if variant_id in entry.add_variant_ids else "removeVariants",
                code="NOT_PRODUCTS_VARIANT",
                channel_id=channel.pk,
            )
    priced = set(
        ProductVariantChannelListing.objects.filter(
            channel=channel, variant_id__in=entry.add_variant_ids
        ).values_list("variant_id", flat=True)
    )
    if set(entry.add_variant_ids) - priced:
        raise ChannelError(
            _("Set the variant's price in this channel to add it."),
            field="addVariants",
            code="INVALID",
            channel_id=channel.pk,
        )
    ProductVariantChannelListing.objects.filter(
        channel=channel, variant_id__in=entry.remove_variant_ids
    ).delete()


@transaction.atomic
def product_channel_listing_update(
    *,
    actor: Any,
    product_id: int,
    update_channels: Sequence[ChannelPublication] = (),
    remove_channel_ids: Sequence[int] = (),
) -> Product:
    """List the actor's product in channels (draft or published), or take it out of them.

    Removing a channel also removes the variants' prices there."""
    product = product_for_actor(actor=actor, product_id=product_id, lock=True)
    updated = [entry.channel_id for entry in update_channels]
    if len(set(updated)) != len(updated) or set(updated) & set(remove_channel_ids):
        raise DomainError(
            _("A channel is given twice."), field="updateChannels", code="DUPLICATED_INPUT_ITEM"
        )
    for entry in update_channels:
        product_listing_set(product, entry)
    for channel_id in remove_channel_ids:
        _channel(channel_id, field="removeChannels")
    if remove_channel_ids:
        ProductChannelListing.objects.filter(
            product=product, channel_id__in=remove_channel_ids
        ).delete()
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel_id__in=remove_channel_ids
        ).delete()
    product_listing_refresh_prices(product_ids=[product.pk])
    return product
