"""Provenance, claims, attestation, certificates and packaging mutations, role by role.

The wrong vendor gets the same answer as for a missing object, and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.accounts.models import User
from marketplace.packaging.models import PackagingOption
from marketplace.provenance.models import Attestation, Certificate, Claim, Provenance, Technique
from marketplace.vendors.models import VendorMembership
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

PROVENANCE = """mutation($p: ID!, $v: ID, $input: ProvenanceInput!) {
  productProvenanceUpdate(product: $p, variant: $v, input: $input) {
    provenance { yearMade techniques { slug } materials { material { slug } compositionPercent } hsCode }
    errors { field code message } } }"""
ATTEST = 'mutation($p: ID!) { productAttest(product: $p, note: "seen at the souk") { attestation { clusterName } errors { field code message } } }'
CLAIM = """mutation($p: ID!) { productClaimCreate(product: $p, input: {kind: GEOGRAPHICAL_INDICATION,
  title: "Dinanderie de Constantine", issuingBody: "INAPI", validFrom: "2026-01-01"}) { claim { id title } errors { field code message } } }"""
VERIFY = "mutation($id: ID!) { productClaimVerify(id: $id) { claim { verifiedAt } errors { field code message } } }"
ISSUE = "mutation($p: ID!) { certificateIssue(product: $p) { certificate { serial status } errors { field code message } } }"
REVOKE = 'mutation($s: String!) { certificateRevoke(serial: $s, reason: "copy") { certificate { status } errors { field code message } } }'
PACKAGING = """mutation($vendor: ID!) { packagingOptionCreate(vendor: $vendor, input: {name: "Box", kind: GIFT,
  lengthCm: "30", widthCm: "30", heightCm: "10", addedWeightKg: "0.4", prices: [{channel: "international", amount: "6.5"}]})
  { packagingOption { id name } errors { field code message } } }"""


@pytest.fixture
def world(catalog, settings, tmp_path):
    settings.CERTIFICATE_KEY_DIR = tmp_path / "keys"
    Technique.objects.create(slug="chasing", name="Chasing")
    from marketplace.provenance.models import Material

    Material.objects.create(slug="copper", name="Copper")
    other_cluster = ClusterFactory(slug="batna")
    other_workshop = WorkshopFactory(slug="fidda", cluster=other_cluster)

    def login(email, vendor=None, role=None, staff=False):
        user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
        if vendor is not None:
            VendorMembership.objects.create(user=user, vendor=vendor, role=role)
        client = Client()
        client.force_login(user)
        return GraphQLClient(client)

    return {
        "product": catalog.product("Tray"),
        "owner": login("owner@example.com", catalog.workshop, "owner"),
        "workshop_staff": login("hand@example.com", catalog.workshop, "staff"),
        "manager": login("manager@example.com", catalog.cluster, "manager"),
        "other_owner": login("rival@example.com", other_workshop, "owner"),
        "other_manager": login("batna@example.com", other_cluster, "manager"),
        "staff": login("staff@example.com", staff=True),
        "buyer": login("buyer@example.com"),
        "anonymous": GraphQLClient(Client()),
        "other_workshop": other_workshop,
    }


def _errors(result, name):
    return result["data"][name]["errors"]


GOOD_INPUT = {
    "yearMade": 2025,
    "techniques": ["chasing"],
    "country": "dz",
    "materials": [{"material": "copper", "compositionPercent": "99.9"}],
    "hsCode": "741810",
}


@pytest.mark.parametrize("who", ["owner", "workshop_staff", "staff"])
def test_the_workshop_sets_provenance(world, who):
    pid = to_global_id("Product", world["product"].pk)
    result = world[who].execute(PROVENANCE, {"p": pid, "input": GOOD_INPUT})["data"][
        "productProvenanceUpdate"
    ]
    assert result["errors"] == []
    assert result["provenance"] == {
        "yearMade": 2025,
        "techniques": [{"slug": "chasing"}],
        "materials": [{"material": {"slug": "copper"}, "compositionPercent": "99.90"}],
        "hsCode": "741810",
    }


@pytest.mark.parametrize("who", ["manager", "other_owner", "other_manager", "buyer"])
def test_others_cannot_set_provenance_and_see_not_found(world, who):
    pid = to_global_id("Product", world["product"].pk)
    missing = to_global_id("Product", 999999)
    denied = world[who].execute(PROVENANCE, {"p": pid, "input": GOOD_INPUT})
    absent = world[who].execute(PROVENANCE, {"p": missing, "input": GOOD_INPUT})
    assert (
        _errors(denied, "productProvenanceUpdate")
        == _errors(absent, "productProvenanceUpdate")
        == [{"field": "product", "code": "NOT_FOUND", "message": "No product with this id."}]
    )
    assert Provenance.objects.count() == 0


def test_anonymous_is_asked_to_log_in(world):
    pid = to_global_id("Product", world["product"].pk)
    result = world["anonymous"].execute(PROVENANCE, {"p": pid, "input": GOOD_INPUT})
    assert _errors(result, "productProvenanceUpdate")[0]["code"] == "PERMISSION_DENIED"
    assert Provenance.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"techniques": ["levitation"]}, "techniques"),
        ({"materials": [{"material": "unobtanium"}]}, "materials"),
        ({"materials": [{"material": "copper", "compositionPercent": "120"}]}, "materials"),
        ({"hsCode": "12"}, "hsCode"),
        ({"country": "XX"}, "country"),
        ({"yearMade": 3000}, "yearMade"),
        ({"processingDaysMin": 9, "processingDaysMax": 3}, "processingDaysMin"),
        ({"artisans": [to_global_id("Artisan", 1)]}, "artisans"),
    ],
)
def test_bad_provenance_is_refused_with_the_field_named(world, change, field):
    pid = to_global_id("Product", world["product"].pk)
    result = world["owner"].execute(PROVENANCE, {"p": pid, "input": {**GOOD_INPUT, **change}})
    errors = _errors(result, "productProvenanceUpdate")
    assert [e["field"] for e in errors] == [field] and errors[0]["code"] in (
        "INVALID",
        "GRAPHQL_ERROR",
    )
    assert Provenance.objects.count() == 0


def test_a_variant_overrides_the_product(world):
    product = world["product"]
    variant = product.variants.get()
    args = {
        "p": to_global_id("Product", product.pk),
        "v": to_global_id("ProductVariant", variant.pk),
    }
    world["owner"].data(PROVENANCE, {**args, "input": {**GOOD_INPUT, "yearMade": 2019}})
    world["owner"].data(PROVENANCE, {"p": args["p"], "input": GOOD_INPUT})
    data = world["anonymous"].data(
        "{ products(first: 1) { edges { node { provenance { yearMade } variants { provenance { yearMade } } } } } }"
    )
    node = data["products"]["edges"][0]["node"]
    assert node["provenance"] == {"yearMade": 2025}
    assert node["variants"] == [{"provenance": {"yearMade": 2019}}]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("manager", True),
        ("staff", True),
        ("owner", False),
        ("other_manager", False),
        ("buyer", False),
    ],
)
def test_only_the_cluster_attests(world, who, allowed):
    result = world[who].execute(ATTEST, {"p": to_global_id("Product", world["product"].pk)})[
        "data"
    ]["productAttest"]
    if allowed:
        assert result == {"attestation": {"clusterName": "Constantine Cluster"}, "errors": []}
        assert Attestation.objects.get().attested_by.email == f"{who}@example.com"
    else:
        assert result["errors"] == [
            {"field": "product", "code": "NOT_FOUND", "message": "No product with this id."}
        ]
        assert Attestation.objects.count() == 0


def test_claims_are_stated_by_the_workshop_and_verified_by_the_cluster(world):
    pid = to_global_id("Product", world["product"].pk)
    assert (
        _errors(world["other_owner"].execute(CLAIM, {"p": pid}), "productClaimCreate")[0]["code"]
        == "NOT_FOUND"
    )
    created = world["owner"].data(CLAIM, {"p": pid})["productClaimCreate"]["claim"]
    badges = "{ products(first: 1) { edges { node { claims { title } } } } }"
    assert world["anonymous"].data(badges)["products"]["edges"][0]["node"]["claims"] == []

    for outsider in ("owner", "other_manager", "buyer"):
        denied = world[outsider].execute(VERIFY, {"id": created["id"]})
        assert _errors(denied, "productClaimVerify") == [
            {"field": "id", "code": "NOT_FOUND", "message": "No claim with this id."}
        ]
    assert Claim.objects.get().verified_at is None

    assert (
        world["manager"].data(VERIFY, {"id": created["id"]})["productClaimVerify"]["errors"] == []
    )
    assert world["anonymous"].data(badges)["products"]["edges"][0]["node"]["claims"] == [
        {"title": "Dinanderie de Constantine"}
    ]


def test_claim_that_expires_before_it_starts_is_refused(world):
    query = CLAIM.replace(
        'validFrom: "2026-01-01"', 'validFrom: "2026-01-01", validUntil: "2025-01-01"'
    )
    result = world["owner"].execute(query, {"p": to_global_id("Product", world["product"].pk)})
    assert _errors(result, "productClaimCreate")[0]["field"] == "validUntil"
    assert Claim.objects.count() == 0
    assert date(2026, 1, 1)


def test_certificates_are_issued_by_staff_and_revoked_by_staff_or_cluster(world):
    pid = to_global_id("Product", world["product"].pk)
    for outsider in ("owner", "manager", "buyer"):
        assert (
            _errors(world[outsider].execute(ISSUE, {"p": pid}), "certificateIssue")[0]["code"]
            == "NOT_FOUND"
        )
    assert Certificate.objects.count() == 0
    issued = world["staff"].data(ISSUE, {"p": pid})["certificateIssue"]["certificate"]
    assert issued["status"] == "VALID"

    for outsider in ("owner", "other_manager", "buyer"):
        denied = world[outsider].execute(REVOKE, {"s": issued["serial"]})
        assert _errors(denied, "certificateRevoke") == [
            {"field": "serial", "code": "NOT_FOUND", "message": "No certificate has this serial."}
        ]
    assert Certificate.objects.get().status == "valid"
    revoked = world["manager"].data(REVOKE, {"s": issued["serial"]})["certificateRevoke"]
    assert revoked == {"certificate": {"status": "REVOKED"}, "errors": []}


def test_packaging_by_workshop_and_cluster_not_by_others(world, catalog):
    workshop = to_global_id("Vendor", catalog.workshop.pk)
    cluster = to_global_id("Cluster", catalog.cluster.pk)
    made = world["owner"].data(PACKAGING, {"vendor": workshop})["packagingOptionCreate"][
        "packagingOption"
    ]
    assert made["name"] == "Box"
    assert (
        world["manager"].data(PACKAGING, {"vendor": cluster})["packagingOptionCreate"]["errors"]
        == []
    )
    for who, vendor in (
        ("other_owner", workshop),
        ("owner", cluster),
        ("other_manager", cluster),
        ("buyer", workshop),
    ):
        errors = _errors(world[who].execute(PACKAGING, {"vendor": vendor}), "packagingOptionCreate")
        assert errors == [
            {"field": "vendor", "code": "NOT_FOUND", "message": "No vendor with this id."}
        ]
    assert PackagingOption.objects.count() == 2

    delete = (
        "mutation($id: ID!) { packagingOptionDelete(id: $id) { deletedId errors { field code } } }"
    )
    assert _errors(
        world["other_owner"].execute(delete, {"id": made["id"]}), "packagingOptionDelete"
    ) == [{"field": "id", "code": "NOT_FOUND"}]
    assert PackagingOption.objects.count() == 2
    assert world["owner"].data(delete, {"id": made["id"]})["packagingOptionDelete"] == {
        "deletedId": made["id"],
        "errors": [],
    }


def test_packaging_input_errors(world, catalog):
    workshop = to_global_id("Vendor", catalog.workshop.pk)
    bad = PACKAGING.replace('lengthCm: "30"', 'lengthCm: "0"')
    assert (
        _errors(world["owner"].execute(bad, {"vendor": workshop}), "packagingOptionCreate")[0][
            "field"
        ]
        == "dimensions"
    )
    unknown = PACKAGING.replace('channel: "international"', 'channel: "mars"')
    assert (
        _errors(world["owner"].execute(unknown, {"vendor": workshop}), "packagingOptionCreate")[0][
            "field"
        ]
        == "prices"
    )
    assert PackagingOption.objects.count() == 0


def test_staff_extend_the_technique_vocabulary(world):
    query = 'mutation { techniqueCreate(slug: "damascening", name: "Damascening", translations: [{languageCode: "fr", name: "Damasquinage"}]) { technique { slug } errors { field code } } }'
    assert world["owner"].data(query)["techniqueCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    assert world["staff"].data(query)["techniqueCreate"] == {
        "technique": {"slug": "damascening"},
        "errors": [],
    }
    assert world["staff"].data(query)["techniqueCreate"]["errors"] == [
        {"field": "slug", "code": "UNIQUE"}
    ]


def test_a_listed_one_of_a_kind_piece_gets_its_certificate_once(world, catalog):
    pid = to_global_id("Product", world["product"].pk)
    unique = {
        **GOOD_INPUT,
        "productionKind": "ONE_OF_A_KIND",
        "makerStoryTranslations": [{"languageCode": "ar", "makerStory": '{"blocks": []}'}],
    }
    for _ in range(2):
        result = world["owner"].data(PROVENANCE, {"p": pid, "input": unique})
        assert result["productProvenanceUpdate"]["errors"] == []
    assert Certificate.objects.filter(product=world["product"]).count() == 1

    unlisted = catalog.product("Not listed", published=False)
    world["owner"].data(PROVENANCE, {"p": to_global_id("Product", unlisted.pk), "input": unique})
    assert not Certificate.objects.filter(product=unlisted).exists()
    story = world["staff"].data(
        '{ products(first: 5, channel: "international") { edges { node { provenance { translation(languageCode: AR) { makerStory } } } } } }'
    )
    assert {"provenance": {"translation": {"makerStory": '{"blocks": []}'}}} in [
        e["node"] for e in story["products"]["edges"]
    ]
