from __future__ import annotations

import pytest
from PIL import Image

from marketplace.catalog.models import Thumbnail
from marketplace.catalog.thumbnails import snap_thumbnail_size, thumbnail_get_or_create
from marketplace.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_sizes_snap_up_to_the_stored_steps():
    assert snap_thumbnail_size(1) == 32
    assert snap_thumbnail_size(255) == 256
    assert snap_thumbnail_size(256) == 256
    assert snap_thumbnail_size(10_000) == 2048
    with pytest.raises(DomainError):
        snap_thumbnail_size(0)


def test_thumbnail_is_made_once_and_reused(catalog):
    media = catalog.product("Tray").media.get()
    first = thumbnail_get_or_create(media_id=media.pk, size=40, image_format="webp")
    again = thumbnail_get_or_create(media_id=media.pk, size=64, image_format="WEBP")
    assert first.pk == again.pk
    assert Thumbnail.objects.count() == 1
    with first.image.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "WEBP"
        assert max(image.size) == 64


def test_thumbnail_view_redirects_to_the_stored_file(client, catalog):
    media = catalog.product("Tray").media.get()
    response = client.get(f"/thumbnail/{media.pk}/128/original/")
    assert response.status_code == 302
    assert response["Location"].startswith("/media/thumbnails/")
    stored = client.get(response["Location"])
    assert stored.status_code == 200
    assert b"".join(stored.streaming_content).startswith(b"\x89PNG")
    stored.close()


@pytest.mark.parametrize("path", ["/thumbnail/999999/128/original/", "/thumbnail/{pk}/128/gif/"])
def test_thumbnail_view_answers_404_for_bad_requests(client, catalog, path):
    media = catalog.product("Tray").media.get()
    assert client.get(path.format(pk=media.pk)).status_code == 404
    assert Thumbnail.objects.count() == 0


def test_graphql_returns_the_stored_thumbnail_once_made(gql, catalog):
    media = catalog.product("Tray").media.get()
    thumbnail = thumbnail_get_or_create(media_id=media.pk, size=256, image_format="original")
    data = gql.data("{ products(first: 1) { edges { node { thumbnail(size: 200) { url } } } } }")
    url = data["products"]["edges"][0]["node"]["thumbnail"]["url"]
    assert url == f"http://testserver{thumbnail.image.url}"


@pytest.mark.django_db(transaction=True)
def test_warm_up_task_renders_after_commit(catalog):
    from django.db import transaction

    from marketplace.catalog.tasks import schedule_thumbnails

    media = catalog.product("Tray").media.get()
    with transaction.atomic():
        schedule_thumbnails(media_ids=[media.pk])
        assert Thumbnail.objects.count() == 0  # nothing runs before the commit
    assert sorted(Thumbnail.objects.values_list("size", "format")) == [
        (256, "webp"),
        (1024, "webp"),
    ]


@pytest.mark.django_db(transaction=True)
def test_nothing_is_rendered_when_the_transaction_rolls_back(catalog):
    from django.db import transaction

    from marketplace.catalog.tasks import schedule_thumbnails

    media = catalog.product("Tray").media.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule_thumbnails(media_ids=[media.pk])
        raise RuntimeError("the upload failed")
    assert Thumbnail.objects.count() == 0
