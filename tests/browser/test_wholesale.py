"""Wholesale in a real browser: the manager shares a line and a member accepts it, on a phone,
in Arabic (issue 12's "Done when"); and every wholesale page at phone and desktop widths in
French, Arabic and English, saved as screenshots for review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.wholesale.models import QuoteShare, ShareStatus
from tests.wholesale.scale import requested

from .wholesale import DESKTOP, PHONE, order_in_production, shots_dir, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_shares_a_line_and_a_member_accepts_it_on_a_phone_in_arabic(browser, live_server):
    w, quote = requested(lines=3, workshops=3)
    line = quote.lines.order_by("sort_order").first()
    manager = signed_in(browser, live_server, w.manager, PHONE).new_page()
    manager.goto(f"{live_server.url}/ar/workspace/wholesale/c/{w.cluster.slug}/{quote.number}/")
    assert manager.locator("html").get_attribute("dir") == "rtl"
    form = manager.locator(f'[data-line="{line.pk}"] [data-testid=share-form]')
    form.locator("select[name=workshop]").select_option(str(w.workshops[1].pk))
    form.locator("input[name=unit_price]").fill("16.50")
    promised = (timezone.localdate() + timedelta(days=30)).isoformat()
    form.locator("input[name=promised_date]").fill(promised)
    manager.screenshot(
        path=str(shots_dir() / "browser-ar-phone-manager-sharing.png"), full_page=True
    )
    form.locator("button[type=submit]").click()
    manager.wait_for_load_state()
    row = manager.locator(f'[data-line="{line.pk}"] [data-testid=share]')
    assert row.get_attribute("data-status") == "OFFERED"
    assert w.workshops[1].name in row.inner_text()
    share = QuoteShare.objects.get(line=line)
    assert (share.workshop_id, share.quantity, share.status) == (
        w.workshops[1].pk,
        line.quantity,
        ShareStatus.OFFERED,
    )
    # the sharer's form fits the phone: nothing wider than the viewport
    width = manager.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width

    member = signed_in(browser, live_server, w.owners[1], PHONE).new_page()
    member.goto(f"{live_server.url}/ar/workspace/wholesale/w/{w.workshops[1].slug}/")
    offered = member.locator(f'[data-testid=offered-share][data-share="{share.pk}"]')
    assert line.title in offered.inner_text()
    member.screenshot(path=str(shots_dir() / "browser-ar-phone-member-offered.png"), full_page=True)
    offered.locator("[data-testid=accept-share]").click()
    member.wait_for_load_state()
    mine = member.locator(f'[data-testid=my-share][data-share="{share.pk}"]')
    assert mine.get_attribute("data-status") == "ACCEPTED"
    assert member.locator(".messages .success").count() == 1
    assert member.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    member.screenshot(
        path=str(shots_dir() / "browser-ar-phone-member-accepted.png"), full_page=True
    )
    share.refresh_from_db()
    assert share.status == ShareStatus.ACCEPTED

    manager.reload()
    assert row.get_attribute("data-status") == "ACCEPTED"
    manager.context.close()
    member.context.close()


def test_every_wholesale_page_in_three_languages(browser, live_server):
    w, quote = order_in_production()
    pages = {
        "buyer-home": (w.buyer, "/{lang}/account/wholesale/"),
        "buyer-request": (w.buyer, f"/{{lang}}/account/wholesale/request/{w.cluster.slug}/"),
        "buyer-quote": (w.buyer, f"/{{lang}}/account/wholesale/{quote.number}/"),
        "manager-board": (w.manager, f"/{{lang}}/workspace/wholesale/c/{w.cluster.slug}/"),
        "manager-quote": (
            w.manager,
            f"/{{lang}}/workspace/wholesale/c/{w.cluster.slug}/{quote.number}/",
        ),
        "member-desk": (w.owners[0], f"/{{lang}}/workspace/wholesale/w/{w.workshops[0].slug}/"),
    }
    for lang in ("fr", "ar", "en"):
        for width_name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            for name, (user, path) in pages.items():
                context = signed_in(browser, live_server, user, viewport)
                tab = context.new_page()
                response = tab.goto(live_server.url + path.format(lang=lang))
                assert response is not None and response.status == 200, (name, lang)
                assert tab.locator("html").get_attribute("lang") == lang
                tab.screenshot(
                    path=str(shots_dir() / f"{lang}-{width_name}-{name}.png"), full_page=True
                )
                scroll = tab.evaluate("document.documentElement.scrollWidth")
                assert scroll <= viewport["width"], (name, lang, width_name, scroll)
                context.close()
