"""The wholesale pages in fr/ar/en: the buyer's account, the manager's board and order, the
member's desk. The wrong actor gets the 404 a missing page gets, and nothing changes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.wholesale.models import QuoteShare, ShareStatus, WholesaleQuote

from .scale import requested
from .world import build

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "ar", "en")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_buyer_applies_and_requests_a_quote():
    w = build()
    newcomer = _client(w.other_buyer)
    assert newcomer.get("/en/account/wholesale/").status_code == 200
    answer = newcomer.post(
        "/en/account/wholesale/",
        {
            "company_name": "Bazar Lyon",
            "address": "3 quai Saint-Antoine, Lyon",
            "country": "FR",
            "contact_name": "Ali",
            "contact_email": "ali@example.com",
        },
    )
    assert answer.status_code == 302
    assert "Bazar Lyon" in newcomer.get("/en/account/wholesale/").content.decode()
    # not approved yet: no request page, as if the cluster did not exist
    assert newcomer.get(f"/en/account/wholesale/request/{w.cluster.slug}/").status_code == 404

    buyer = _client(w.buyer)
    for lang in LANGUAGES:
        home = buyer.get(f"/{lang}/account/wholesale/")
        assert home.status_code == 200 and w.cluster.name in home.content.decode()
        form = buyer.get(f"/{lang}/account/wholesale/request/{w.cluster.slug}/")
        assert (form.status_code == 200 and 'dir="rtl"' in form.content.decode()) or lang != "ar"
    target = (timezone.localdate() + timedelta(days=60)).isoformat()
    fields = {
        "target_date": target,
        "destination_country": "FR",
        "destination_address": "Marseille",
        "incoterm": "DDP",
    }
    few = buyer.post(
        f"/en/account/wholesale/request/{w.cluster.slug}/",
        {**fields, f"qty-{w.products[0].pk}": "20"},
    )
    assert few.status_code == 200 and "minimum order value" in few.content.decode()
    assert WholesaleQuote.objects.count() == 0
    done = buyer.post(
        f"/en/account/wholesale/request/{w.cluster.slug}/",
        {**fields, f"qty-{w.products[0].pk}": "120", f"qty-{w.products[1].pk}": "60"},
    )
    quote = WholesaleQuote.objects.get()
    assert done["Location"].endswith(f"/account/wholesale/{quote.number}/")
    assert quote.lines.count() == 2
    for lang in LANGUAGES:
        assert buyer.get(f"/{lang}/account/wholesale/{quote.number}/").status_code == 200
    assert _client(w.other_buyer).get(f"/en/account/wholesale/{quote.number}/").status_code == 404


def test_workspace_pages_and_their_actors():
    w, quote = requested(lines=3, workshops=3)
    manager, member, other_member = (_client(u) for u in (w.manager, w.owners[0], w.owners[1]))
    board = f"/en/workspace/wholesale/c/{w.cluster.slug}/"
    page = f"{board}{quote.number}/"
    for lang in LANGUAGES:
        assert manager.get(board.replace("/en/", f"/{lang}/")).status_code == 200
        assert manager.get(page.replace("/en/", f"/{lang}/")).status_code == 200
    for outsider in (member, _client(w.buyer), _client(w.other_buyer)):
        assert outsider.get(board).status_code == 404
        assert outsider.get(page).status_code == 404
    line = quote.lines.first()
    promised = (timezone.localdate() + timedelta(days=30)).isoformat()
    offer = {
        "action": "assign",
        "line": line.pk,
        "workshop": w.workshops[0].pk,
        "quantity": line.quantity,
        "unit_price": "16.50",
        "promised_date": promised,
    }
    assert member.post(page, offer).status_code == 404 and not QuoteShare.objects.exists()
    assert manager.post(page, offer).status_code == 302
    share = QuoteShare.objects.get()
    desk = f"/en/workspace/wholesale/w/{w.workshops[0].slug}/"
    for lang in LANGUAGES:
        body = member.get(desk.replace("/en/", f"/{lang}/")).content.decode()
        assert f'data-share="{share.pk}"' in body
    other_desk = f"/en/workspace/wholesale/w/{w.workshops[1].slug}/"
    assert f'data-share="{share.pk}"' not in other_member.get(other_desk).content.decode()
    assert member.get(other_desk).status_code == 404
    # another member posting an answer to this share: nothing changes
    other_member.post(other_desk, {"action": "accept", "share": share.pk})
    share.refresh_from_db()
    assert share.status == ShareStatus.OFFERED
    member.post(desk, {"action": "accept", "share": share.pk})
    share.refresh_from_db()
    assert share.status == ShareStatus.ACCEPTED


def test_pooled_purchase_from_the_board_and_the_desk():
    w = build()
    manager, member = _client(w.manager), _client(w.owners[0])
    board = f"/fr/workspace/wholesale/c/{w.cluster.slug}/"
    fields = {
        "action": "pool-open",
        "material": "Feuille de cuivre",
        "supplier": "Cuivre Annaba",
        "currency": "EUR",
        "unit": "kg",
        "deadline": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "tiers": "0 9.80\n500 8,90",
    }
    assert member.post(board, fields).status_code == 404
    assert manager.post(board, {**fields, "tiers": "cheap"}).status_code == 302
    from marketplace.wholesale.models import PooledPurchase

    assert not PooledPurchase.objects.exists()  # a bad tier line: nothing written
    manager.post(board, fields)
    pool = PooledPurchase.objects.get()
    assert [(t.min_quantity, t.unit_price) for t in pool.tiers.all()] == [
        (Decimal(0), Decimal("9.80")),
        (Decimal(500), Decimal("8.90")),
    ]
    desk = f"/ar/workspace/wholesale/w/{w.workshops[0].slug}/"
    assert "Feuille de cuivre" in member.get(desk).content.decode()
    member.post(desk, {"action": "commit", "purchase": pool.pk, "quantity": "120,5"})
    assert str(pool.commitments.get().quantity) == "120.500"
    assert "120,5 kg" in manager.get(board).content.decode()  # French decimals
