from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_renders_and_links_to_the_api(page, live_server, tmp_path):
    page.goto(f"{live_server.url}/")
    assert page.title() == "Artisan Clusters Marketplace"
    assert page.locator("h1").inner_text() == "Artisan Clusters Marketplace"
    assert page.locator("a[href='/graphql/']").count() == 1
    page.screenshot(path=str(tmp_path / "home.png"))
    assert (tmp_path / "home.png").stat().st_size > 1000


def test_browser_can_query_the_api_from_the_page(page, live_server):
    page.goto(f"{live_server.url}/")
    body = page.evaluate(
        """async () => {
            const response = await fetch('/graphql/', {method: 'POST',
              headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({query: '{ shop { name } }'})});
            return await response.text();
        }"""
    )
    assert json.loads(body) == {"data": {"shop": {"name": "Artisan Clusters Marketplace"}}}
