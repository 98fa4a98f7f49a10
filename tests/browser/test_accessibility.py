"""axe-core (vendored from the npm registry, tests/browser/vendor) over the shop's main pages
in English, French and Arabic, at phone (390x844) and desktop (1280x800) widths: no serious
or critical violation. Each page is saved as a screenshot for review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from marketplace.provenance.models import Certificate

from .shop import add_to_basket, snap
from .test_shop_journey import demo  # noqa: F401 - the demo fixture

pytestmark = pytest.mark.django_db(transaction=True)

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.10.3" / "axe.min.js").read_text()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES = {
    "home": "/{lang}/",
    "catalog": "/{lang}/shop/?technique=chasing",
    "collections": "/{lang}/collections/",
    "cluster": "/{lang}/c/constantine-dinanderie/",
    "workshop": "/{lang}/w/atelier-souika/",
    "product": "/{lang}/p/chased-tray-atelier-souika/",
    "login": "/{lang}/account/login/",
    "register": "/{lang}/account/register/",
    "password-reset": "/{lang}/account/password/",
    "order-lookup": "/{lang}/order/find/",
    "certificate": "/{lang}/verify/{serial}/",
}


def axe_problems(page: Any) -> list[str]:
    page.evaluate(AXE + "\n;true")
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + json.dumps([n["target"] for n in v["nodes"][:3]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_main_pages_have_no_serious_accessibility_violation(browser, live_server, demo, language):  # noqa: F811
    serial = Certificate.objects.order_by("issued_at").values_list("serial", flat=True).first()
    problems: dict[str, list[str]] = {}
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport, locale=language)
        page = context.new_page()
        for name, path in PAGES.items():
            if "{serial}" in path and not serial:
                continue
            page.goto(live_server.url + path.format(lang=language, serial=serial))
            assert page.locator("html").get_attribute("lang") == language
            found = axe_problems(page)
            if found:
                problems[f"{name}-{size}"] = found
            snap(page, f"a11y-{name}-{language}-{size}")
        # The basket and the checkout's first step, with a piece in the basket.
        page.goto(f"{live_server.url}/{language}/p/chased-tray-atelier-souika/")
        add_to_basket(page)
        for name, path in (("basket", "/{lang}/basket/"), ("checkout", "/{lang}/checkout/")):
            page.goto(live_server.url + path.format(lang=language))
            found = axe_problems(page)
            if found:
                problems[f"{name}-{size}"] = found
            snap(page, f"a11y-{name}-{language}-{size}")
        context.close()
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
