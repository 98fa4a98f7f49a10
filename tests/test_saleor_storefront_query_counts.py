"""The reference storefront's product lists cost the same SQL at `first: 20` as at 100, and
both pass the default cost limit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import WorkshopFactory
from tests.saleor_storefront_documents import CATALOG

pytestmark = pytest.mark.django_db


def _count(gql, name, first, **variables):
    with CaptureQueriesContext(connection) as queries:
        body = gql.execute(
            CATALOG[name], {"first": first, "channel": "default-channel", **variables}
        )
    assert "errors" not in body, body
    assert len(body["data"]["products"]["edges"]) == first
    return len(queries)


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("ProductListPaginated", {}),
        ("SearchProducts", {"search": "piece", "sortBy": "RANK", "sortDirection": "DESC"}),
    ],
)
def test_the_storefronts_product_lists_cost_the_same_at_20_and_100(gql, catalog, name, variables):
    workshops = [WorkshopFactory(cluster=catalog.cluster) for _ in range(4)]
    for index in range(100):
        catalog.product(
            f"Piece {index:03}",
            vendor=workshops[index % 4],
            category=catalog.category,
            variants=2,
            media=1,
        )
    twenty = _count(gql, name, 20, **variables)
    hundred = _count(gql, name, 100, **variables)
    assert twenty == hundred
    assert hundred <= 15, hundred
