"""The documents the benchmark times: those of Saleor's reference storefront, as
tests/saleor_storefront_documents.py writes them (issue #14's table), at `first: 20`."""

from __future__ import annotations

from tests.saleor_storefront_documents import CATALOG

CHANNEL = "international"

# Saleor's storefront asks for a category by slug with its products; at first: 20 here.
CATEGORIES_BY_SLUG = CATALOG["ProductListByCategory"].replace("first: 100", "first: 20")

SCENARIOS: list[tuple[str, str, dict[str, object]]] = [
    ("ProductList", CATALOG["ProductListPaginated"], {"first": 20, "channel": CHANNEL}),
    (
        "ProductDetails",
        CATALOG["ProductDetails"],
        {"slug": "chased-tray-atelier-souika", "channel": CHANNEL},
    ),
    (
        "SearchProducts",
        CATALOG["SearchProducts"],
        {
            "search": "tray",
            "sortBy": "RANK",
            "sortDirection": "DESC",
            "first": 20,
            "channel": CHANNEL,
        },
    ),
    ("CategoriesBySlug", CATEGORIES_BY_SLUG, {"slug": "trays", "channel": CHANNEL}),
    ("MenuGetBySlug", CATALOG["MenuGetBySlug"], {"slug": "navbar", "channel": CHANNEL}),
]
