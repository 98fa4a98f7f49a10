"""GraphiQL at /graphql/ works with no internet: every asset comes from this site.

The browser is cut off from everything but loopback (each other request is aborted and
recorded), as on a laptop offline or behind a CSP of 'self'. The page must render the editor,
load the schema and run a query, and must not even try to reach another host."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _editor_value(page, selector: str) -> str:
    value: str = page.evaluate(
        "selector => document.querySelector(selector).CodeMirror.getValue()", selector
    )
    return value


def test_graphiql_renders_and_runs_a_query_offline(page, live_server, tmp_path):
    attempted_elsewhere: list[str] = []
    served_here: list[str] = []

    def only_loopback(route):
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            served_here.append(url)
            route.continue_()
        else:
            attempted_elsewhere.append(url)
            route.abort()

    page.context.route("**/*", only_loopback)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/graphql/")
    page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror", timeout=20000)
    # The schema loaded through the page's own fetcher: the documentation explorer can open.
    page.click("button[aria-label='Show Documentation Explorer']")
    root_types = page.locator(".graphiql-doc-explorer-root-type")
    root_types.first.wait_for(timeout=20000)
    explorer = page.locator(".graphiql-doc-explorer-content").first.inner_text()
    assert "Root Types\nquery: Query\nmutation: Mutation\n" in explorer

    page.evaluate(
        "document.querySelector('.graphiql-query-editor .CodeMirror')"
        ".CodeMirror.setValue('{ shop { name } }')"
    )
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "document.querySelector('.graphiql-response .CodeMirror')"
        ".CodeMirror.getValue().includes('Artisan')",
        timeout=20000,
    )
    answer = json.loads(_editor_value(page, ".graphiql-response .CodeMirror"))
    assert answer == {"data": {"shop": {"name": "Artisan Clusters Marketplace"}}}

    screenshot = tmp_path / "graphiql.png"  # looked at when this test was written
    page.screenshot(path=str(screenshot))
    assert screenshot.stat().st_size > 10000

    assert attempted_elsewhere == []
    assert errors == []
    static = sorted(urlsplit(url).path for url in served_here if "/static/" in url)
    assert static == [
        "/static/graphiql/graphiql-page.css",
        "/static/graphiql/graphiql-start.js",
        "/static/vendor/graphiql-3.9.0/graphiql.min.css",
        "/static/vendor/graphiql-3.9.0/graphiql.min.js",
        "/static/vendor/react-18.3.1/react.production.min.js",
        "/static/vendor/react-dom-18.3.1/react-dom.production.min.js",
    ]
