from __future__ import annotations

import pytest
from django.apps import apps

from marketplace.catalog.models import Product, ProductMedia, ProductTranslation
from marketplace.channels.models import Channel
from marketplace.demo.bulk import seed_generated_products
from marketplace.demo.seed import seed_demo
from marketplace.vendors.models import Vendor

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"accounts", "channels", "vendors", "catalog", "inventory", "content"}
    }


def test_seed_builds_the_demo_and_a_second_run_changes_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    first = _row_counts()
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())

    seed_demo()

    assert _row_counts() == first
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files
    assert Vendor.objects.filter(kind="cluster").count() == 3
    assert Vendor.objects.filter(kind="workshop", status="approved").count() >= 12
    assert Product.objects.count() >= 60
    assert set(Channel.objects.values_list("currency_code", flat=True)) == {
        "EUR",
        "USD",
        "DZD",
        "TND",
    }
    for product in Product.objects.all():
        assert ProductMedia.objects.filter(product=product).count() >= 2
        assert product.channel_listings.count() == 4
        languages = set(
            ProductTranslation.objects.filter(product=product).values_list(
                "language_code", flat=True
            )
        )
        assert {"fr", "ar"} <= languages


def test_seed_prices_keep_three_decimals_in_tnd(settings, tmp_path):
    from marketplace.catalog.models import ProductVariantChannelListing

    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    tnd = ProductVariantChannelListing.objects.filter(currency="TND")
    assert tnd.exists()
    assert any(
        p.as_tuple().exponent == -3 and p % 1 * 1000 % 10 != 0
        for p in tnd.values_list("price_amount", flat=True)
    )


def test_generated_products_are_added_listed_and_searchable(settings, tmp_path, gql):
    settings.MEDIA_ROOT = tmp_path
    seed_demo()
    before = Product.objects.count()
    assert seed_generated_products(250) == 250
    assert seed_generated_products(10) == 10
    assert Product.objects.count() == before + 260
    data = gql.data(
        '{ products(first: 5, search: "no. 255") { edges { node { slug media { url } } } } }'
    )
    assert data["products"]["edges"][0]["node"]["slug"] == "generated-255"
    assert len(data["products"]["edges"][0]["node"]["media"]) == 2


def test_demo_carries_provenance_claims_packaging_and_certificates(settings, tmp_path, client):
    from marketplace.packaging.models import PackagingOption
    from marketplace.provenance.certificates import certificate_check
    from marketplace.provenance.models import Certificate, Provenance
    from marketplace.provenance.selectors import claims_showing

    settings.MEDIA_ROOT = tmp_path
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    seed_demo()
    seed_demo()  # idempotent: no second certificate for the same piece

    products = Product.objects.all()
    assert Provenance.objects.filter(variant__isnull=True).count() == products.count()
    assert all(p.materials.exists() and p.techniques.exists() for p in Provenance.objects.all())
    assert claims_showing().values("product").distinct().count() == products.count()
    for cluster in Vendor.objects.filter(kind="cluster"):
        assert PackagingOption.objects.filter(vendor=cluster, is_active=True).count() == 3
    unique = products.filter(metadata__one_of_a_kind="true")
    assert unique.exists()
    assert Certificate.objects.count() == unique.count()
    certificate = Certificate.objects.first()
    assert certificate_check(serial=certificate.serial).status == "VALID"
    page = client.get(f"/verify/{certificate.serial}/")
    assert page.status_code == 200 and b'data-status="VALID"' in page.content


def test_demo_checkout_reaches_shipping_quotes_and_a_promo_code(settings, tmp_path, gql):
    from marketplace.catalog.models import ProductVariant

    settings.MEDIA_ROOT = tmp_path
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    seed_demo()
    seed_demo()
    variant = ProductVariant.objects.filter(product__slug__startswith="chased-tray").first()
    from graphql_relay import to_global_id

    created = gql.data(
        'mutation($v: ID!) { checkoutCreate(input: {channel: "international", lines: [{variantId: $v, quantity: 1}]}) { checkout { id } errors { code } } }',
        {"v": to_global_id("ProductVariant", variant.pk)},
    )["checkoutCreate"]
    checkout_id = created["checkout"]["id"]
    shipped = gql.data(
        'mutation($id: ID) { checkoutShippingAddressUpdate(id: $id, shippingAddress: {streetAddress1: "1 Main St", city: "Lyon", postalCode: "69001", country: FR}) { checkout { shippingMethods { name } } errors { code } } }',
        {"id": checkout_id},
    )["checkoutShippingAddressUpdate"]
    assert [m["name"] for m in shipped["checkout"]["shippingMethods"]] == [
        "Postal parcel (tracked)",
        "Express courier",
    ]
    promo = gql.data(
        'mutation($id: ID) { checkoutAddPromoCode(id: $id, promoCode: "WELCOME10") { errors { code } } }',
        {"id": checkout_id},
    )
    assert promo["checkoutAddPromoCode"]["errors"] == []
