"""The shop-pages benchmark's arithmetic (bench/shop_pages.py): quick, no server, no browser."""

from __future__ import annotations

from bench.run import percentile
from bench.shop_pages import Resource, Weight, page_weight_of, sql_differences, top_opportunities


def test_page_weight_leaves_images_out_and_sums_the_rest() -> None:
    resources = [
        Resource(url="/en/", kind="document", transferred=30_000, decoded=30_000),
        Resource(url="/static/shop/shop.css", kind="stylesheet", transferred=5_281, decoded=21_519),
        Resource(url="/static/shop/pay.js", kind="script", transferred=1_350, decoded=3_294),
        Resource(url="/static/shop/fonts/a.woff2", kind="font", transferred=40_000, decoded=40_000),
        Resource(url="/thumbnail/1/512/webp/", kind="image", transferred=90_000, decoded=90_000),
    ]

    assert page_weight_of(resources) == Weight(transferred=76_631, decoded=94_813, resources=4)
    assert page_weight_of([]) == Weight(transferred=0, decoded=0, resources=0)


def test_sql_differences_name_only_pages_measured_on_both_catalogs() -> None:
    demo = {"home en": 9, "catalog": 14, "product": 25}
    large = {"home en": 9, "catalog": 15, "product": 25, "cluster": 12}

    assert sql_differences(large, demo) == ["catalog"]
    assert sql_differences(demo, demo) == []


def test_percentile_picks_the_rank_not_an_average() -> None:
    ordered = [float(ms) for ms in range(1, 101)]  # 1 .. 100 ms

    assert percentile(ordered, 0.95) == 96.0
    assert percentile(ordered, 0.5) == 51.0
    assert percentile([7.0], 0.95) == 7.0


def test_top_opportunities_orders_savings_and_lists_failed_accessibility_audits() -> None:
    report = {
        "audits": {
            "uses-responsive-images": {
                "title": "Properly size images",
                "score": 0.5,
                "details": {"type": "opportunity", "overallSavingsMs": 170},
            },
            "modern-image-formats": {
                "title": "Serve images in next-gen formats",
                "score": 0.5,
                "details": {"type": "opportunity", "overallSavingsMs": 450},
            },
            "render-blocking-resources": {  # passed: not an opportunity any more
                "title": "Eliminate render-blocking resources",
                "score": 1,
                "details": {"type": "opportunity", "overallSavingsMs": 20},
            },
            "color-contrast": {"title": "Contrast too low", "score": 0},
            "label": {"title": "Form elements have labels", "score": 1},
        },
        "categories": {
            "accessibility": {
                "auditRefs": [{"id": "color-contrast", "weight": 7}, {"id": "label", "weight": 7}]
            }
        },
    }

    assert top_opportunities(report) == [
        "a11y: Contrast too low",
        "Serve images in next-gen formats (~450 ms)",
        "Properly size images (~170 ms)",
    ]
