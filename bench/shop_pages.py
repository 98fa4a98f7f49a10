"""The shop's pages (issue #10, "Speed"): for home (en, fr, ar), catalog, a product, a cluster
and a workshop page, the server time p50/p95, the SQL queries per page and the first-load
page weight without images, then a Lighthouse run on home, a product and checkout.

    scripts/bench --shop [--products 0] [--requests 200] [--lighthouse on|off]

Server time is wall-clock at a keep-alive client on loopback, one connection, `--requests`
GETs per page after 20 warm-up ones, against gunicorn with one sync worker (bench/run.py):
it includes gunicorn's parsing and the transfer over loopback. Each GET is a first visit (no
cookies). Beside it, the worker's CPU time per GET, which a busy machine inflates far less.
SQL queries (and their time) come from Django's test client, after one warm-up request.
Weight: each page loaded once in Debian's Chromium, every response except images (HTML, CSS,
JS, fonts) summed, as transferred (gzip or brotli where WhiteNoise serves it) and decoded.
Each run's SQL counts are kept in bench/results/shop-pages-<generated products>.json: a run
on another catalog size prints both and flags a page whose count differs (exit status 1).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import ensure_catalog, free_port, percentile, setup_environment, start_server  # noqa: E402

RESULTS = REPO / "bench" / "results"
LIGHTHOUSE_HOME = REPO / ".bench-home" / "node"  # ignored by git (.bench-home/)
LIGHTHOUSE_PACKAGE = "lighthouse@12"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As tests/browser/conftest.py: without these Chromium reaches for Google's services.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
CHROMIUM_ARGS += ["--disable-background-networking", "--disable-component-update"]
LIGHTHOUSE_FLAGS = "--headless=new --no-sandbox --disable-gpu"
PRODUCT = "chased-tray-atelier-souika"
WARM_UP = 20
# The brief's budgets: ms at p95 on the demo data / on the 10,000-product catalog, KB.
P95_BUDGET_DEMO_MS, P95_BUDGET_LARGE_MS, WEIGHT_BUDGET_KB = 50.0, 100.0, 200.0
PERFORMANCE_TARGET, ACCESSIBILITY_TARGET = 90, 95


@dataclass(frozen=True)
class Resource:
    url: str
    kind: str  # Playwright's resource type: document, stylesheet, script, font, image, ...
    transferred: int  # body bytes on the wire (compressed when served so)
    decoded: int


@dataclass(frozen=True)
class Catalog:
    total: int  # products
    generated: int  # of which generated ones (marketplace seed --products)
    worker: int  # gunicorn's worker process


@dataclass(frozen=True)
class Weight:
    transferred: int
    decoded: int
    resources: int


def page_weight_of(resources: Iterable[Resource]) -> Weight:
    """Everything but images: the brief's budget leaves product pictures out."""
    counted = [resource for resource in resources if resource.kind != "image"]
    return Weight(
        transferred=sum(resource.transferred for resource in counted),
        decoded=sum(resource.decoded for resource in counted),
        resources=len(counted),
    )


def sql_differences(now: Mapping[str, int], other: Mapping[str, int]) -> list[str]:
    """The pages whose query count is not the same on both catalogs (flat: it must be)."""
    return sorted(name for name in now.keys() & other.keys() if now[name] != other[name])


def pages() -> list[tuple[str, str]]:
    from marketplace.catalog.models import Product

    product = Product.objects.filter(slug=PRODUCT).values_list("slug", flat=True).first()
    if product is None:  # another seed: any demo piece will do
        product = Product.objects.exclude(slug__startswith="generated-").values_list(
            "slug", flat=True
        )[0]
    return [
        ("home en", "/en/"),
        ("home fr", "/fr/"),
        ("home ar", "/ar/"),
        ("catalog", "/en/shop/"),
        ("product", f"/en/p/{product}/"),
        ("cluster", "/en/c/constantine-dinanderie/"),
        ("workshop", "/en/w/atelier-souika/"),
    ]


def server_times(port: int, path: str, *, requests: int, worker: int) -> tuple[list[float], float]:
    """Seconds per GET, one keep-alive connection, after WARM_UP unmeasured ones, and the
    gunicorn worker's own CPU seconds per GET (wall-clock grows on a busy machine; this
    much less: it leaves PostgreSQL's share out)."""
    import time

    import psutil

    process = psutil.Process(worker)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies: list[float] = []
    try:
        for number in range(WARM_UP + requests):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Connection": "keep-alive"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise SystemExit(f"GET {path}: HTTP {response.status}")
            if number == WARM_UP - 1:
                cpu = process.cpu_times()
                cpu_before = cpu.user + cpu.system
            if number >= WARM_UP:
                latencies.append(elapsed)
    finally:
        connection.close()
    cpu = process.cpu_times()
    return latencies, (cpu.user + cpu.system - cpu_before) / requests


def queries_per_page(path: str, *, repeats: int = 5) -> tuple[int, float]:
    """The SQL statements of one request, and the median time they take (seconds, timed
    around the driver's execute: PostgreSQL's share of the server time), over `repeats`
    requests after a warm-up one."""
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)  # warm per-process caches, as a running worker has them
    spent = [0.0]

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - started

    counts, timings = [], []
    for _ in range(repeats):
        spent[0] = 0.0
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} (test client): HTTP {response.status_code}")
        counts.append(len(captured))
        timings.append(spent[0])
    if len(set(counts)) > 1:  # a page whose SQL changes from one visit to the next
        print(f"note: {path} ran {sorted(set(counts))} queries on {repeats} visits")
    return max(counts), statistics.median(timings)


def first_load(browser: Any, url: str) -> list[Resource]:
    """Every response of one page opened in a fresh context (empty cache, no cookies)."""
    context = browser.new_context()
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    resources = []
    for response in responses:
        redirect = 300 <= response.status < 400 or response.status == 204
        resources.append(
            Resource(
                url=response.url,
                kind=response.request.resource_type,
                transferred=int(response.request.sizes()["responseBodySize"]),
                decoded=0 if redirect else len(response.body()),
            )
        )
    context.close()
    return resources


def browser_weights(base: str, paths: list[str], *, product: str) -> tuple[dict[str, Weight], str]:
    """Each page's first-load weight, then the cookies of a visitor who put the product in
    the basket (for Lighthouse's checkout run)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            weights = {path: page_weight_of(first_load(browser, base + path)) for path in paths}
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + product)
            page.click("#add-to-basket")
            page.wait_for_load_state("networkidle")
            cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        finally:
            browser.close()
    return weights, cookies


def lighthouse_binary() -> Path:
    binary = LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_HOME.mkdir(parents=True, exist_ok=True)
        print(f"installing npm {LIGHTHOUSE_PACKAGE} into {LIGHTHOUSE_HOME} (once)")
        subprocess.run(
            ["npm", "install", "--prefix", str(LIGHTHOUSE_HOME), "--no-audit", LIGHTHOUSE_PACKAGE],
            check=True,
        )
    return binary


def top_opportunities(report: Mapping[str, Any], *, limit: int = 4) -> list[str]:
    """The report's failed accessibility audits and largest savings (ms), in words."""
    audits: Mapping[str, Mapping[str, Any]] = report["audits"]
    found: list[tuple[float, str]] = []
    for audit in audits.values():
        savings = float((audit.get("details") or {}).get("overallSavingsMs") or 0)
        if savings > 0 and (audit.get("score") or 0) < 0.9:
            found.append((savings, f"{audit['title']} (~{savings:.0f} ms)"))
    for reference in report["categories"].get("accessibility", {}).get("auditRefs", []):
        audit = audits.get(reference["id"], {})
        if audit.get("score") == 0 and reference.get("weight"):
            found.append((1e9 + reference["weight"], f"a11y: {audit['title']}"))
    return [text for _, text in sorted(found, reverse=True)[:limit]]


@dataclass(frozen=True)
class LighthouseResult:
    performance: int
    accessibility: int
    final_url: str
    settings: str
    opportunities: list[str]


def lighthouse(url: str, name: str, *, cookie: str | None) -> LighthouseResult:
    output = RESULTS / f"lighthouse-{name}"  # .report.json and .report.html
    command = [str(lighthouse_binary()), url, "--quiet", f"--chrome-path={CHROMIUM}"]
    command += [f"--chrome-flags={LIGHTHOUSE_FLAGS}", "--only-categories=performance,accessibility"]
    command += ["--output=json", "--output=html", f"--output-path={output}"]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # On a busy machine Chromium's trace is now and then lost (NO_NAVSTART): run again.
    for attempt in range(1, 4):
        done = subprocess.run(command, timeout=300).returncode == 0
        report = json.loads(output.with_suffix(".report.json").read_text()) if done else {}
        if done and not report.get("runtimeError"):
            break
        print(f"{'':10} Lighthouse run {attempt} on {url} failed; again")
    else:
        raise SystemExit(f"Lighthouse on {url}: no report after 3 runs")
    categories, settings = report["categories"], report["configSettings"]
    throttling = settings["throttling"]
    return LighthouseResult(
        performance=round(categories["performance"]["score"] * 100),
        accessibility=round(categories["accessibility"]["score"] * 100),
        final_url=report.get("finalDisplayedUrl") or report.get("finalUrl") or url,
        settings=f"{settings['formFactor']}, throttling {settings['throttlingMethod']} (RTT "
        f"{throttling['rttMs']} ms, {throttling['throughputKbps']} Kbps, CPU "
        f"x{throttling['cpuSlowdownMultiplier']}), Lighthouse {report['lighthouseVersion']}",
        opportunities=top_opportunities(report),
    )


def mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def print_pages(
    port: int, shop: list[tuple[str, str]], *, requests: int, budget: float, catalog: Catalog
) -> tuple[str, list[str]]:
    """The pages' table; the cookies of a visitor with a basket (for checkout) and the pages
    whose SQL count differs from the last run on another catalog size."""
    measured = {name: queries_per_page(path) for name, path in shop}
    sql = {name: count for name, (count, _) in measured.items()}
    mine = RESULTS / f"shop-pages-{catalog.generated}.json"
    mine.write_text(json.dumps({"products": catalog.total, "sql": sql}, indent=1))
    others = [path for path in sorted(RESULTS.glob("shop-pages-*.json")) if path != mine]
    other = json.loads(others[-1].read_text()) if others else {"products": None, "sql": {}}
    weights, cookie = browser_weights(
        f"http://127.0.0.1:{port}", [path for _, path in shop], product=shop[4][1]
    )
    other_label = f"SQL@{other['products']}" if other["products"] is not None else ""
    print(
        f"{'page':10} {'path':36} {'p50 ms':>6} {'p95 ms':>6}      {'CPU ms':>6} {'SQL ms':>6}"
        f" {'SQL':>4} {other_label:>9} {'KB sent':>7} {'(decoded)':>9} {'files':>5}"
    )
    for name, path in shop:
        latencies, cpu = server_times(port, path, requests=requests, worker=catalog.worker)
        ordered = sorted(latencies)
        p95 = percentile(ordered, 0.95) * 1000
        kilobytes = weights[path].transferred / 1024
        before = other["sql"].get(name)
        print(
            f"{name:10} {path:36} {statistics.median(ordered) * 1000:6.1f} {p95:6.1f} "
            f"{mark(p95 < budget):4} {cpu * 1000:6.1f} {measured[name][1] * 1000:6.1f} "
            f"{sql[name]:4d} {'' if before is None else before:>9} {kilobytes:7.1f} "
            f"{f'({weights[path].decoded / 1024:.1f})':>9} {weights[path].resources:5d} "
            f"{mark(kilobytes < WEIGHT_BUDGET_KB)}{'' if before in (None, sql[name]) else ' DIFFERS'}"
        )
    differs = sql_differences(sql, other["sql"])
    if other["products"] is not None:
        print(
            f"SQL per page, {catalog.total} vs {other['products']} products: "
            + (f"DIFFERS for {', '.join(differs)}" if differs else "the same on every page")
        )
    return cookie, differs


def print_lighthouse(base: str, product: str, cookie: str) -> None:
    print(
        f"\nLighthouse (defaults; targets performance >= {PERFORMANCE_TARGET}, "
        f"accessibility >= {ACCESSIBILITY_TARGET}); reports in {RESULTS}"
    )
    runs = [
        ("home", "/en/", None),
        ("product", product, None),
        ("checkout", "/en/checkout/", cookie),
    ]
    for name, path, session in runs:
        result = lighthouse(base + path, name, cookie=session)
        print(
            f"{name:10} {path:36} performance {result.performance:3d} "
            f"{mark(result.performance >= PERFORMANCE_TARGET):4} accessibility "
            f"{result.accessibility:3d} {mark(result.accessibility >= ACCESSIBILITY_TARGET)}"
        )
        if not result.final_url.endswith(path):
            print(f"{'':10} landed on {result.final_url}")
        for opportunity in result.opportunities:
            print(f"{'':10} - {opportunity}")
    print(f"settings: {result.settings}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=0, help="generated products to add")
    parser.add_argument("--requests", type=int, default=200, help="timed GETs per page")
    parser.add_argument("--lighthouse", choices=("on", "off"), default="on")
    options = parser.parse_args()
    os.environ.setdefault("RESPONSE_CACHE", "0")
    started = setup_environment()
    import psutil
    from django.core.management import call_command

    from marketplace.catalog.models import Product

    total = ensure_catalog(options.products)
    call_command("collectstatic", "--noinput", "--verbosity", "0")  # WhiteNoise serves these
    generated = Product.objects.filter(slug__startswith="generated-").count()
    budget = P95_BUDGET_LARGE_MS if generated >= 10_000 else P95_BUDGET_DEMO_MS
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port)
    differs: list[str] = []
    try:
        print(
            f"\nshop pages: {total} products; gunicorn, 1 sync worker, loopback; "
            f"{options.requests} GETs per page after {WARM_UP} (one keep-alive connection, no "
            f"cookies); {os.cpu_count()} CPU cores shared with other work, load average "
            f"{os.getloadavg()[0]:.1f}\nserver time = client wall-clock per request, budget "
            f"p95 < {budget:g} ms; CPU ms = the worker's CPU time per request (mean); SQL ms = "
            f"the queries' time in a request (median of 5); weight = first load without images, "
            f"transferred (decoded), budget < {WEIGHT_BUDGET_KB:g} KB"
        )
        shop = pages()
        catalog = Catalog(
            total=total, generated=generated, worker=psutil.Process(server.pid).children()[0].pid
        )
        cookie, differs = print_pages(
            port, shop, requests=options.requests, budget=budget, catalog=catalog
        )
        if options.lighthouse == "on":
            print_lighthouse(f"http://127.0.0.1:{port}", shop[4][1], cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if started:
            from django.db import connections

            from marketplace.core.embedded_db import stop_embedded_server

            connections.close_all()
            stop_embedded_server(Path(os.environ["MARKETPLACE_HOME"]))
    if differs:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
