"""Resized renditions of product images, made on first request and then stored."""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import echo

from .models import ProductMedia, Thumbnail
from .models.media import THUMBNAIL_SIZES

PIL_FORMATS = {"webp": ("WEBP", "webp"), "avif": ("AVIF", "avif")}


def snap_thumbnail_size(size: int) -> int:
    """The smallest stored size at least as large as asked (Saleor's behaviour)."""
    if size <= 0:
        raise DomainError("Thumbnail size must be positive.", field="size")
    for allowed in THUMBNAIL_SIZES:
        if allowed >= size:
            return allowed
    return THUMBNAIL_SIZES[-1]


def normalise_format(image_format: str) -> str:
    fmt = image_format.lower()
    if fmt not in {"original", "webp", "avif"}:
        raise DomainError(f"Unknown thumbnail format {echo(image_format)}.", field="format")
    if fmt == "avif" and "AVIF" not in Image.registered_extensions().values():
        return "webp"  # Pillow built without AVIF: fall back rather than fail the page
    return fmt


def _render(source: Image.Image, size: int, fmt: str, original_name: str) -> tuple[bytes, str]:
    image = source.copy()
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    if fmt == "original":
        pil_format = source.format or "PNG"
        extension = PurePosixPath(original_name).suffix.lstrip(".") or "png"
    else:
        pil_format, extension = PIL_FORMATS[fmt]
    if pil_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(buffer, format=pil_format, quality=85)
    return buffer.getvalue(), extension


def thumbnail_get_or_create(*, media_id: int, size: int, image_format: str) -> Thumbnail:
    """Return the stored thumbnail for (media, snapped size, format), creating it once.

    Two simultaneous first requests both render, but only one row wins the unique
    constraint; the other returns the winner, so nothing is stored twice in the database.
    """
    size = snap_thumbnail_size(size)
    fmt = normalise_format(image_format)
    existing = Thumbnail.objects.filter(media_id=media_id, size=size, format=fmt).first()
    if existing:
        return existing
    media = ProductMedia.objects.filter(pk=media_id).first()
    if media is None:
        raise NotFound("No such media.")
    with media.image.open("rb") as handle, Image.open(handle) as source:
        source.load()
        payload, extension = _render(source, size, fmt, media.image.name or "")
    stem = PurePosixPath(media.image.name or "image").stem
    thumbnail = Thumbnail(media=media, size=size, format=fmt)
    thumbnail.image.save(f"{stem}_{size}.{extension}", ContentFile(payload), save=False)
    try:
        with transaction.atomic():
            thumbnail.save()
    except IntegrityError:
        thumbnail.image.delete(save=False)
        return Thumbnail.objects.get(media_id=media_id, size=size, format=fmt)
    return thumbnail
