"""Which packaging a buyer may choose for a product, and at what price."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Subquery

from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.core.hooks import PackagingQuoteItem
from marketplace.core.money import quantize
from marketplace.core.plugins import plugin_manager
from marketplace.vendors.models import Vendor

from .models import PackagingOption, PackagingOptionChannelListing


def option_applies(option: PackagingOption, product: Product, cluster_id: int | None) -> bool:
    """Offered by the product's workshop or its cluster, and unrestricted or restricted to
    the product's type or to the product itself. Restrictions must be prefetched."""
    if option.vendor_id not in (product.vendor_id, cluster_id):
        return False
    types = {t.pk for t in option.product_types.all()}
    items = {p.pk for p in option.products.all()}
    return (not types and not items) or product.product_type_id in types or product.pk in items


def packaging_options_for_products(
    products: Sequence[Product], *, channel_id: int | None
) -> dict[int, list[PackagingOption]]:
    """Active applicable options per product, priced in the channel when one is given.

    A fixed number of queries for any number of products, so lists stay flat.
    """
    if not products:
        return {}
    vendor_ids = {p.vendor_id for p in products}
    cluster_of = dict(Vendor.objects.filter(pk__in=vendor_ids).values_list("pk", "cluster_id"))
    owners = vendor_ids | {c for c in cluster_of.values() if c}
    options = PackagingOption.objects.filter(vendor_id__in=owners, is_active=True)
    if channel_id is not None:
        options = options.filter(channel_listings__channel_id=channel_id)
    fetched = list(options.select_related("vendor").prefetch_related("product_types", "products"))
    result: dict[int, list[PackagingOption]] = defaultdict(list)
    for product in products:
        cluster_id = cluster_of.get(product.vendor_id)
        result[product.pk] = [o for o in fetched if option_applies(o, product, cluster_id)]
    return result


@dataclass(frozen=True)
class PackagingPrice:
    option: PackagingOption
    amount: Decimal
    currency: str


def packaging_offers_for_products(
    products: Sequence[Product], *, channel: Channel
) -> dict[int, list[PackagingPrice]]:
    """Applicable options priced in the channel, after plugins had their say on the price
    (a cluster may discount its own branded box, say). Options unpriced there are left out."""
    options = packaging_options_for_products(products, channel_id=channel.pk)
    option_ids = {o.pk for found in options.values() for o in found}
    listings = {
        row.option_id: row
        for row in PackagingOptionChannelListing.objects.filter(
            option_id__in=option_ids, channel=channel
        )
    }
    manager = plugin_manager()
    offers: dict[int, list[PackagingPrice]] = {}
    for product_id, found in options.items():
        offers[product_id] = []
        for option in found:
            listing = listings[option.pk]
            amount = _price(manager, option, channel, listing.price_amount, listing.currency)
            offers[product_id].append(
                PackagingPrice(option=option, amount=amount, currency=listing.currency)
            )
    return offers


def _price(
    manager: Any, option: PackagingOption, channel: Channel, listed: Decimal, currency: str
) -> Decimal:
    """The listed price after plugins, never below zero, in the currency's precision."""
    amount = manager.packaging_price(
        PackagingQuoteItem(option.pk, option.vendor_id, channel.slug, listed)
    )
    return quantize(max(amount, Decimal(0)), currency)


@dataclass(frozen=True)
class NamedPackagingPrice(PackagingPrice):
    name: str  # in the page's language where a translation gives one


def packaging_offers_for_page(
    *, product: Product, cluster_id: int | None, channel: Channel, language_code: str
) -> list[NamedPackagingPrice]:
    """``packaging_offers_for_products`` for one product page, with each option's name in
    ``language_code`` (``packaging_names``), in one query: the rule of ``option_applies``
    and the channel's price are tested and read in SQL, where the list's six queries
    (clusters, options, both restrictions, prices, names) cost more in Django than the
    subqueries in PostgreSQL. ``cluster_id`` is the workshop's cluster (None without one)."""
    from .models import PackagingOptionTranslation

    listing = PackagingOptionChannelListing.objects.filter(option=OuterRef("pk"), channel=channel)
    name = PackagingOptionTranslation.objects.filter(
        option=OuterRef("pk"), language_code=language_code
    ).exclude(name="")
    types = PackagingOption.product_types.through.objects.filter(packagingoption=OuterRef("pk"))
    items = PackagingOption.products.through.objects.filter(packagingoption=OuterRef("pk"))
    applies = (
        (~Exists(types) & ~Exists(items))
        | Exists(types.filter(producttype_id=product.product_type_id))
        | Exists(items.filter(product_id=product.pk))
    )
    owners = [product.vendor_id] + ([cluster_id] if cluster_id else [])
    options = (
        PackagingOption.objects.filter(Exists(listing), applies, vendor_id__in=owners)
        .filter(is_active=True)
        .annotate(
            page_price=Subquery(listing.values("price_amount")[:1]),
            page_currency=Subquery(listing.values("currency")[:1]),
            page_name=Subquery(name.values("name")[:1]),
        )
    )
    manager = plugin_manager()
    return [
        NamedPackagingPrice(
            option=option,
            amount=_price(manager, option, channel, option.page_price, option.page_currency),
            currency=option.page_currency,
            name=option.page_name or option.name,
        )
        for option in options
    ]


def packaging_names(*, option_ids: Sequence[int], language_code: str) -> dict[int, str]:
    """Each option's name in the language, where a translation gives one (one query)."""
    from .models import PackagingOptionTranslation

    rows = PackagingOptionTranslation.objects.filter(
        option_id__in=list(option_ids), language_code=language_code
    ).exclude(name="")
    return dict(rows.values_list("option_id", "name"))
