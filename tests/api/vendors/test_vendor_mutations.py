"""Issue 11's vendor mutations from outside: applying (multipart documents), the storefront
profile, cluster members and listing review. Foreign objects answer as missing ones and
nothing changes; bad input names its field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from conftest import GraphQLClient
from marketplace.vendors.models import (
    ListingReview,
    Vendor,
    VendorDocument,
    VendorMembership,
)
from tests.helpers import to_global_id
from tests.workspace.vendor_world import VendorWorld, png_upload, rows, svg_upload

pytestmark = pytest.mark.django_db

ERRORS = "errors { field code message }"
APPLY = f"""mutation($input: VendorApplyInput!) {{ vendorApply(input: $input) {{
  vendor {{ slug status cluster {{ slug }} }} {ERRORS} }} }}"""
UPDATE = f"""mutation($id: ID!, $input: VendorUpdateInput!) {{ vendorUpdate(id: $id, input: $input) {{
  vendor {{ tagline brandColors {{ primary secondary }} }} cluster {{ tagline }} {ERRORS} }} }}"""
APPROVE = (
    f"mutation($id: ID!) {{ clusterMemberApprove(id: $id) {{ vendor {{ status }} {ERRORS} }} }}"
)
SUSPEND = f"""mutation($id: ID!, $reason: String!) {{ clusterMemberSuspend(id: $id, reason: $reason)
  {{ vendor {{ status }} {ERRORS} }} }}"""
SUBMIT = (
    f"mutation($id: ID!) {{ productSubmitForReview(id: $id) {{ review {{ status }} {ERRORS} }} }}"
)
DECIDE = f"mutation($id: ID!) {{ productApprove(id: $id) {{ review {{ status }} {ERRORS} }} }}"
REJECT = f"""mutation($id: ID!, $reason: String!) {{ productReject(id: $id, reason: $reason)
  {{ review {{ status reason }} {ERRORS} }} }}"""
PRODUCT = 'query($slug: String) { product(slug: $slug, channel: "international") { name } }'


def _gql(vw: VendorWorld, actor: str) -> GraphQLClient:
    return GraphQLClient(vw.client(actor))


def _apply_input(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Atelier Kamel",
        "town": "Constantine",
        "region": "Constantine",
        "country": "DZ",
        "artisanCardNumber": "25-0099",
        "documents": [None],
        **changes,
    }


def _apply(vw: VendorWorld, actor: str, files: list[Any], **changes: Any) -> dict[str, Any]:
    variables = {"input": _apply_input(documents=[None] * len(files), **changes)}
    operations = json.dumps({"query": APPLY, "variables": variables})
    mapping = {str(i): [f"variables.input.documents.{i}"] for i in range(len(files))}
    response = vw.client(actor).post(
        "/graphql/",
        {
            "operations": operations,
            "map": json.dumps(mapping),
            **{str(i): f for i, f in enumerate(files)},
        },
    )
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return dict(body["data"]["vendorApply"])


def _watched() -> list[Any]:
    return rows(Vendor, VendorMembership, VendorDocument, ListingReview)


def test_a_buyer_applies_into_a_cluster_and_waits(vw: VendorWorld, private_media: Any) -> None:
    answer = _apply(vw, "buyer", [png_upload()], cluster=to_global_id("Cluster", vw.cluster_a.pk))
    assert answer["errors"] == []
    assert answer["vendor"]["status"] == "PENDING"
    vendor = Vendor.objects.get(slug=answer["vendor"]["slug"])
    assert vendor.cluster == vw.cluster_a
    assert VendorMembership.objects.get(vendor=vendor).user == vw.users["buyer"]
    document = VendorDocument.objects.get(vendor=vendor)
    assert document.file.name.startswith(f"vendors/{vendor.pk}/documents/")
    assert document.file.name.endswith(".png") and "card" not in document.file.name
    assert (private_media / document.file.name).exists()
    # a second application while the first waits is refused
    again = _apply(vw, "buyer", [png_upload()])
    assert again["errors"] == [
        {
            "field": None,
            "code": "ALREADY_APPLIED",
            "message": "Your application is already waiting for review.",
        }
    ]


@pytest.mark.parametrize(
    ("changes", "files", "field", "code"),
    [
        ({"country": "XX"}, 1, "country", "INVALID"),
        ({"name": "  "}, 1, "name", "REQUIRED"),
        ({"artisanCardNumber": "<script>"}, 1, "artisanCardNumber", "INVALID"),
        ({"contactPhone": "call me"}, 1, "contactPhone", "INVALID"),
        ({"foundedYear": 3000}, 1, "foundedYear", "INVALID"),
        ({"name": "x" * 121}, 1, "name", "INVALID"),
        ({}, 0, "documents", "REQUIRED"),
        ({}, 6, "documents", "INVALID"),
        ({"cluster": "Q2x1c3RlcjoyMDAwMDAwMDAw"}, 1, "cluster", "NOT_FOUND"),
    ],
)
def test_bad_applications_name_the_field_and_write_nothing(
    vw: VendorWorld, private_media: Any, changes: dict[str, Any], files: int, field: str, code: str
) -> None:
    before = _watched()
    answer = _apply(vw, "buyer", [png_upload() for _ in range(files)], **changes)
    assert answer["vendor"] is None
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [(field, code)]
    assert _watched() == before
    assert not private_media.exists() or not any(private_media.rglob("*.png"))


def test_a_script_file_is_refused_as_a_document(vw: VendorWorld, private_media: Any) -> None:
    before = _watched()
    answer = _apply(vw, "buyer", [svg_upload()])
    assert answer["errors"][0]["field"] == "documents"
    assert "SVG" in answer["errors"][0]["message"]
    assert _watched() == before


def test_a_pending_cluster_cannot_be_joined(vw: VendorWorld) -> None:
    Vendor.objects.filter(pk=vw.cluster_b.pk).update(status="pending")
    answer = _apply(vw, "buyer", [png_upload()], cluster=to_global_id("Cluster", vw.cluster_b.pk))
    assert answer["errors"][0]["code"] == "NOT_FOUND"


def test_anonymous_cannot_apply(vw: VendorWorld) -> None:
    response = Client().post(
        "/graphql/",
        {
            "operations": json.dumps({"query": APPLY, "variables": {"input": _apply_input()}}),
            "map": json.dumps({"0": ["variables.input.documents.0"]}),
            "0": png_upload(),
        },
    )
    if response.status_code != 403:  # a small body reaches the API: refused there
        errors = response.json()["data"]["vendorApply"]["errors"]
        assert [e["code"] for e in errors] == ["PERMISSION_DENIED"]
    assert not Vendor.objects.filter(name="Atelier Kamel").exists()


def test_the_owner_updates_the_storefront(vw: VendorWorld) -> None:
    gid = to_global_id("Vendor", vw.workshop_a.pk)
    answer = _gql(vw, "owner_a").data(
        UPDATE,
        {
            "id": gid,
            "input": {
                "tagline": "Hammered by hand",
                "customDomain": "Souika.DZ",
                "brandColors": {"primary": "#5D2A10", "secondary": "#F4E9DC"},
            },
        },
    )["vendorUpdate"]
    assert answer["errors"] == []
    assert answer["vendor"]["brandColors"] == {"primary": "#5d2a10", "secondary": "#f4e9dc"}
    vw.workshop_a.refresh_from_db()
    assert (vw.workshop_a.custom_domain, vw.workshop_a.custom_domain_status) == (
        "souika.dz",
        "requested",
    )


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"brandColors": {"primary": "#f5f5f5"}}, "primaryColor", "INVALID"),
        ({"brandColors": {"secondary": "red"}}, "secondaryColor", "INVALID"),
        ({"customDomain": "https://x.com/path"}, "customDomain", "INVALID"),
        ({"website": "not a site"}, "website", "INVALID"),
        ({"tagline": "x" * 256}, "tagline", "INVALID"),
    ],
)
def test_bad_profile_input_names_the_field(
    vw: VendorWorld, change: dict[str, Any], field: str, code: str
) -> None:
    before = _watched()
    answer = _gql(vw, "owner_a").data(
        UPDATE, {"id": to_global_id("Vendor", vw.workshop_a.pk), "input": change}
    )["vendorUpdate"]
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [(field, code)]
    assert _watched() == before


def test_a_domain_is_held_by_one_storefront(vw: VendorWorld) -> None:
    Vendor.objects.filter(pk=vw.workshop_b.pk).update(custom_domain="fidda.dz")
    answer = _gql(vw, "owner_a").data(
        UPDATE,
        {"id": to_global_id("Vendor", vw.workshop_a.pk), "input": {"customDomain": "fidda.dz"}},
    )["vendorUpdate"]
    assert answer["errors"][0]["code"] == "UNIQUE"


def _same_as_missing(
    vw: VendorWorld, actor: str, document: str, target: dict[str, Any], missing: dict[str, Any]
) -> None:
    before = _watched()
    foreign = _gql(vw, actor).data(document, target)
    absent = _gql(vw, actor).data(document, missing)
    assert foreign == absent, actor
    assert next(iter(foreign.values()))["errors"][0]["code"] == "NOT_FOUND"
    assert _watched() == before


def test_the_wrong_actors_get_what_a_missing_member_gets(vw: VendorWorld) -> None:
    target = {"id": to_global_id("Vendor", vw.applicant.pk)}
    missing = {"id": to_global_id("Vendor", 2_000_000_000)}
    for actor in ("buyer", "owner_a", "owner_b", "manager_other", "applicant"):
        _same_as_missing(vw, actor, APPROVE, target, missing)
        _same_as_missing(vw, actor, SUSPEND, {**target, "reason": "x"}, {**missing, "reason": "x"})
        if actor != "applicant":  # the applicant edits its own storefront while it waits
            _same_as_missing(
                vw,
                actor,
                UPDATE,
                {**target, "input": {"tagline": "x"}},
                {**missing, "input": {"tagline": "x"}},
            )
    approved = _gql(vw, "manager_a").data(APPROVE, target)["clusterMemberApprove"]
    assert approved == {"vendor": {"status": "APPROVED"}, "errors": []}


def test_suspension_needs_a_reason(vw: VendorWorld) -> None:
    answer = _gql(vw, "manager_a").data(
        SUSPEND, {"id": to_global_id("Vendor", vw.workshop_a.pk), "reason": " "}
    )["clusterMemberSuspend"]
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("reason", "REQUIRED")]
    answer = _gql(vw, "staff").data(
        SUSPEND, {"id": to_global_id("Vendor", vw.workshop_a.pk), "reason": "Fake hallmarks"}
    )["clusterMemberSuspend"]
    assert answer == {"vendor": {"status": "SUSPENDED"}, "errors": []}


def test_a_moderated_members_listing_waits_for_approval(vw: VendorWorld) -> None:
    from marketplace.vendors.members import cluster_moderation_set

    slug = vw.product_a.slug
    buyer = _gql(vw, "buyer")
    cluster_moderation_set(actor=vw.users["manager_a"], cluster_id=vw.cluster_a.pk, enabled=True)
    # what was on sale stays on sale; a new listing waits
    assert buyer.data(PRODUCT, {"slug": slug})["product"] == {"name": "Chased tray"}
    fresh = vw.catalog.product("Hammered ewer")
    gid = to_global_id("Product", fresh.pk)
    assert buyer.data(PRODUCT, {"slug": fresh.slug})["product"] is None
    owner = _gql(vw, "owner_a")
    assert owner.data(SUBMIT, {"id": gid})["productSubmitForReview"]["review"] == {
        "status": "PENDING"
    }
    for actor in ("buyer", "owner_a", "owner_b", "manager_other"):
        _same_as_missing(
            vw, actor, DECIDE, {"id": gid}, {"id": to_global_id("Product", 2_000_000_000)}
        )
    rejected = _gql(vw, "manager_a").data(REJECT, {"id": gid, "reason": "Blurred photos"})
    assert rejected["productReject"]["review"] == {"status": "REJECTED", "reason": "Blurred photos"}
    assert buyer.data(PRODUCT, {"slug": fresh.slug})["product"] is None
    again = owner.data(SUBMIT, {"id": gid})["productSubmitForReview"]
    assert again["review"] == {"status": "PENDING"}
    assert _gql(vw, "manager_a").data(DECIDE, {"id": gid})["productApprove"]["review"] == {
        "status": "APPROVED"
    }
    assert buyer.data(PRODUCT, {"slug": fresh.slug})["product"] == {"name": "Hammered ewer"}
    twice = _gql(vw, "manager_a").data(DECIDE, {"id": gid})["productApprove"]
    assert twice["errors"][0]["code"] == "INVALID_STATUS"


def test_outside_a_moderating_cluster_there_is_nothing_to_submit(vw: VendorWorld) -> None:
    answer = _gql(vw, "owner_a").data(SUBMIT, {"id": to_global_id("Product", vw.product_a.pk)})
    assert answer["productSubmitForReview"]["errors"][0]["code"] == "NOT_MODERATED"
    foreign = _gql(vw, "owner_b").data(SUBMIT, {"id": to_global_id("Product", vw.product_a.pk)})
    assert foreign["productSubmitForReview"]["errors"][0]["code"] == "NOT_FOUND"
