"""Claim evidence lives on the private storage and is read only through a signed, expiring link
made for one actor (issue 13): the workshop, its cluster's managers, staff. Never public media;
an expired, forged or borrowed link answers 404 like a missing document."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marketplace.accounts.models import User
from marketplace.provenance.models import Claim
from marketplace.vendors.models import VendorMembership
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

from .upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

CLAIM = (
    "mutation($p: ID!, $f: Upload) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, "
    'title: "Label", issuingBody: "ANART", validFrom: "2026-01-01", evidence: $f}) '
    "{ claim { evidenceUrl } errors { field code message } } }"
)
VERIFY = (
    "mutation($id: ID!) { productClaimVerify(id: $id) { claim { evidenceUrl } "
    "errors { field code } } }"
)
DOCUMENT_POLICY = "default-src 'none'; sandbox"


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def _client(email: str, vendor: Any = None, role: str = "", staff: bool = False) -> Client:
    user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
    if vendor is not None:
        VendorMembership.objects.create(user=user, vendor=vendor, role=role)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(catalog: Any) -> dict[str, Any]:
    other_cluster = ClusterFactory(slug="batna")
    return {
        "owner": _client("owner@example.com", catalog.workshop, "owner"),
        "manager": _client("manager@example.com", catalog.cluster, "manager"),
        "staff": _client("staff@example.com", staff=True),
        "rival": _client("rival@example.com", WorkshopFactory(slug="fidda"), "owner"),
        "other_manager": _client("batna@example.com", other_cluster, "manager"),
        "buyer": _client("buyer@example.com"),
        "anonymous": Client(),
    }


@pytest.fixture
def evidence(world: dict[str, Any], catalog: Any) -> dict[str, Any]:
    """The owner states a claim with a PDF; returns the link it was given and the file."""
    tray = catalog.product("Tray")
    operations = {"query": CLAIM, "variables": {"p": to_global_id("Product", tray.pk), "f": None}}
    upload = SimpleUploadedFile("label.pdf", pdf_bytes(), content_type="application/pdf")
    response = world["owner"].post(
        "/graphql/",
        {"operations": json.dumps(operations), "map": '{"0": ["variables.f"]}', "0": upload},
    )
    result = response.json()["data"]["productClaimCreate"]
    assert result["errors"] == []
    claim = Claim.objects.get()
    return {"link": urlsplit(result["claim"]["evidenceUrl"]).path, "claim": claim}


def _open(client: Client, path: str) -> tuple[int, bytes, Any]:
    response = client.get(path)
    if not response.streaming:
        return response.status_code, response.content, response
    # Not response.close(): it sends request_finished, which closes the test's database
    # connection in the middle of its transaction.
    body = b"".join(response.streaming_content)
    return response.status_code, body, response


def test_the_evidence_is_stored_privately_and_never_served_as_public_media(
    evidence, settings, private_root
):
    name = evidence["claim"].evidence.name
    assert (private_root / name).is_file()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert Client().get(f"/media/{name}").status_code == 404


def test_the_workshop_opens_its_link_as_a_sandboxed_uncached_attachment(world, evidence):
    status, body, response = _open(world["owner"], evidence["link"])
    assert status == 200 and body.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == DOCUMENT_POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("verifier", ["manager", "staff"])
def test_a_verifier_gets_a_link_of_its_own(world, evidence, verifier):
    claim_id = to_global_id("Claim", evidence["claim"].pk)
    verified = world[verifier].post(
        "/graphql/", {"query": VERIFY, "variables": {"id": claim_id}}, "application/json"
    )
    link = verified.json()["data"]["productClaimVerify"]["claim"]["evidenceUrl"]
    assert link and urlsplit(link).path != evidence["link"]
    assert _open(world[verifier], urlsplit(link).path)[0] == 200


@pytest.mark.parametrize(
    "actor", ["manager", "staff", "rival", "other_manager", "buyer", "anonymous"]
)
def test_a_link_made_for_the_workshop_is_nobody_elses(world, evidence, actor):
    assert _open(world[actor], evidence["link"])[0] == 404


def test_an_outsider_verifying_gets_no_claim_and_no_link(world, evidence):
    claim_id = to_global_id("Claim", evidence["claim"].pk)
    for actor in ("rival", "other_manager", "buyer"):
        answer = world[actor].post(
            "/graphql/", {"query": VERIFY, "variables": {"id": claim_id}}, "application/json"
        )
        assert answer.json()["data"]["productClaimVerify"] == {
            "claim": None,
            "errors": [{"field": "id", "code": "NOT_FOUND"}],
        }
    assert Claim.objects.get().verified_at is None


def test_an_expired_link_is_refused(world, evidence, settings, monkeypatch):
    later = time.time() + settings.PRIVATE_URL_SECONDS + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert _open(world["owner"], evidence["link"])[0] == 404


def test_a_link_just_inside_its_lifetime_still_opens(world, evidence, settings, monkeypatch):
    later = time.time() + settings.PRIVATE_URL_SECONDS - 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert _open(world["owner"], evidence["link"])[0] == 200


def test_forged_links_are_refused(world, evidence):
    link = evidence["link"]
    signed = link.removeprefix("/private/").removesuffix("/")
    owner_pk = User.objects.get(email="owner@example.com").pk
    rival_pk = User.objects.get(email="rival@example.com").pk
    claim_pk = evidence["claim"].pk
    tampered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    payload = {"k": "claim-evidence", "o": claim_pk, "u": rival_pk}
    forged = [
        tampered,  # signature altered
        signing.dumps(payload, salt="another-salt"),  # signed for something else
        signing.dumps(payload, key="not-the-secret-key", salt="marketplace.private-document"),
        # the owner's signature on another payload
        signing.dumps(payload, salt="marketplace.private-document").split(":")[0]
        + ":"
        + ":".join(signed.split(":")[1:]),
        signing.dumps(
            {"k": "payout-file", "o": claim_pk, "u": owner_pk}, salt="marketplace.private-document"
        ),  # a kind nobody resolves
        "garbage",
    ]
    for index, value in enumerate(forged):
        assert _open(world["owner"], f"/private/{value}/")[0] == 404, index
    rival = world["rival"]
    assert _open(rival, f"/private/{signing.dumps(payload, key='x', salt='y')}/")[0] == 404


def test_a_link_stops_working_when_its_holder_loses_access(world, evidence):
    VendorMembership.objects.filter(user__email="owner@example.com").delete()
    assert _open(world["owner"], evidence["link"])[0] == 404


def test_a_claim_without_evidence_has_no_link(world, catalog):
    tray = catalog.product("Tray")
    result = world["owner"].post(
        "/graphql/",
        {"query": CLAIM, "variables": {"p": to_global_id("Product", tray.pk), "f": None}},
        "application/json",
    )
    assert result.json()["data"]["productClaimCreate"] == {
        "claim": {"evidenceUrl": None},
        "errors": [],
    }
