"""Private documents on S3: their own bucket, signed short-lived URLs (moto on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.base import ContentFile

from marketplace.core.private_files import private_file_url, private_storage
from marketplace.payouts.models import Payout
from marketplace.payouts.services import payouts_export
from tests.factories import WorkshopFactory

PUBLIC, PRIVATE = "media-public-test", "media-private-test"


@pytest.fixture
def buckets(settings: Any, monkeypatch: Any, s3_endpoint: str) -> Iterator[Any]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    for bucket in (PUBLIC, PRIVATE):
        client.create_bucket(Bucket=bucket)
    options = {"endpoint_url": s3_endpoint, "region_name": "us-east-1", "file_overwrite": False}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": PUBLIC, "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **options,
                "bucket_name": PRIVATE,
                "querystring_auth": True,
                "querystring_expire": 300,
                "signature_version": "s3v4",
                "default_acl": "private",
            },
        },
    }
    yield client
    for bucket in (PUBLIC, PRIVATE):
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def _keys(client: Any, bucket: str) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])}


@pytest.mark.django_db
def test_a_payout_file_goes_to_the_private_bucket_behind_a_signed_url(buckets: Any) -> None:
    workshop = WorkshopFactory(slug="souika", name="Atelier Souika")
    Payout.objects.create(
        vendor=workshop, currency="EUR", amount=Decimal("88.00"), status="AWAITING_EXPORT"
    )
    name = payouts_export(currency="EUR")

    assert name is not None
    assert _keys(buckets, PRIVATE) == {name}
    assert _keys(buckets, PUBLIC) == set()
    url = private_file_url(name)
    assert url is not None
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert requests.get(url, timeout=10).status_code == 200
    # Without its signature the same object is refused.
    unsigned = url.split("?")[0]
    assert requests.get(unsigned, timeout=10).status_code == 403


@pytest.mark.django_db
def test_without_a_bucket_private_files_have_no_url() -> None:
    name = private_storage().save("statements/x.csv", ContentFile(b"a,b\n"))
    assert private_file_url(name) is None
    private_storage().delete(name)
