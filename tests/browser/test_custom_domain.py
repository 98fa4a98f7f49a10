"""A vendor's own domain in a real browser: Chromium opens ``/`` on the vendor's host name
and gets the vendor's storefront (Arabic right-to-left, French, English), with the
marketplace one click away; an unknown host name gets Django's refusal.

Chromium resolves every ``*.localhost`` name to the loopback address (RFC 6761), so the
vendor's domain here is one of those: no resolver rules, the suite's own browser."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from marketplace.vendors.models import DomainStatus, Vendor
from tests.browser.shop import snap

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "cuivre-constantine.localhost"


def test_the_vendors_domain_opens_its_storefront(browser, live_server, catalog, settings):
    settings.PUBLIC_URL = live_server.url  # the marketplace's own host
    catalog.product("Sniwa tray")
    Vendor.objects.filter(pk=catalog.cluster.pk).update(
        custom_domain=HOST, custom_domain_status=DomainStatus.ACTIVE
    )
    port = urlsplit(live_server.url).port
    for locale, language, width in (("ar-DZ", "ar", 390), ("fr-FR", "fr", 1280), ("en", "en", 390)):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"http://{HOST}:{port}/")
        assert page.url == f"http://{HOST}:{port}/"
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator("h1").first.inner_text().strip() == "Constantine Cluster"
        assert page.get_by_text("Sniwa tray").first.is_visible()
        snap(page, f"custom-domain-{language}-{width}")
        page.locator("#marketplace-link").click()
        page.wait_for_load_state()
        assert page.url == f"{live_server.url}/{language}/"  # the marketplace, on its host
        context.close()

    context = browser.new_context()
    response = context.new_page().goto(f"http://elsewhere.localhost:{port}/")
    assert response is not None and response.status == 400
    context.close()
