"""Run by test_replica_router.py in a process whose settings name a read replica.

The "replica" is a second, separate database on the same server (migrated like the primary
by the test runner), so a read that lands there finds other rows than the primary holds.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.core.db_router import unpin
from marketplace.vendors.models import Vendor
from tests.commerce import CREATE, Shop
from tests.factories import CatalogBuilder

# transaction=True: a test wrapped in a transaction would keep every read on the primary.
pytestmark = pytest.mark.django_db(databases="__all__", transaction=True)

PRODUCTS = '{ products(first: 10, channel: "international") { edges { node { name } } } }'


def _post(client: Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    return response


def _tables(context: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in context.captured_queries)


def test_catalog_reads_go_to_the_replica() -> None:
    shop = Shop(CatalogBuilder())  # written to the primary
    assert Product.objects.using("default").filter(pk=shop.tray.pk).exists()
    # The replica knows the channel and nothing else (a replication that has not caught up).
    Channel.objects.using("replica_0").create(
        name="International", slug="international", currency_code="EUR", default_country="FR"
    )
    unpin()
    client = Client()
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_0"]) as replica,
    ):
        body = _post(client, PRODUCTS).json()
    # The replica was never written to: the list it answers is empty.
    assert body == {"data": {"products": {"edges": []}}}
    assert "catalog_product" in _tables(replica)
    assert "catalog_product" not in _tables(primary)


def test_checkout_writes_and_the_reads_after_them_use_the_primary() -> None:
    shop = Shop(CatalogBuilder())
    variant_id = Shop.variant_id(shop.tray)
    unpin()
    client = Client()
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_0"]) as replica,
    ):
        response = _post(
            client,
            CREATE,
            {
                "input": {
                    "channel": "international",
                    "email": "buyer@example.com",
                    "lines": [{"variantId": variant_id, "quantity": 1}],
                }
            },
        )
    body = response.json()
    assert body["data"]["checkoutCreate"]["errors"] == [], body
    assert 'INSERT INTO "checkout_checkout"' in _tables(primary)
    assert _tables(replica) == ""
    # The browser that wrote reads from the primary for a few seconds: it sees its own data.
    assert response.cookies["db_primary_pin"]["max-age"] == 5
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_0"]) as replica,
    ):
        body = _post(client, PRODUCTS).json()
    names = sorted(edge["node"]["name"] for edge in body["data"]["products"]["edges"])
    assert names == ["Bracelet", "Ewer", "Tray"]
    assert "catalog_product" in _tables(primary)
    assert _tables(replica) == ""


def test_migrations_and_writes_never_target_the_replica() -> None:
    CatalogBuilder()
    assert Vendor.objects.using("replica_0").count() == 0
    assert Vendor.objects.using("default").count() == 2
