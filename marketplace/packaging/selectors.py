"""Which packaging a buyer may choose for a product, and at what price."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

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
            amount = manager.packaging_price(
                PackagingQuoteItem(option.pk, option.vendor_id, channel.slug, listing.price_amount)
            )
            offers[product_id].append(
                PackagingPrice(
                    option=option,
                    amount=quantize(max(amount, Decimal(0)), listing.currency),
                    currency=listing.currency,
                )
            )
    return offers


def packaging_names(*, option_ids: Sequence[int], language_code: str) -> dict[int, str]:
    """Each option's name in the language, where a translation gives one (one query)."""
    from .models import PackagingOptionTranslation

    rows = PackagingOptionTranslation.objects.filter(
        option_id__in=list(option_ids), language_code=language_code
    ).exclude(name="")
    return dict(rows.values_list("option_id", "name"))
