from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_root_opens_the_shop_in_the_browsers_language(browser, live_server, catalog):
    for locale, language in (("fr-FR", "fr"), ("ar-DZ", "ar"), ("en-GB", "en"), ("de-DE", "en")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        assert page.url == f"{live_server.url}/{language}/"
        assert page.locator("html").get_attribute("lang") == language
        assert page.title().endswith("· Artisan Clusters Marketplace")
        assert page.locator("a[href='/graphql/']").count() == 1
        context.close()


def test_browser_can_query_the_api_from_the_page(page, live_server, catalog):
    page.goto(f"{live_server.url}/en/")
    body = page.evaluate(
        """async () => {
            const response = await fetch('/graphql/', {method: 'POST',
              headers: {'Content-Type': 'application/json'},
              body: JSON.stringify({query: '{ shop { name } }'})});
            return await response.text();
        }"""
    )
    assert json.loads(body) == {"data": {"shop": {"name": "Artisan Clusters Marketplace"}}}
