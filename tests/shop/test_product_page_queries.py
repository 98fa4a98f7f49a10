"""The product page's SQL does not grow with what a piece has (variants, photos, artisans,
techniques, materials, claims, attestations, packaging), and what the page's joined reads
show: names in the page's language with their fallback, packaging that applies and is
priced in the channel."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.accounts.models import User
from marketplace.catalog.models import (
    CategoryTranslation,
    Product,
    ProductTranslation,
    ProductType,
    ProductVariantTranslation,
)
from marketplace.packaging.models import (
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
)
from marketplace.provenance.models import (
    Artisan,
    Attestation,
    Claim,
    Material,
    MaterialTranslation,
    Provenance,
    ProvenanceMaterial,
    Technique,
    TechniqueTranslation,
)
from tests.factories import CatalogBuilder, ClusterFactory

pytestmark = pytest.mark.django_db

# Channels, product, pictures, variants, stock and holds, provenance record, artisans,
# techniques, materials, claims, packaging, attestations, channels for the switcher.
PRODUCT_PAGE_QUERIES = 14


def _option(catalog: CatalogBuilder, name: str, *, price: str | None = "4.00") -> PackagingOption:
    option = PackagingOption.objects.create(
        vendor=catalog.workshop,
        name=name,
        kind="gift",
        length_cm=Decimal("30"),
        width_cm=Decimal("30"),
        height_cm=Decimal("10"),
    )
    if price is not None:
        PackagingOptionChannelListing.objects.create(
            option=option, channel=catalog.eur, currency="EUR", price_amount=Decimal(price)
        )
    return option


def _piece(catalog: CatalogBuilder, name: str, *, things: int) -> Product:
    """A piece with ``things`` of everything its page lists, each named in French."""
    product = catalog.product(name, variants=things, media=things)
    ProductTranslation.objects.create(product=product, language_code="fr", name=f"{name} (fr)")
    for variant in product.variants.all():
        ProductVariantTranslation.objects.create(
            product_variant=variant, language_code="fr", name=f"{variant.name} (fr)"
        )
    record = Provenance.objects.create(product=product, town="Constantine", year_made=2025)
    attester = User.objects.create_user(f"attester-{product.pk}@example.com", "pw-123456789")
    today, now = timezone.localdate(), timezone.now()
    for index in range(things):
        key = f"{name.lower()}-{index}"
        record.artisans.add(
            Artisan.objects.create(
                workshop=catalog.workshop, name=f"Maker {key}", consents_to_display=True
            )
        )
        technique = Technique.objects.create(slug=f"t-{key}", name=f"Technique {key}")
        TechniqueTranslation.objects.create(
            technique=technique, language_code="fr", name=f"Technique {key} (fr)"
        )
        record.techniques.add(technique)
        material = Material.objects.create(slug=f"m-{key}", name=f"Material {key}")
        MaterialTranslation.objects.create(
            material=material, language_code="fr", name=f"Material {key} (fr)"
        )
        ProvenanceMaterial.objects.create(provenance=record, material=material, hallmark="925")
        Claim.objects.create(
            product=product,
            kind="craft_label",
            title=f"Label {key}",
            issuing_body="ANART",
            valid_from=today - timedelta(days=1),
            verified_at=now,
        )
        Attestation.objects.create(product=product, cluster=ClusterFactory(), attested_by=attester)
        option = _option(catalog, f"Box {key}")
        option.products.add(product)
        PackagingOptionTranslation.objects.create(
            option=option, language_code="fr", name=f"Box {key} (fr)"
        )
    return product


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_product_page_sql_is_the_same_for_one_or_six_of_everything(client, catalog):
    few = _piece(catalog, "Few", things=1)
    many = _piece(catalog, "Many", things=6)
    client.get(f"/fr/p/{few.slug}/")  # warm per-process caches, as a running worker has them
    assert _queries(client, f"/fr/p/{few.slug}/") == PRODUCT_PAGE_QUERIES
    assert _queries(client, f"/fr/p/{many.slug}/") == PRODUCT_PAGE_QUERIES
    html = client.get(f"/fr/p/{many.slug}/").content.decode()
    for index in range(6):
        key = f"many-{index}"
        for text in (f"Technique {key} (fr)", f"Material {key} (fr)", f"Box {key} (fr)"):
            assert text in html
        assert f"Label {key}" in html and f"Maker {key}" in html
    assert "V5 (fr)" in html and "Many (fr)" in html
    assert html.count('data-testid="attestation"') == 6


def test_product_page_names_fall_back_to_the_objects_own(client, catalog):
    tray = _piece(catalog, "Tray", things=1)
    CategoryTranslation.objects.create(category=catalog.category, language_code="fr", name="")
    ProductTranslation.objects.filter(product=tray).update(name="")
    PackagingOptionTranslation.objects.update(name="")
    html = client.get(f"/fr/p/{tray.slug}/").content.decode()
    assert "<h1>Tray</h1>" in html  # an empty translation: the piece's own name
    assert '<p class="eyebrow">Trays</p>' in html
    assert "Box tray-0<" in html and "Technique tray-0 (fr)" in html
    english = client.get(f"/en/p/{tray.slug}/").content.decode()
    assert "Technique tray-0<" in english and "Material tray-0<" in english  # no English row


def test_product_page_offers_packaging_that_applies_and_is_priced_here(client, catalog):
    tray = catalog.product("Tray")
    _option(catalog, "Any piece")
    _option(catalog, "Unpriced here", price=None)
    _option(catalog, "Other type").product_types.add(
        ProductType.objects.create(name="Lamp", slug="lamp")
    )
    _option(catalog, "This type").product_types.add(tray.product_type)
    _option(catalog, "Other piece").products.add(catalog.product("Ewer"))
    cluster_box = _option(catalog, "Cluster box", price="2.50")
    cluster_box.vendor = catalog.cluster
    cluster_box.save(update_fields=["vendor"])
    other = _option(catalog, "Other workshop")
    other.vendor = ClusterFactory()
    other.save(update_fields=["vendor"])
    PackagingOption.objects.filter(name="Any piece").update(sort_order=2)
    html = client.get(f"/en/p/{tray.slug}/").content.decode()
    for shown in ("This type", "Cluster box", "Any piece"):
        assert shown in html
    assert html.index("This type") < html.index("Cluster box") < html.index("Any piece")
    for absent in ("Unpriced here", "Other type", "Other piece", "Other workshop"):
        assert absent not in html
