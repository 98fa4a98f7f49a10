"""Bad input on the listing pages: a clear message on the field at fault, a 400 page (never
a 500), and nothing half-written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.catalog.models import Product

from .listings_world import build_world, editor_post, jpeg_bytes, snapshot

pytestmark = pytest.mark.django_db

NEW = "/fr/workspace/w/souika/listings/new/"


@pytest.fixture
def world(catalog):
    return build_world(catalog)


def _refused(world, data, field: str) -> str:
    client = world.client("owner_a")
    before = snapshot()
    response = client.post(NEW, data)
    assert response.status_code == 400, response.status_code
    body = response.content.decode()
    assert f'data-field="{field}"' in body, body[:3000]
    assert snapshot() == before
    return body


def test_a_price_finer_than_the_currency_is_refused_on_its_market(world) -> None:
    _refused(world, editor_post(world, price_international="10.005"), "price_international")


def test_tnd_takes_three_decimals_but_not_four(world) -> None:
    _refused(world, editor_post(world, price_tunisia="23.0941"), "price_tunisia")
    client = world.client("owner_a")
    assert client.post(NEW, editor_post(world, price_tunisia="23.094")).status_code == 302


def test_a_title_is_required(world) -> None:
    _refused(world, editor_post(world, name=""), "name")


def test_an_hs_code_has_six_eight_or_ten_digits(world) -> None:
    _refused(world, editor_post(world, hs_code="7418"), "hs_code")


def test_made_to_order_needs_a_lead_time(world) -> None:
    _refused(world, editor_post(world, availability="made_to_order"), "lead_days_max")


def test_a_sku_of_another_piece_is_refused_and_nothing_is_created(world) -> None:
    taken = world.product.variants.first().sku
    _refused(world, editor_post(world, **{"variants-0-sku": taken}), "sku")
    assert not Product.objects.filter(name="Plateau ciselé aux étoiles").exists()


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_created(world) -> None:
    fake = SimpleUploadedFile("tray.jpg", b"<html><script>alert(1)</script>", "image/jpeg")
    body = _refused(world, {**editor_post(world), "photos": fake}, "photos")
    assert "tray.jpg" in body


def test_publishing_needs_a_photo_and_a_price(world) -> None:
    _refused(world, editor_post(world, action="publish"), "photos")
    photo = SimpleUploadedFile("tray.jpg", jpeg_bytes(), content_type="image/jpeg")
    _refused(
        world,
        {
            **editor_post(world, action="publish", price_international="", price_tunisia=""),
            "photos": photo,
        },
        "home_price",
    )


def test_an_unknown_category_or_kind_is_refused(world) -> None:
    _refused(world, editor_post(world, category="999999"), "category")
    _refused(world, editor_post(world, product_type="x"), "product_type")


def test_the_suggested_prices_follow_each_currency(world) -> None:
    """1000 DZD: 6.88 EUR (2 places) and 23.093 TND (3 places), shown beside each market."""
    client = world.client("owner_a")
    response = client.post(NEW, editor_post(world, name="", home_price="1000"))
    body = response.content.decode()
    assert "6,88" in body or "6.88" in body
    assert "23,093" in body or "23.093" in body
