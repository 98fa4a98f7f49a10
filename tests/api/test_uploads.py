"""Evidence documents and making-of photos over GraphQL multipart requests."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marketplace.accounts.models import User
from marketplace.provenance.models import Claim, Provenance, ProvenancePhoto
from marketplace.vendors.models import VendorMembership
from tests.factories import WorkshopFactory, png_bytes
from tests.helpers import to_global_id
from tests.security.upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

PHOTO = 'mutation($p: ID!, $f: Upload!) { provenancePhotoAdd(product: $p, image: $f, alt: "At the anvil") { photo { url alt } errors { field code message } } }'
CLAIM = """mutation($p: ID!, $f: Upload) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, title: "Label",
  issuingBody: "ANART", validFrom: "2026-01-01", evidence: $f}) { claim { title } errors { field code message } } }"""


def _post(client, query, variables, upload):
    operations = json.dumps({"query": query, "variables": {**variables, "f": None}})
    return client.post(
        "/graphql/",
        {"operations": operations, "map": json.dumps({"0": ["variables.f"]}), "0": upload},
    )


@pytest.fixture
def owner(catalog):
    user = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(user)
    return client


def test_workshop_adds_a_photo_of_the_making(owner, catalog):
    product = catalog.product("Tray")
    Provenance.objects.create(product=product)
    response = _post(
        owner,
        PHOTO,
        {"p": to_global_id("Product", product.pk)},
        SimpleUploadedFile("anvil.png", png_bytes(), content_type="image/png"),
    )
    result = response.json()["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    assert result["photo"]["alt"] == "At the anvil"
    assert re.fullmatch(
        r"http://testserver/media/provenance/[0-9a-f]{32}\.png", result["photo"]["url"]
    )
    data = (
        Client()
        .post(
            "/graphql/",
            json.dumps(
                {
                    "query": "{ products(first: 1) { edges { node { provenance { photos { alt } } } } } }"
                }
            ),
            content_type="application/json",
        )
        .json()
    )
    assert data["data"]["products"]["edges"][0]["node"]["provenance"]["photos"] == [
        {"alt": "At the anvil"}
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("x.png", b"<?php evil ?>", content_type="image/png"),
            "The file must be one of: JPEG, PNG, WEBP.",
        ),
        (
            SimpleUploadedFile("doc.pdf", b"%PDF-1.4 not an image", content_type="image/png"),
            "The file must be one of: JPEG, PNG, WEBP.",
        ),
    ],
)
def test_a_photo_must_really_be_an_image(owner, catalog, upload, message):
    product = catalog.product("Tray")
    Provenance.objects.create(product=product)
    result = _post(owner, PHOTO, {"p": to_global_id("Product", product.pk)}, upload).json()
    assert result["data"]["provenancePhotoAdd"]["errors"] == [
        {"field": "image", "code": "INVALID", "message": message}
    ]
    assert ProvenancePhoto.objects.count() == 0


def test_another_workshop_cannot_add_photos(catalog, settings):
    product = catalog.product("Tray")
    Provenance.objects.create(product=product)
    rival = User.objects.create_user("rival@example.com", "pw-123456789")
    VendorMembership.objects.create(user=rival, vendor=WorkshopFactory(), role="owner")
    client = Client()
    client.force_login(rival)
    result = _post(
        client,
        PHOTO,
        {"p": to_global_id("Product", product.pk)},
        SimpleUploadedFile("a.png", png_bytes(), content_type="image/png"),
    ).json()
    assert result["data"]["provenancePhotoAdd"]["errors"][0]["code"] == "NOT_FOUND"
    assert ProvenancePhoto.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "provenance").exists()  # refused before anything is stored


def test_claim_with_a_pdf_evidence(owner, catalog):
    product = catalog.product("Tray")
    pdf = SimpleUploadedFile("label.pdf", pdf_bytes(), content_type="application/pdf")
    result = _post(owner, CLAIM, {"p": to_global_id("Product", product.pk)}, pdf).json()
    assert result["data"]["productClaimCreate"] == {"claim": {"title": "Label"}, "errors": []}
    assert re.fullmatch(r"claims/[0-9a-f]{32}\.pdf", Claim.objects.get().evidence.name)


def test_claim_evidence_of_the_wrong_kind_is_refused(owner, catalog):
    product = catalog.product("Tray")
    exe = SimpleUploadedFile("label.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    result = _post(owner, CLAIM, {"p": to_global_id("Product", product.pk)}, exe).json()
    assert result["data"]["productClaimCreate"]["errors"][0]["field"] == "evidence"
    assert Claim.objects.count() == 0


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"map": "{}"}, "A multipart GraphQL request needs an `operations` field."),
        ({"operations": "{nope", "map": "{}"}, "`operations` and `map` must be JSON."),
        (
            {
                "operations": json.dumps({"query": "{ shop { name } }"}),
                "map": json.dumps({"9": ["variables.f"]}),
            },
            "The map names a file '9' that was not sent.",
        ),
        (
            {
                "operations": json.dumps({"query": "{ shop { name } }"}),
                "map": json.dumps({"0": ["variables.nope.deep"]}),
                "0": SimpleUploadedFile("a.txt", b"x"),
            },
            "The map names a path that does not exist: variables.nope.deep.",
        ),
    ],
)
def test_malformed_multipart_requests_are_400(owner, form, message):
    response = owner.post("/graphql/", form)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == message
