"""``marketplace seed --products N``: many generated products, for benchmarks.

Rows go in with ``bulk_create`` in batches so 10,000 products take a minute or so, not hours.
Pictures are shared: generated products point at a handful of stored images.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from marketplace.catalog.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.services import (
    product_listing_refresh_prices,
    product_update_search_vector,
)
from marketplace.channels.models import Channel
from marketplace.core.money import quantize
from marketplace.inventory.models import Stock, Warehouse
from marketplace.vendors.models import Vendor, VendorKind, VendorStatus

from . import data
from .images import product_image

BATCH = 1000
ADJECTIVES = ["Hammered", "Chased", "Engraved", "Tinned", "Pierced", "Polished", "Patinated"]
NOUNS = ["tray", "bowl", "lantern", "ewer", "teapot", "bracelet", "fibula", "pendant"]


def _shared_images(product_type: str) -> list[str]:
    names = []
    for view in (0, 1):
        name = f"products/generated/{product_type}-{view}.jpg"
        if not default_storage.exists(name):
            payload = product_image(
                product_type=product_type, seed=f"generated-{product_type}", view=view
            )
            name = default_storage.save(name, ContentFile(payload))
        names.append(name)
    return names


def seed_generated_products(count: int) -> int:
    """Add ``count`` generated products spread over the approved workshops. Returns count."""
    if count <= 0:
        return 0
    workshops = list(Vendor.objects.filter(kind=VendorKind.WORKSHOP, status=VendorStatus.APPROVED))
    categories = list(Category.objects.filter(parent__isnull=False))
    types = list(ProductType.objects.all())
    channels = list(Channel.objects.all())
    if not (workshops and categories and types and channels):
        raise RuntimeError("Seed the demo first: generated products need workshops and channels.")
    warehouses = {w.vendor_id: w for w in Warehouse.objects.all()}
    images = {t.slug: _shared_images(t.slug) for t in types}
    start = Product.objects.filter(slug__startswith="generated-").count()
    since = timezone.now() - timedelta(days=1)
    done = 0
    for offset in range(0, count, BATCH):
        numbers = range(start + offset, start + min(offset + BATCH, count))
        with transaction.atomic():
            done += _create_batch(
                numbers, workshops, categories, types, channels, warehouses, images, since
            )
    # Fresh planner statistics: without them PostgreSQL misjudges the new rows and picks
    # nested loops over the whole catalog.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return done


def _create_batch(
    numbers: range,
    workshops: list[Vendor],
    categories: list[Category],
    types: list[ProductType],
    channels: list[Channel],
    warehouses: dict[int, Warehouse],
    images: dict[str, list[str]],
    since: datetime,
) -> int:
    products = []
    for n, workshop, category, product_type in zip(
        numbers,
        itertools.cycle(workshops),
        itertools.cycle(categories),
        itertools.cycle(types),
        strict=False,
    ):
        name = f"{ADJECTIVES[n % len(ADJECTIVES)]} {NOUNS[n % len(NOUNS)]} no. {n}"
        products.append(
            Product(
                vendor=workshop,
                product_type=product_type,
                category=category,
                name=name,
                slug=f"generated-{n}",
                description_plaintext=f"{name} by {workshop.name}",
                weight_kg=product_type.weight_kg,
            )
        )
    Product.objects.bulk_create(products, batch_size=BATCH)
    variants = [
        ProductVariant(product=p, sku=f"GEN-{p.slug}", name="", weight_kg=p.weight_kg)
        for p in products
    ]
    ProductVariant.objects.bulk_create(variants, batch_size=BATCH)
    listings, prices, stocks, media = [], [], [], []
    for product, variant in zip(products, variants, strict=True):
        base = Decimal(20 + (product.pk * 37) % 400)
        for channel in channels:
            listings.append(
                ProductChannelListing(
                    product=product,
                    channel=channel,
                    currency=channel.currency_code,
                    is_published=True,
                    published_at=since,
                    available_for_purchase_at=since,
                )
            )
            prices.append(
                ProductVariantChannelListing(
                    variant=variant,
                    channel=channel,
                    currency=channel.currency_code,
                    price_amount=quantize(
                        base * data.EUR_RATES[channel.currency_code], channel.currency_code
                    ),
                )
            )
        stocks.append(
            Stock(warehouse=warehouses[product.vendor_id], product_variant=variant, quantity=5)
        )
        for order, image_name in enumerate(images[product.product_type.slug]):
            media.append(
                ProductMedia(product=product, image=image_name, alt=product.name, sort_order=order)
            )
    ProductChannelListing.objects.bulk_create(listings, batch_size=BATCH)
    ProductVariantChannelListing.objects.bulk_create(prices, batch_size=BATCH)
    Stock.objects.bulk_create(stocks, batch_size=BATCH)
    ProductMedia.objects.bulk_create(media, batch_size=BATCH)
    ids = [p.pk for p in products]
    product_listing_refresh_prices(product_ids=ids)
    product_update_search_vector(product_ids=ids)
    return len(products)
