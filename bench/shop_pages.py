"""The shop's pages (issue #10, "Speed"): for home (en, fr, ar), catalog, a product, a cluster
and a workshop page, the server time p50/p95, the SQL queries per page and the first-load
page weight without images, then a Lighthouse run on home, a product and checkout.

    scripts/bench --shop [--products 0] [--requests 200] [--lighthouse on|off]

Server time is wall-clock at a keep-alive client on loopback, one connection, `--requests`
GETs per page after 20 warm-up ones, against gunicorn with one sync worker (bench/run.py):
it includes gunicorn's parsing and the response's transfer over loopback, nothing else. Each
GET is a first visit (no cookies). SQL queries come from Django's test client (an answer
computed afresh, after one warm-up request). Weight: each page loaded once in Debian's
Chromium, every response except images (HTML, CSS, JS, fonts) summed, as transferred (gzip
or brotli where WhiteNoise serves it) and decoded. Each run's SQL counts are kept in
bench/results/shop-pages-<products>.json: a run on another catalog size prints both and
flags a page whose count differs (exit status 1).
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


def queries_per_page(path: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)  # warm per-process caches, as a running worker has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path} (test client): HTTP {response.status_code}")
    return len(captured)


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


def top_opportunities(report: Mapping[str, object], *, limit: int = 4) -> list[str]:
    """The report's largest savings (ms) and failed accessibility audits, in words."""
    audits: Mapping[str, Mapping[str, object]] = report["audits"]  # type: ignore[assignment]
    found: list[tuple[float, str]] = []
    for audit in audits.values():
        details = audit.get("details") or {}
        savings = float(details.get("overallSavingsMs") or 0) if isinstance(details, dict) else 0
        if savings > 0 and (audit.get("score") or 0) < 0.9:
            found.append((savings, f"{audit['title']} (~{savings:.0f} ms)"))
    categories: Mapping[str, Mapping[str, object]] = report["categories"]  # type: ignore[assignment]
    for reference in categories.get("accessibility", {}).get("auditRefs", []):  # type: ignore[union-attr]
        audit = audits.get(reference["id"], {})
        if audit.get("score") == 0 and reference.get("weight"):
            found.append((1e9 + reference["weight"], f"a11y: {audit['title']}"))
    return [text for _, text in sorted(found, reverse=True)[:limit]]


def lighthouse(url: str, name: str, *, cookie: str | None) -> dict[str, object]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = RESULTS / f"lighthouse-{name}"
    command = [str(lighthouse_binary()), url, "--quiet", f"--chrome-path={CHROMIUM}"]
    command += [f"--chrome-flags={LIGHTHOUSE_FLAGS}", "--only-categories=performance,accessibility"]
    command += ["--output=json", "--output=html", f"--output-path={output}"]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(command, check=True, timeout=300)
    report = json.loads(output.with_suffix(".report.json").read_text())
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse on {url}: {report['runtimeError']}")
    scores = {key: round(value["score"] * 100) for key, value in report["categories"].items()}
    settings = report["configSettings"]
    return {
        "scores": scores,
        "final_url": report.get("finalDisplayedUrl") or report.get("finalUrl"),
        "settings": f"{settings['formFactor']}, throttling {settings['throttlingMethod']} "
        f"(RTT {settings['throttling']['rttMs']} ms, "
        f"{settings['throttling']['throughputKbps']} Kbps, "
        f"CPU x{settings['throttling']['cpuSlowdownMultiplier']}), "
        f"Lighthouse {report['lighthouseVersion']}",
        "opportunities": top_opportunities(report),
    }


def mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=0, help="generated products to add")
    parser.add_argument("--requests", type=int, default=200, help="timed GETs per page")
    parser.add_argument("--lighthouse", choices=("on", "off"), default="on")
    options = parser.parse_args()
    os.environ.setdefault("RESPONSE_CACHE", "0")
    started = setup_environment()
    from django.core.management import call_command

    total = ensure_catalog(options.products)
    call_command("collectstatic", "--noinput", "--verbosity", "0")  # WhiteNoise serves these
    generated = ensure_generated_count()
    budget = P95_BUDGET_LARGE_MS if generated >= 10_000 else P95_BUDGET_DEMO_MS
    shop = pages()
    sql = {name: queries_per_page(path) for name, path in shop}
    RESULTS.mkdir(parents=True, exist_ok=True)
    mine = RESULTS / f"shop-pages-{generated}.json"
    mine.write_text(json.dumps({"products": total, "sql": sql}, indent=1))
    others = [path for path in sorted(RESULTS.glob("shop-pages-*.json")) if path != mine]
    other = json.loads(others[-1].read_text()) if others else None
    port = free_port()
    server = start_server(port)
    differs: list[str] = []
    try:
        print(
            f"\nshop pages: {total} products; gunicorn, 1 sync worker, loopback; {options.requests}"
            f" GETs per page after {WARM_UP} (one keep-alive connection, no cookies); "
            f"{os.cpu_count()} CPU cores shared with other work, load average "
            f"{os.getloadavg()[0]:.1f}\n"
            f"server time = client wall-clock per request; CPU ms = the worker's CPU time per "
            f"request (mean); budget p95 < {budget:g} ms; "
            f"weight = first load without images, transferred (decoded), budget "
            f"< {WEIGHT_BUDGET_KB:g} KB"
        )
        import psutil

        worker = psutil.Process(server.pid).children()[0].pid
        weights, cookie = browser_weights(
            f"http://127.0.0.1:{port}", [p for _, p in shop], product=shop[4][1]
        )
        other_label = f"SQL@{other['products']}" if other else ""
        print(
            f"{'page':10} {'path':38} {'p50 ms':>7} {'p95 ms':>7}    {'CPU ms':>6} {'SQL':>4} {other_label:>9}"
            f" {'KB sent':>8} {'(decoded)':>9} {'files':>5}"
        )
        for name, path in shop:
            latencies, cpu = server_times(port, path, requests=options.requests, worker=worker)
            ordered = sorted(latencies)
            p95 = percentile(ordered, 0.95) * 1000
            weight = weights[path]
            other_sql = str(other["sql"].get(name, "-")) if other else ""
            flag = " DIFFERS" if other and other["sql"].get(name) not in (None, sql[name]) else ""
            print(
                f"{name:10} {path:38} {statistics.median(ordered) * 1000:7.1f} {p95:7.1f} "
                f"{mark(p95 < budget):4} {cpu * 1000:6.1f} {sql[name]:4d} {other_sql:>9}"
                f" {weight.transferred / 1024:8.1f} {f'({weight.decoded / 1024:.1f})':>9}"
                f" {weight.resources:5d} {mark(weight.transferred / 1024 < WEIGHT_BUDGET_KB)}"
                f"{flag}"
            )
        if other:
            differs = sql_differences(sql, other["sql"])
            print(
                f"SQL per page, {total} vs {other['products']} products: "
                + (f"DIFFERS for {', '.join(differs)}" if differs else "the same on every page")
            )
        if options.lighthouse == "on":
            base = f"http://127.0.0.1:{port}"
            runs = [("home", "/en/", None), ("product", shop[4][1], None)]
            runs.append(("checkout", "/en/checkout/", cookie))
            print(
                f"\nLighthouse (defaults; targets performance >= {PERFORMANCE_TARGET}, "
                f"accessibility >= {ACCESSIBILITY_TARGET}); reports in {RESULTS}"
            )
            for name, path, session in runs:
                result = lighthouse(base + path, name, cookie=session)
                scores: dict[str, int] = result["scores"]  # type: ignore[assignment]
                performance, accessibility = scores["performance"], scores["accessibility"]
                print(
                    f"{name:10} {path:38} performance {performance:3d} "
                    f"{mark(performance >= PERFORMANCE_TARGET):4} accessibility "
                    f"{accessibility:3d} {mark(accessibility >= ACCESSIBILITY_TARGET)}"
                )
                if not str(result["final_url"]).endswith(path):
                    print(f"{'':10} landed on {result['final_url']}")
                for opportunity in result["opportunities"]:  # type: ignore[union-attr]
                    print(f"{'':10} - {opportunity}")
            print(f"settings: {result['settings']}")
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


def ensure_generated_count() -> int:
    from marketplace.catalog.models import Product

    return Product.objects.filter(slug__startswith="generated-").count()


if __name__ == "__main__":
    main()
