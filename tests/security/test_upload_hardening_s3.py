"""On S3 (moto's server on loopback), uploaded files keep the server's name and carry the type
and disposition of their stored extension, never what the client sent (issue 8, item 1)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from marketplace.accounts.models import User
from marketplace.provenance.models import Claim, Provenance
from marketplace.vendors.models import VendorMembership
from tests.helpers import to_global_id

from .upload_samples import HTML_TAIL, pdf_bytes, png_bytes

BUCKET = "marketplace-upload-hardening"
PRIVATE_BUCKET = "marketplace-upload-hardening-private"
PHOTO = (
    "mutation($p: ID!, $f: Upload!) { provenancePhotoAdd(product: $p, image: $f) "
    "{ photo { url } errors { field code message } } }"
)
CLAIM = (
    "mutation($p: ID!, $f: Upload) { productClaimCreate(product: $p, input: {kind: CRAFT_LABEL, "
    'title: "Label", issuingBody: "ANART", validFrom: "2026-01-01", evidence: $f}) '
    "{ claim { title evidenceUrl } errors { field code message } } }"
)


@pytest.fixture
def bucket(settings: Any, monkeypatch: Any, s3_endpoint: str) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    for name in (BUCKET, PRIVATE_BUCKET):
        client.create_bucket(Bucket=name)
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
        "private": {
            "BACKEND": "marketplace.core.media.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": PRIVATE_BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for name in (BUCKET, PRIVATE_BUCKET):
        for item in client.list_objects_v2(Bucket=name).get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])
        client.delete_bucket(Bucket=name)


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


def _get(bucket: Any, key: str, name: str = BUCKET) -> tuple[dict[str, Any], bytes]:
    """The object as the CDN in front of the bucket fetches it: its stored headers and body."""
    found = bucket.get_object(Bucket=name, Key=key)
    return found, found["Body"].read()


@pytest.mark.django_db
def test_a_polyglot_pdf_named_html_is_an_attachment_pdf_in_the_bucket(
    bucket, owner, catalog, s3_endpoint
):
    tray = catalog.product("Tray")
    original = pdf_bytes()
    upload = SimpleUploadedFile("evid.html", original + HTML_TAIL, content_type="text/html")
    result = _post(owner, CLAIM, tray.pk, upload)
    assert result["data"]["productClaimCreate"]["errors"] == []
    key = Claim.objects.get().evidence.name
    assert re.fullmatch(r"claims/[0-9a-f]{32}\.pdf", key)

    public = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert not [k for k in public if k.startswith("claims/")]  # never in the public bucket
    stored, body = _get(bucket, key, PRIVATE_BUCKET)
    assert body == original
    assert stored["ContentType"] == "application/pdf"
    assert stored["ContentDisposition"] == f'attachment; filename="{key[7:]}"'

    # The workshop's signed link redirects to a presigned URL of the private bucket, which
    # answers the document; the same object unsigned is refused.
    link = result["data"]["productClaimCreate"]["claim"]["evidenceUrl"]
    redirect = owner.get(urlsplit(link).path)
    assert redirect.status_code == 302
    presigned = redirect["Location"]
    assert parse_qs(urlsplit(presigned).query)["X-Amz-Expires"] == ["300"]
    fetched = requests.get(presigned, timeout=10)
    assert fetched.status_code == 200 and fetched.content == original
    assert fetched.headers["Content-Disposition"] == f'attachment; filename="{key[7:]}"'
    assert requests.get(presigned.split("?")[0], timeout=10).status_code == 403
    assert Client().get(urlsplit(link).path).status_code == 404  # not for anyone else


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
