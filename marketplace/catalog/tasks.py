"""Background work for the catalog."""

from __future__ import annotations

from collections.abc import Sequence

from celery import shared_task
from django.db import transaction

from .thumbnails import thumbnail_get_or_create


@shared_task
def thumbnails_warm(media_ids: Sequence[int], sizes: Sequence[int], image_format: str) -> int:
    """Render the thumbnails storefronts ask for first, so lists never wait on Pillow."""
    made = 0
    for media_id in media_ids:
        for size in sizes:
            thumbnail_get_or_create(media_id=media_id, size=size, image_format=image_format)
            made += 1
    return made


def schedule_thumbnails(*, media_ids: Sequence[int]) -> None:
    """Queue warm-up once the media rows are committed (never for rows that roll back)."""
    ids = list(media_ids)
    if ids:
        transaction.on_commit(
            lambda: thumbnails_warm.delay(media_ids=ids, sizes=[256, 1024], image_format="webp")
        )
