"""Product.provenance, Product.claims, Product.packagingOptions, certificate, vocabularies."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import ProductType
from marketplace.packaging.models import (
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
)
from marketplace.provenance.certificates import certificate_issue
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
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

PROVENANCE = """{ products(first: 20) { edges { node { name
  provenance { artisans { name } placeOfMaking { town region country { code } } techniques { slug name translation(languageCode: AR) { name } }
    materials { material { slug } compositionPercent hallmark } yearMade productionKind processingTime { minDays maxDays }
    hsCode originCountry { code } attestations { clusterName } }
  claims { kind title issuingBody }
  packagingOptions { name kind recyclable price { amount currency } addedWeight { value } dimensions { length } offeredBy translation(languageCode: FR) { name } }
  variants { provenance { yearMade } }
} } } }"""


def _option(vendor, name, kind, channels, **extra):
    option = PackagingOption.objects.create(
        vendor=vendor,
        name=name,
        kind=kind,
        length_cm=Decimal("50"),
        width_cm=Decimal("50"),
        height_cm=Decimal("20"),
        added_weight_kg=Decimal("0.800"),
        **extra,
    )
    for channel, price in channels.items():
        PackagingOptionChannelListing.objects.create(
            option=option,
            channel=channel,
            currency=channel.currency_code,
            price_amount=Decimal(price),
        )
    return option


@pytest.fixture
def tray(catalog, staff_gql):
    product = catalog.product("Sniwa tray")
    record = Provenance.objects.create(
        product=product,
        town="Constantine",
        region="Constantine",
        country="DZ",
        year_made=2025,
        production_kind="made_to_order",
        processing_days_min=5,
        processing_days_max=12,
        hs_code="741810",
    )
    chasing = Technique.objects.create(slug="chasing", name="Chasing")
    TechniqueTranslation.objects.create(technique=chasing, language_code="ar", name="نقش")
    record.techniques.add(chasing)
    copper = Material.objects.create(slug="copper", name="Copper")
    MaterialTranslation.objects.create(material=copper, language_code="fr", name="Cuivre")
    ProvenanceMaterial.objects.create(
        provenance=record, material=copper, composition_percent=Decimal("99.9"), hallmark=""
    )
    record.artisans.add(
        Artisan.objects.create(
            workshop=catalog.workshop, name="Salah B.", consents_to_display=True
        ),
        Artisan.objects.create(
            workshop=catalog.workshop, name="Private maker", consents_to_display=False
        ),
    )
    return product


def test_provenance_fields(gql, tray):
    node = gql.data(PROVENANCE)["products"]["edges"][0]["node"]
    p = node["provenance"]
    assert p["artisans"] == [{"name": "Salah B."}]  # no consent, no name
    assert p["placeOfMaking"] == {
        "town": "Constantine",
        "region": "Constantine",
        "country": {"code": "DZ"},
    }
    assert p["techniques"] == [
        {"slug": "chasing", "name": "Chasing", "translation": {"name": "نقش"}}
    ]
    assert p["materials"] == [
        {"material": {"slug": "copper"}, "compositionPercent": "99.90", "hallmark": ""}
    ]
    assert p["productionKind"] == "MADE_TO_ORDER"
    assert p["processingTime"] == {"minDays": 5, "maxDays": 12}
    assert p["hsCode"] == "741810" and p["originCountry"] == {"code": "DZ"}
    assert node["variants"] == [{"provenance": {"yearMade": 2025}}]  # the product's, inherited


def test_customs_default_from_product_type_and_workshop(gql, catalog):
    product = catalog.product("Bowl")
    Provenance.objects.create(product=product)
    ProductType.objects.filter(pk=product.product_type_id).update(hs_code="741819")
    p = gql.data(PROVENANCE)["products"]["edges"][0]["node"]["provenance"]
    assert p["hsCode"] == "741819"
    assert p["originCountry"] == {"code": "DZ"}
    assert p["placeOfMaking"]["town"] == "Constantine"


def test_only_verified_unexpired_claims_show(gql, tray, staff_gql):
    today = timezone.localdate()
    now = timezone.now()
    base = {"product": tray, "issuing_body": "ANART", "valid_from": today - timedelta(days=10)}
    Claim.objects.create(kind="craft_label", title="Verified", verified_at=now, **base)
    Claim.objects.create(kind="craft_label", title="Unverified", **base)
    Claim.objects.create(
        kind="cluster_label",
        title="Expired",
        verified_at=now,
        valid_until=today - timedelta(days=1),
        **base,
    )
    Claim.objects.create(
        kind="fair_trade_audit",
        title="Future",
        verified_at=now,
        product=tray,
        issuing_body="FT",
        valid_from=today + timedelta(days=3),
    )
    claims = gql.data(PROVENANCE)["products"]["edges"][0]["node"]["claims"]
    assert claims == [{"kind": "CRAFT_LABEL", "title": "Verified", "issuingBody": "ANART"}]


def test_packaging_options_from_workshop_and_cluster_priced_in_the_channel(gql, catalog, tray):
    gift = _option(
        catalog.workshop,
        "Gift box",
        "gift",
        {catalog.eur: "12.50", catalog.tnd: "41.963"},
        recyclable=True,
    )
    PackagingOptionTranslation.objects.create(
        option=gift, language_code="fr", name="Coffret cadeau"
    )
    _option(catalog.cluster, "Cluster crate", "cluster_branded", {catalog.eur: "20.00"})
    _option(catalog.workshop, "Off", "eco", {catalog.eur: "1.00"}, is_active=False)
    _option(catalog.workshop, "Unpriced here", "eco", {catalog.tnd: "3.000"})
    restricted = _option(catalog.workshop, "Jewel pouch", "gift", {catalog.eur: "3.00"})
    restricted.product_types.add(ProductType.objects.create(name="Jewellery", slug="jewellery"))
    _option(WorkshopFactory(), "Someone else's", "gift", {catalog.eur: "5.00"})

    options = gql.data(PROVENANCE)["products"]["edges"][0]["node"]["packagingOptions"]
    assert [(o["name"], o["kind"], o["price"]) for o in options] == [
        ("Gift box", "GIFT", {"amount": 12.5, "currency": "EUR"}),
        ("Cluster crate", "CLUSTER_BRANDED", {"amount": 20.0, "currency": "EUR"}),
    ]
    assert options[0]["translation"] == {"name": "Coffret cadeau"}
    assert (
        options[0]["addedWeight"] == {"value": 0.8} and options[0]["offeredBy"] == "Atelier Souika"
    )
    tnd = gql.data(
        PROVENANCE.replace("products(first: 20)", 'products(first: 20, channel: "tunisia")')
    )
    tnd_options = tnd["products"]["edges"][0]["node"]["packagingOptions"]
    assert [(o["name"], o["price"]["amount"]) for o in tnd_options] == [
        ("Gift box", 41.963),
        ("Unpriced here", 3.0),
    ]


def test_option_restricted_to_a_product(gql, catalog, tray):
    other = catalog.product("Lantern")
    only_tray = _option(catalog.workshop, "Tray crate", "export_protective", {catalog.eur: "30.00"})
    only_tray.products.add(tray)
    data = gql.data("{ products(first: 10) { edges { node { name packagingOptions { name } } } } }")
    by_name = {e["node"]["name"]: e["node"]["packagingOptions"] for e in data["products"]["edges"]}
    assert by_name == {"Lantern": [], "Sniwa tray": [{"name": "Tray crate"}]}
    assert other.pk


def test_provenance_list_query_count_is_flat(gql, catalog, tray):
    def count(n):
        with CaptureQueriesContext(connection) as queries:
            gql.data(PROVENANCE.replace("first: 20", f"first: {n}"))
        return len(queries)

    for index in range(3):
        p = catalog.product(f"Piece {index}")
        Provenance.objects.create(product=p, year_made=2020 + index).techniques.add(
            Technique.objects.get(slug="chasing")
        )
        _option(catalog.workshop, f"Box {index}", "gift", {catalog.eur: "2.00"})
    small = count(2)
    for index in range(3, 15):
        Provenance.objects.create(product=catalog.product(f"Piece {index}"), year_made=2000 + index)
    assert count(15) == small


def test_certificate_query(gql, staff_gql, tray, settings, tmp_path, catalog):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    Attestation.objects.create(product=tray, cluster=catalog.cluster, attested_by=_staff())
    certificate = certificate_issue(product=tray)
    query = "query($s: String!) { certificate(serial: $s) { serial status issuedAt revokedAt facts token verifyUrl keyId } }"

    valid = gql.data(query, {"s": certificate.serial.lower()})["certificate"]
    unknown = gql.data(query, {"s": "ZZZZZ-ZZZZZ"})["certificate"]

    assert valid["status"] == "VALID" and valid["serial"] == certificate.serial
    assert '"Atelier Souika"' in valid["facts"] and '"Constantine Cluster"' in valid["facts"]
    assert valid["token"] == certificate.token
    assert valid["verifyUrl"].endswith(f"/verify/{certificate.serial}/")
    assert unknown == {
        "serial": "ZZZZZ-ZZZZZ",
        "status": "UNKNOWN",
        "issuedAt": None,
        "revokedAt": None,
        "facts": None,
        "token": None,
        "verifyUrl": unknown["verifyUrl"],
        "keyId": None,
    }


def _staff():
    from marketplace.accounts.models import User

    return User.objects.create_user(
        "attester@example.com", "pw-123456789", first_name="Nadia", last_name="K."
    )


def test_vocabularies(gql, tray):
    data = gql.data(
        "{ techniques { slug name } materials { slug translation(languageCode: FR) { name } } }"
    )
    assert data == {
        "techniques": [{"slug": "chasing", "name": "Chasing"}],
        "materials": [{"slug": "copper", "translation": {"name": "Cuivre"}}],
    }


def test_vocabulary_translations_load_once_for_the_list(gql, tray):
    query = "{ techniques { slug translation(languageCode: AR) { name } } }"

    def count():
        with CaptureQueriesContext(connection) as queries:
            gql.data(query)
        return len(queries)

    one = count()
    for index in range(6):
        made = Technique.objects.create(slug=f"t{index}", name=f"T{index}")
        TechniqueTranslation.objects.create(technique=made, language_code="ar", name=f"ت{index}")
    assert count() == one
