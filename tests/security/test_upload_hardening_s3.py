"""On S3 (moto's server on loopback), uploaded files keep the server's name and carry the type
and disposition of their stored extension, never what the client sent (issue 8, item 1)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marketplace.accounts.models import User
from marketplace.provenance.models import Claim, Provenance
from marketplace.vendors.models import VendorMembership
from tests.helpers import to_global_id

from .upload_samples import HTML_TAIL, pdf_bytes, png_bytes

BUCKET = "marketplace-upload-hardening"
PHOTO = (
    "mutation($p: ID!, $f: Upload!) { provenancePhotoAdd(product: $p, image: $f) "
    "{ photo { url } errors { field code message } } }"
)
CLAIM = (
    "mutation($p: ID!, $f: Upload) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, "
    'title: "Label", issuingBody: "ANART", validFrom: "2026-01-01", evidence: $f}) '
    "{ claim { title } errors { field code message } } }"
)


@pytest.fixture
def bucket(settings: Any, monkeypatch: Any, s3_endpoint: str) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "marketplace.core.media.PublicMediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def owner(catalog: Any) -> Client:
    user = User.objects.create_user("owner@example.com", "pw-123456789")
    VendorMembership.objects.create(user=user, vendor=catalog.workshop, role="owner")
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, query: str, product_id: int, upload: Any) -> Any:
    variables = {"p": to_global_id("Product", product_id), "f": None}
    form = {
        "operations": json.dumps({"query": query, "variables": variables}),
        "map": json.dumps({"0": ["variables.f"]}),
        "0": upload,
    }
    return client.post("/graphql/", form).json()


def _get(bucket: Any, key: str) -> tuple[dict[str, Any], bytes]:
    """The object as the CDN in front of the bucket fetches it: its stored headers and body."""
    found = bucket.get_object(Bucket=BUCKET, Key=key)
    return found, found["Body"].read()


@pytest.mark.django_db
def test_a_polyglot_pdf_named_html_is_an_attachment_pdf_in_the_bucket(
    bucket, owner, catalog, s3_endpoint
):
    tray = catalog.product("Tray")
    original = pdf_bytes()
    upload = SimpleUploadedFile("evid.html", original + HTML_TAIL, content_type="text/html")
    result = _post(owner, CLAIM, tray.pk, upload)
    assert result["data"]["productClaimCreate"] == {"claim": {"title": "Label"}, "errors": []}
    key = Claim.objects.get().evidence.name
    assert re.fullmatch(r"claims/[0-9a-f]{32}\.pdf", key)

    stored, body = _get(bucket, key)
    assert body == original
    assert stored["ContentType"] == "application/pdf"
    assert stored["ContentDisposition"] == f'attachment; filename="{key[7:]}"'


@pytest.mark.django_db
def test_a_png_sent_as_svg_is_an_inline_png_in_the_bucket(bucket, owner, catalog, s3_endpoint):
    tray = catalog.product("Tray")
    Provenance.objects.create(product=tray)
    upload = SimpleUploadedFile("x.svg", png_bytes() + HTML_TAIL, content_type="image/svg+xml")
    result = _post(owner, PHOTO, tray.pk, upload)["data"]["provenancePhotoAdd"]
    assert result["errors"] == []
    url = result["photo"]["url"]
    assert re.fullmatch(rf"{s3_endpoint}/{BUCKET}/provenance/[0-9a-f]{{32}}\.png", url)

    stored, body = _get(bucket, url.removeprefix(f"{s3_endpoint}/{BUCKET}/"))
    assert stored["ContentType"] == "image/png"
    assert "ContentDisposition" not in stored
    assert b"<script" not in body
