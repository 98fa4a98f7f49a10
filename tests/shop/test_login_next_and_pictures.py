"""Logging in comes back to the page that asked for it (on this site only), and a piece with
no picture yet shows a placeholder instead of failing."""

from __future__ import annotations

import pytest

from marketplace.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "copper-and-silver-2026"


@pytest.mark.parametrize(
    ("wanted", "lands_on"),
    [
        ("/fr/workspace/", "/fr/workspace/"),
        ("https://evil.example/fr/", "/fr/account/"),
        ("//evil.example/", "/fr/account/"),
        ("javascript:alert(1)", "/fr/account/"),
    ],
)
def test_login_returns_only_to_a_page_of_this_site(client, catalog, wanted, lands_on):
    User.objects.create_user("ann@example.com", PASSWORD)
    response = client.post(
        "/fr/account/login/?next=" + wanted, {"email": "ann@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_a_piece_without_a_picture_shows_a_placeholder(client, catalog):
    bare = catalog.product("Bare tray", media=0)
    page = client.get(f"/en/p/{bare.slug}/")
    assert page.status_code == 200
    assert 'class="ph' in page.content.decode()
    listing = client.get("/en/shop/")
    assert listing.status_code == 200
