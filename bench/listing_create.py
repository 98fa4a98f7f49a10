"""Listing a piece on a 10,000-product catalog, the way the workspace and a Saleor client do
it: productCreate → productChannelListingUpdate → productVariantCreate (with stock) →
productVariantChannelListingUpdate, plus one productMediaCreate upload. Prints the p50/p95
server time and the SQL query count of each step and of the whole listing, and checks that the
counts are the same on an empty catalog (flat in catalog size).

Run: DATABASE_URL=postgresql://... .venv/bin/python bench/listing_create.py [--listings 100]
Uses a throw-away test database (test_<name>), never the real one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")

STEPS = (
    "productCreate",
    "productChannelListingUpdate",
    "productVariantCreate",
    "productVariantChannelListingUpdate",
    "productMediaCreate",
)


def seed(catalog: Any, products: int) -> None:
    """Add ``products`` listed, priced and stocked pieces to the workshop (bulk inserts)."""
    from decimal import Decimal

    from django.utils import timezone

    from marketplace.catalog.models import (
        Product,
        ProductChannelListing,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from marketplace.catalog.services import product_update_search_vector
    from marketplace.inventory.models import Stock

    now = timezone.now()
    rows = [
        Product(
            vendor=catalog.workshop,
            product_type=catalog.product_type,
            category=catalog.category,
            name=f"Seed piece {n}",
            slug=f"seed-piece-{n}",
            description_plaintext="Hand-chased copper",
        )
        for n in range(products)
    ]
    Product.objects.bulk_create(rows, batch_size=2000)
    ProductChannelListing.objects.bulk_create(
        [
            ProductChannelListing(
                product=p,
                channel=catalog.tnd,
                currency="TND",
                is_published=True,
                published_at=now,
                available_for_purchase_at=now,
                discounted_price_amount=Decimal("50.000"),
            )
            for p in rows
        ],
        batch_size=2000,
    )
    variants = [ProductVariant(product=p, sku=f"SEED-{p.pk}") for p in rows]
    ProductVariant.objects.bulk_create(variants, batch_size=2000)
    ProductVariantChannelListing.objects.bulk_create(
        [
            ProductVariantChannelListing(
                variant=v, channel=catalog.tnd, currency="TND", price_amount=Decimal("50.000")
            )
            for v in variants
        ],
        batch_size=2000,
    )
    Stock.objects.bulk_create(
        [Stock(warehouse=catalog.warehouse, product_variant=v, quantity=3) for v in variants],
        batch_size=2000,
    )
    product_update_search_vector(product_ids=[p.pk for p in rows])


def _gid(kind: str, pk: int) -> str:
    from graphql_relay import to_global_id

    return to_global_id(kind, pk)


def list_one(client: Any, catalog: Any, n: int, photo: bytes) -> dict[str, tuple[float, int]]:
    """One listing through the API; each step's (server ms, queries)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.api.catalog_writes import documents as doc

    measured: dict[str, tuple[float, int]] = {}

    def post(step: str, query: str, variables: dict[str, Any], files: Any = None) -> Any:
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            if files is None:
                response = client.post(
                    "/graphql/",
                    json.dumps({"query": query, "variables": variables}),
                    content_type="application/json",
                )
            else:
                operations = json.dumps({"query": query, "variables": {**variables, "image": None}})
                response = client.post(
                    "/graphql/",
                    {
                        "operations": operations,
                        "map": json.dumps({"0": ["variables.image"]}),
                        "0": files,
                    },
                )
            elapsed = (time.perf_counter() - start) * 1000
        body = response.json()
        result = body["data"][step]
        assert not result["errors"], (step, result)
        measured[step] = (elapsed, len(ctx))
        return result

    tnd = _gid("Channel", catalog.tnd.pk)
    product = post(
        "productCreate",
        doc.PRODUCT_CREATE,
        {
            "input": {
                "name": f"Bench tray {n}",
                "productType": _gid("ProductType", catalog.product_type.pk),
                "category": _gid("Category", catalog.category.pk),
                "weight": 1.2,
                "description": json.dumps(
                    {"blocks": [{"type": "paragraph", "data": {"text": "Chased"}}]}
                ),
            }
        },
    )["product"]["id"]
    post(
        "productChannelListingUpdate",
        doc.PRODUCT_CHANNEL_LISTING_UPDATE,
        {
            "id": product,
            "input": {
                "updateChannels": [
                    {"channelId": tnd, "isPublished": True, "isAvailableForPurchase": True}
                ]
            },
        },
    )
    variant = post(
        "productVariantCreate",
        doc.VARIANT_CREATE,
        {
            "input": {
                "product": product,
                "sku": f"BENCH-{n}",
                "attributes": [],
                "stocks": [{"warehouse": _gid("Warehouse", catalog.warehouse.pk), "quantity": 2}],
            }
        },
    )["productVariant"]["id"]
    post(
        "productVariantChannelListingUpdate",
        doc.VARIANT_CHANNEL_LISTING_UPDATE,
        {"id": variant, "input": [{"channelId": tnd, "price": "120.125"}]},
    )
    post(
        "productMediaCreate",
        doc.MEDIA_CREATE,
        {"product": product, "alt": "Front"},
        SimpleUploadedFile("IMG.jpg", photo, "image/jpeg"),
    )
    return measured


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--listings", type=int, default=100)
    args = parser.parse_args()
    django.setup()
    import io
    import tempfile

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from PIL import Image

    from marketplace.accounts.models import User
    from marketplace.vendors.models import VendorMembership

    setup_test_environment()
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-media-")
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), "orange").save(buffer, format="JPEG")  # a phone-sized photo
    photo = buffer.getvalue()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from marketplace.catalog.models import Product
        from tests.factories import CatalogBuilder

        catalog = CatalogBuilder()
        owner = User.objects.create_user("bench@example.com", "pw-bench-123456")
        VendorMembership.objects.create(user=owner, vendor=catalog.workshop, role="owner")
        client = Client()
        client.force_login(owner)
        list_one(client, catalog, -1, photo)  # warm-up (imports, caches)
        empty = [list_one(client, catalog, -2 - n, photo) for n in range(3)]
        start = time.perf_counter()
        seed(catalog, args.products)
        print(f"seeded {Product.objects.count()} products in {time.perf_counter() - start:.1f} s")
        runs = [list_one(client, catalog, n, photo) for n in range(args.listings)]
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"{args.listings} listings on a {args.products:,}-product catalog")
    print(f"{'step':38} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for step in STEPS:
        times = [run[step][0] for run in runs]
        counts = {run[step][1] for run in runs}
        print(
            f"{step:38} {statistics.median(times):8.1f} {p95(times):8.1f} "
            f"{'/'.join(map(str, sorted(counts))):>8}"
        )
    totals = [sum(t for t, _q in run.values()) for run in runs]
    queries = {sum(q for _t, q in run.values()) for run in runs}
    print(
        f"{'whole listing (5 requests)':38} {statistics.median(totals):8.1f} {p95(totals):8.1f} "
        f"{'/'.join(map(str, sorted(queries))):>8}"
    )
    before = {step: {run[step][1] for run in empty} for step in STEPS}
    after = {step: {run[step][1] for run in runs} for step in STEPS}
    flat = "yes" if before == after else f"NO (empty catalog: {before})"
    print("query counts the same as on an empty catalog:", flat)


if __name__ == "__main__":
    main()
