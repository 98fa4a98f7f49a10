"""A list of 100 costs the same number of SQL queries as a list of 10."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import ProductTranslation
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

RICH_LIST = """
query($first: Int) {
  products(first: $first, channel: "international") {
    totalCount
    edges { node {
      id name slug
      pricing { priceRange { start { gross { amount currency } } stop { gross { amount } } } }
      thumbnail(size: 256, format: WEBP) { url }
      media { url(size: 512) }
      category { name parent { name } translation(languageCode: FR) { name } }
      vendor { name slug cluster { name } }
      productType { name }
      translation(languageCode: AR) { name }
      isAvailableForPurchase
      attributes { attribute { slug } values { name } }
      collections { slug }
      variants {
        sku name quantityAvailable
        pricing { price { gross { amount currency } } }
        attributes { attribute { slug } values { slug } }
        translation(languageCode: FR) { name }
      }
    } }
  }
}"""


def _count(gql, first):
    with CaptureQueriesContext(connection) as queries:
        data = gql.data(RICH_LIST, {"first": first})
    assert len(data["products"]["edges"]) == first
    return len(queries)


def test_product_list_query_count_is_flat(gql, catalog):
    workshops = [WorkshopFactory(cluster=catalog.cluster) for _ in range(5)]
    for index in range(100):
        product = catalog.product(
            f"Piece {index:03}", vendor=workshops[index % 5], variants=2, media=1
        )
        ProductTranslation.objects.create(product=product, language_code="ar", name=f"قطعة {index}")

    ten = _count(gql, 10)
    hundred = _count(gql, 100)

    assert ten == hundred
    assert hundred <= 25, hundred
    print(f"queries: first=10 -> {ten}, first=100 -> {hundred}")
