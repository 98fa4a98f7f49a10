"""Checkout benchmark: the buyer's whole path, step by step, over HTTP against gunicorn.

create -> add lines -> addresses -> delivery -> pay (demo gateway) -> complete. Prints the
median and p99 time of each step, completed orders per second, and SQL queries per step
(measured in-process on one extra run).
"""

from __future__ import annotations

import http.client
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from graphql_relay import to_global_id

ADDRESS = {
    "firstName": "Claire",
    "lastName": "Martin",
    "streetAddress1": "12 rue des Arts",
    "city": "Paris",
    "postalCode": "75011",
    "country": "FR",
}
CREATE = """mutation($lines: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "international",
  email: "bench@example.com", lines: $lines}) { checkout { id } errors { code message } } }"""
ADD = """mutation($id: ID, $lines: [CheckoutLineInput!]!) { checkoutLinesAdd(id: $id, lines: $lines) {
  checkout { totalPrice { gross { amount } } } errors { code message } } }"""
ADDRESSES = """mutation($id: ID, $a: AddressInput!) {
  s: checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) { errors { code message } }
  b: checkoutBillingAddressUpdate(id: $id, billingAddress: $a) { errors { code message } } }"""
GROUPS = """query($id: ID) { checkout(id: $id) { deliveryGroups { vendor { id }
  shippingMethods { id } } } }"""
CHOOSE = """mutation($id: ID, $v: ID!, $m: ID!) { checkoutDeliveryGroupMethodUpdate(id: $id,
  vendorId: $v, deliveryMethodId: $m) { errors { code message } } }"""
PAY = """mutation($id: ID!) { transactionInitialize(id: $id, paymentGateway:
  {id: "marketplace.payments.demo", data: {card: "4242424242424242"}}) {
  transactionEvent { type } errors { code message } } }"""
COMPLETE = """mutation($id: ID) { checkoutComplete(id: $id) { order { number }
  errors { code message } } }"""
STEPS = ["create", "add lines", "addresses", "delivery", "pay", "complete"]

Send = Callable[[str, dict[str, Any]], dict[str, Any]]


def bench_variants() -> list[tuple[str, str]]:
    """Two variants from workshops of different clusters, stocked for any number of runs."""
    from marketplace.catalog.models import ProductVariant
    from marketplace.inventory.models import Stock

    picked: list[ProductVariant] = []
    clusters: set[int | None] = set()
    candidates = ProductVariant.objects.filter(
        product__channel_listings__channel__slug="international",
        product__channel_listings__is_published=True,
        channel_listings__channel__slug="international",
        product__product_type__is_shipping_required=True,
    ).select_related("product__vendor")
    for variant in candidates.order_by("pk")[:500]:
        if variant.product.vendor.cluster_id not in clusters:
            picked.append(variant)
            clusters.add(variant.product.vendor.cluster_id)
        if len(picked) == 2:
            break
    Stock.objects.filter(product_variant__in=picked).update(quantity=10**6, quantity_allocated=0)
    return [(to_global_id("ProductVariant", v.pk), v.product.name) for v in picked]


def one_checkout(
    send: Send, variants: list[tuple[str, str]], clock: dict[str, list[float]]
) -> None:
    def step(name: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        started = time.perf_counter()
        data = send(query, variables)
        clock[name].append(time.perf_counter() - started)
        return data

    first, second = variants
    created = step("create", CREATE, {"lines": [{"variantId": first[0], "quantity": 1}]})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    step("add lines", ADD, {"id": checkout_id, "lines": [{"variantId": second[0], "quantity": 1}]})
    step("addresses", ADDRESSES, {"id": checkout_id, "a": ADDRESS})
    started = time.perf_counter()
    groups = send(GROUPS, {"id": checkout_id})["checkout"]["deliveryGroups"]
    for group in groups:
        method = group["shippingMethods"][0]["id"]
        send(CHOOSE, {"id": checkout_id, "v": group["vendor"]["id"], "m": method})
    clock["delivery"].append(time.perf_counter() - started)
    paid = step("pay", PAY, {"id": checkout_id})["transactionInitialize"]
    if paid["errors"]:
        raise SystemExit(f"payment failed: {paid['errors']}")
    done = step("complete", COMPLETE, {"id": checkout_id})["checkoutComplete"]
    if done["errors"]:
        raise SystemExit(f"checkoutComplete failed: {done['errors']}")


def http_sender(port: int) -> Send:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def send(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables})
        connection.request(
            "POST", "/graphql/", body=body, headers={"Content-Type": "application/json"}
        )
        answer = json.loads(connection.getresponse().read())
        if "errors" in answer:
            raise SystemExit(f"GraphQL error: {answer['errors']}")
        result: dict[str, Any] = answer["data"]
        return result

    return send


def queries_per_step(variants: list[tuple[str, str]]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts: dict[str, int] = defaultdict(int)
    current = {"step": ""}

    def send(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                "/graphql/",
                json.dumps({"query": query, "variables": variables}),
                content_type="application/json",
            )
        counts[current["step"]] += len(captured)
        result: dict[str, Any] = response.json()["data"]
        return result

    clock: dict[str, list[float]] = defaultdict(list)

    def tracking(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        for name, marker in zip(
            STEPS,
            (
                "checkoutCreate",
                "checkoutLinesAdd",
                "checkoutShippingAddressUpdate",
                "deliveryGroups",
                "transactionInitialize",
                "checkoutComplete",
            ),
            strict=True,
        ):
            if marker in query:
                current["step"] = name
        if "checkoutDeliveryGroupMethodUpdate" in query:
            current["step"] = "delivery"
        return send(query, variables)

    one_checkout(tracking, variants, clock)
    return dict(counts)


def run_checkout_bench(port: int, count: int) -> None:
    variants = bench_variants()
    if len(variants) < 2:
        raise SystemExit("no two stocked variants from different clusters to buy")
    send = http_sender(port)
    clock: dict[str, list[float]] = defaultdict(list)
    one_checkout(send, variants, defaultdict(list))  # warm the worker
    totals: list[float] = []
    started = time.perf_counter()
    for _ in range(count):
        began = time.perf_counter()
        one_checkout(send, variants, clock)
        totals.append(time.perf_counter() - began)
    elapsed = time.perf_counter() - started
    counts = queries_per_step(variants)
    print(
        f"\ncheckout path ({variants[0][1]} + {variants[1][1]}), {count} buyers one after another"
    )
    print(f"{'step':20} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>8}")
    for name in STEPS:
        ordered = sorted(clock[name])
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(
            f"{name:20} {statistics.median(ordered) * 1000:8.1f} {p99 * 1000:8.1f} {counts.get(name, 0):8d}"
        )
    ordered = sorted(clock["complete"])
    print(
        f"checkout path p50 total: {statistics.median(totals) * 1000:.1f} ms; "
        f"checkoutComplete p99: {ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000:.1f} ms"
    )
    completes = sum(clock["complete"])
    print(
        f"whole path: {count / elapsed:.1f} checkouts/s end to end; "
        f"checkoutComplete alone: {count / completes:.1f} completions/s"
    )
