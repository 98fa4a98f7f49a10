"""A group order of 50 lines across 12 workshops: allocation, quote PDF and settlement times
and query counts, next to the same for 5 lines across 3 workshops (counts must be flat).

Run: DATABASE_URL=postgresql://... .venv/bin/python bench/wholesale_quote.py
Uses a throw-away test database (test_<name>), never the real one.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")


def _timed(fn: Any) -> tuple[Any, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
    return result, elapsed * 1000, len(ctx)


def run(lines: int, workshops: int, tag: str) -> list[tuple[str, float, int]]:
    from marketplace.wholesale.pdf import commercial_invoice_pdf, quote_version_pdf
    from marketplace.wholesale.services import shipment
    from tests.wholesale.scale import allocate, ready_to_ship, requested, send

    w, quote = requested(lines=lines, workshops=workshops, tag=tag)
    shares, t_alloc, q_alloc = _timed(lambda: allocate(w, quote))
    version, t_send, q_send = _timed(lambda: send(w, quote))
    _, t_pdf, q_pdf = _timed(lambda: quote_version_pdf(version))
    ready_to_ship(w, quote, shares)
    _, t_settle, q_settle = _timed(
        lambda: shipment.shipment_dispatch(
            actor=w.manager, quote_id=quote.pk, carrier="DHL", tracking_number="B1"
        )
    )
    quote.refresh_from_db()
    _, t_inv, q_inv = _timed(lambda: commercial_invoice_pdf(quote.shipment))
    return [
        ("allocation (all lines)", t_alloc, q_alloc),
        ("allocation per line", t_alloc / lines, q_alloc // lines),
        ("quote send (pricing)", t_send, q_send),
        ("quote PDF", t_pdf, q_pdf),
        ("dispatch + settlement", t_settle, q_settle),
        ("commercial invoice PDF", t_inv, q_inv),
    ]


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        small = run(5, 3, "s")
        large = run(50, 12, "l")
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"{'step':26} {'5 lines/3 ws':>22} {'50 lines/12 ws':>22}")
    for (label, t1, q1), (_, t2, q2) in zip(small, large, strict=True):
        print(f"{label:26} {t1:10.1f} ms {q1:4d} q   {t2:10.1f} ms {q2:4d} q")
    flat = all(
        q1 == q2
        for (label, _, q1), (_, _, q2) in zip(small, large, strict=True)
        if label != "allocation (all lines)"
    )
    print("query counts flat in the number of lines:", "yes" if flat else "NO")


if __name__ == "__main__":
    main()
