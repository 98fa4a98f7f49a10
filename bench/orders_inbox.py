"""The artisan's orders inbox and money page with 10,000 products and thousands of orders:
p50/p95 server time and query count per page, at 100 orders and at ORDERS orders (the
query counts must be the same).

Run: DATABASE_URL=postgresql://... .venv/bin/python bench/orders_inbox.py [--orders 3000]
Uses a throw-away test database (test_<name>), never the real one. The time is the Django
view's, measured through the test client (no network, no browser).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")

PRODUCTS = 10_000
REQUESTS = 40


def _products(world: Any, count: int) -> list[Any]:
    from marketplace.catalog.models import Product, ProductVariant
    from marketplace.inventory.models import Stock

    catalog = world.catalog
    rows = [
        Product(
            vendor=world.workshop_a if i % 2 == 0 else world.workshop_b,
            product_type=catalog.product_type,
            category=catalog.category,
            name=f"Bench piece {i}",
            slug=f"bench-piece-{i}",
            weight_kg=Decimal("1.2"),
        )
        for i in range(count)
    ]
    products = Product.objects.bulk_create(rows, batch_size=2000)
    variants = ProductVariant.objects.bulk_create(
        [ProductVariant(product=p, sku=f"BENCH-{p.pk}", name="V0") for p in products[:500]]
    )
    Stock.objects.bulk_create(
        [Stock(warehouse=catalog.warehouse, product_variant=v, quantity=10**6) for v in variants]
    )
    return variants


def _orders(world: Any, variants: list[Any], start: int, count: int) -> None:
    """``count`` paid orders of workshop A, a third accepted, a sixth shipped (ledger)."""
    from django.utils import timezone

    from marketplace.orders.models import Order, OrderLine, VendorOrder
    from marketplace.payments.models import Transaction
    from marketplace.payouts.ledger import ledger_credit_fulfilled

    buyer = world.users["buyer"]
    orders = Order.objects.bulk_create(
        [
            Order(
                number=start + i,
                checkout_token=uuid.uuid4(),
                channel=world.catalog.eur,
                user=buyer,
                user_email=buyer.email,
                currency="EUR",
                goods_total=Decimal(200),
                packaging_total=Decimal(6),
                shipping_total=Decimal(15),
                discount_total=0,
                total=Decimal(221),
            )
            for i in range(count)
        ],
        batch_size=1000,
    )
    now = timezone.now()
    parcels = VendorOrder.objects.bulk_create(
        [
            VendorOrder(
                order=order,
                vendor=world.workshop_a,
                shipping_method_name="Colissimo International",
                shipping_price=Decimal(15),
                goods_total=Decimal(200),
                packaging_total=Decimal(6),
                customs_form="CN23",
                commission_rate=Decimal("0.12"),
                cluster_fee_rate=Decimal("0.03"),
                accepted_at=now if i % 3 == 0 else None,
                status="FULFILLED" if i % 6 == 0 else "UNFULFILLED",
                fulfilled_at=now if i % 6 == 0 else None,
            )
            for i, order in enumerate(orders)
        ],
        batch_size=1000,
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=parcel.order,
                vendor_order=parcel,
                variant=variants[(i * 2 + k) % len(variants)],
                product_name=f"Bench piece {k}",
                quantity=1,
                currency="EUR",
                unit_price=Decimal(100),
                total_price=Decimal(100),
                packaging_name="Gift box" if k == 0 else "",
                packaging_unit_price=Decimal(6) if k == 0 else Decimal(0),
                gift_message="Pour toi" if k == 0 else "",
                hs_code="741810",
                origin_country="DZ",
                unit_weight_kg=Decimal("1.2"),
            )
            for i, parcel in enumerate(parcels)
            for k in range(2)
        ],
        batch_size=2000,
    )
    Transaction.objects.bulk_create(
        [
            Transaction(
                checkout_token=o.checkout_token,
                order=o,
                channel=world.catalog.eur,
                gateway_id="demo",
                name="Demo",
                currency="EUR",
                amount_requested=o.total,
                charged=o.total,
                idempotency_key=f"b{o.number}",
            )
            for o in orders
        ],
        batch_size=1000,
    )
    for parcel in VendorOrder.objects.filter(
        order__number__gte=start, status="FULFILLED"
    ).select_related("order", "vendor"):
        ledger_credit_fulfilled(vendor_order=parcel)


def _measure(client: Any, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=3000)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from tests.factories import CatalogBuilder
        from tests.workspace.orders_world import build_world

        world = build_world(CatalogBuilder())
        variants = _products(world, PRODUCTS)
        client = world.client("artisan_a")
        root = f"/fr/workspace/w/{world.workshop_a.slug}"
        pages = [
            ("inbox, to do", f"{root}/orders/"),
            ("inbox, all, page 1", f"{root}/orders/?stage=all"),
            ("inbox, all, last page", f"{root}/orders/?stage=all&page=9999"),
            ("one order", None),
            ("money (ledger)", f"{root}/money/"),
        ]
        results: dict[int, list[tuple[str, float, float, int]]] = {}
        made = 0
        for total in (100, args.orders):
            _orders(world, variants, 100_000 + made, total - made)
            made = total
            from marketplace.orders.models import VendorOrder

            one = VendorOrder.objects.filter(vendor=world.workshop_a).order_by("-pk").first()
            assert one is not None
            rows = []
            for label, url in pages:
                target = url or f"{root}/orders/{one.pk}/"
                rows.append((label, *_measure(client, target)))
            results[total] = rows
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    small, large = results[100], results[args.orders]
    print(f"{PRODUCTS} products; {REQUESTS} requests per page; times are the view's, in ms")
    print(f"{'page':24} {'100 orders: p50 / p95 / queries':>34} {args.orders:>6} orders")
    for (label, a50, a95, aq), (_, b50, b95, bq) in zip(small, large, strict=True):
        print(f"{label:24} {a50:8.1f} {a95:8.1f} {aq:4d} q   {b50:8.1f} {b95:8.1f} {bq:4d} q")
    flat = all(a[3] == b[3] for a, b in zip(small, large, strict=True))
    print("query counts flat in the number of orders:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
