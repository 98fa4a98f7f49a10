"""Media on S3 (django-storages + boto3) against moto's server on loopback."""

from __future__ import annotations

import boto3
import pytest

from marketplace.catalog.models import Thumbnail
from marketplace.catalog.thumbnails import thumbnail_get_or_create

BUCKET = "marketplace-media-test"


@pytest.fixture
def s3_storage(settings, monkeypatch, s3_endpoint) -> object:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
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


@pytest.mark.django_db
def test_product_media_and_thumbnails_live_in_the_bucket(s3_storage, catalog, gql, s3_endpoint):
    media = catalog.product("Tray").media.get()
    thumbnail = thumbnail_get_or_create(media_id=media.pk, size=200, image_format="webp")

    keys = {item["Key"] for item in s3_storage.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert media.image.name in keys
    assert thumbnail.image.name in keys
    assert Thumbnail.objects.get().size == 256

    data = gql.data(
        "{ products(first: 1) { edges { node { media { url } thumbnail(size: 256, format: WEBP) { url } } } } }"
    )
    node = data["products"]["edges"][0]["node"]
    assert node["media"][0]["url"] == f"{s3_endpoint}/{BUCKET}/{media.image.name}"
    assert node["thumbnail"]["url"] == f"{s3_endpoint}/{BUCKET}/{thumbnail.image.name}"
