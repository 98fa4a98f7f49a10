"""bench/load.py reads wrk's report as wrk prints it, and refuses a run with failures."""

from __future__ import annotations

import pytest

from bench.load import _lua_string, wrk_figures

REPORT = """Running 15s test @ http://127.0.0.1:40000/graphql/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.61ms    1.02ms  21.32ms   90.12%
    Req/Sec     2.21k   102.50     2.40k    72.00%
  Latency Distribution
     50%  {p50}
     75%    3.90ms
     90%    4.60ms
     99%  {p99}
  33012 requests in 15.00s, 160.12MB read
{extra}Requests/sec:   2200.75
Transfer/sec:     10.67MB
"""


@pytest.mark.parametrize(
    ("p50", "p99", "expected"),
    [("3.46ms", "6.61ms", (3.46, 6.61)), ("812.00us", "1.20s", (0.812, 1200.0))],
)
def test_the_rate_and_percentiles_are_read_in_milliseconds(p50, p99, expected):
    figures = wrk_figures(REPORT.format(p50=p50, p99=p99, extra=""))
    assert figures.requests_per_second == 2200.75
    assert (figures.p50_ms, figures.p99_ms) == pytest.approx(expected)


@pytest.mark.parametrize(
    "extra",
    [
        "  Non-2xx or 3xx responses: 12\n",
        "  Socket errors: connect 0, read 0, write 0, timeout 4\n",
        "  Socket errors: connect 3, read 0, write 0, timeout 0\n",
    ],
)
def test_a_run_with_failures_is_refused(extra):
    with pytest.raises(SystemExit, match="failed requests"):
        wrk_figures(REPORT.format(p50="3.46ms", p99="6.61ms", extra=extra))


def test_a_report_it_cannot_read_is_refused():
    with pytest.raises(SystemExit, match="not understood"):
        wrk_figures("wrk: connection refused")


def test_the_body_is_a_lua_literal_whatever_it_holds():
    body = '{"query": "{ a }", "x": "]] ]=] \\\\n é"}'
    literal = _lua_string(body)
    assert literal.startswith("[==[") and literal.endswith("]==]")
    assert literal[4:-4] == body
