"""Making-of photos of a vendor's storefront: add (several at once), caption, reorder, delete.

Every service takes the actor and scopes the vendor through ``access.access_profile`` (a
workshop's owner or staff, a cluster's managers, marketplace staff; anyone else gets the
``NotFound`` of a missing vendor, and nothing changes). Uploads go through
``core.uploads.upload_accept`` (size before reading, type from the bytes, 40 megapixels at
most, re-encoded without EXIF or GPS) and are stored under server-made names in the vendor's
prefix, ``vendors/<id>/making-of/<uuid>.<ext>``, with three WebP renditions for the gallery's
``srcset``. The renditions are made before anything is stored: a photo is shown only whole.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from marketplace.core.errors import DomainError, NotFound
from marketplace.core.uploads import PHOTO, AcceptedUpload, upload_accept

from .access import access_profile
from .models import MakingOfPhoto, Vendor

MAX_PHOTOS = 24
MAX_CAPTION_CHARS = 300
MAX_ALT_CHARS = 250
RENDITIONS = (("small", 480), ("medium", 960), ("large", 1600))


class PhotoRefused(DomainError):
    """One of the files sent is not a photo the storefront takes; ``file_name`` is what the
    client called it (only ever shown back to that client), ``position`` counts from 1."""

    def __init__(self, message: str, *, file_name: str, position: int) -> None:
        super().__init__(f"{file_name}: {message}", field="images", code="INVALID")
        self.reason = message
        self.file_name = file_name
        self.position = position


def _vendor_locked(actor: Any, vendor_id: int) -> Vendor:
    vendor = access_profile(actor=actor, vendor_id=vendor_id)
    return Vendor.objects.select_for_update().get(pk=vendor.pk)


def _photo(vendor: Vendor, photo_id: int) -> MakingOfPhoto:
    photo = MakingOfPhoto.objects.select_for_update().filter(pk=photo_id, vendor=vendor).first()
    if photo is None:
        raise NotFound("Couldn't find the photo.", field="photo")
    return photo


def _one_line(value: str | None, *, field: str, max_chars: int) -> str:
    text = " ".join((value or "").split())
    if len(text) > max_chars:
        raise DomainError(f"At most {max_chars} characters.", field=field, code="MAX_LENGTH")
    return text


def _captions(captions: Mapping[str, str]) -> dict[str, str]:
    languages = dict(settings.LANGUAGES)
    cleaned = {}
    for language, text in captions.items():
        if language not in languages:
            raise DomainError(f"No captions in {language[:8]!r} here.", field="captions")
        value = _one_line(text, field=f"caption_{language}", max_chars=MAX_CAPTION_CHARS)
        if value:
            cleaned[language] = value
    return cleaned


def _renditions(accepted: AcceptedUpload) -> tuple[tuple[int, int], dict[str, bytes]]:
    """The photo's size and its WebP renditions, never wider than the photo itself."""
    with Image.open(io.BytesIO(accepted.content.read())) as source:
        source.load()
        size = source.size
        image = source if source.mode in ("RGB", "RGBA") else source.convert("RGBA")
        made = {}
        for name, width in RENDITIONS:
            copy = image.copy()
            copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            copy.save(buffer, format="WEBP", quality=82)
            made[name] = buffer.getvalue()
    accepted.content.seek(0)
    return size, made


def _accepted(images: Sequence[Any]) -> list[AcceptedUpload]:
    checked = []
    for position, upload in enumerate(images, start=1):
        try:
            checked.append(upload_accept(upload=upload, field="images", policy=PHOTO))
        except DomainError as error:
            name = str(getattr(upload, "name", "") or f"#{position}")[:80]
            raise PhotoRefused(error.message, file_name=name, position=position) from None
    return checked


def _room_for(vendor: Vendor, adding: int) -> int:
    present = vendor.making_of_photos.count()
    if present + adding > MAX_PHOTOS:
        raise DomainError(
            f"A storefront shows at most {MAX_PHOTOS} making-of photos.",
            field="images",
            code="TOO_MANY",
        )
    return present


@transaction.atomic
def making_photos_add(
    *,
    actor: Any,
    vendor_id: int,
    images: Sequence[Any],
    captions: Mapping[str, str] | None = None,
    alt: str = "",
) -> list[MakingOfPhoto]:
    """Add photos after the vendor's last one, all or none: a refused file (named in the
    error) stores nothing. ``captions``/``alt`` go on each of the photos added."""
    vendor = access_profile(actor=actor, vendor_id=vendor_id)  # before looking at any file
    if not images:
        raise DomainError("Choose at least one photo.", field="images", code="REQUIRED")
    _room_for(vendor, len(images))
    cleaned = _captions(captions or {})
    alt_text = _one_line(alt, field="alt", max_chars=MAX_ALT_CHARS)
    checked = _accepted(images)
    # Decoding and resizing take a while: done before the vendor's row is locked.
    prepared = [(accepted, *_renditions(accepted)) for accepted in checked]
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    present = _room_for(vendor, len(images))  # again, under the lock: a concurrent add
    highest = vendor.making_of_photos.order_by("-sort_order").values_list("sort_order", flat=True)
    position = (highest.first() or 0) + 1 if present else 0
    photos: list[MakingOfPhoto] = []
    stored: list[Any] = []
    try:
        for accepted, (width, height), renditions in prepared:
            photo = MakingOfPhoto(
                vendor=vendor,
                width=width,
                height=height,
                captions=cleaned,
                alt=alt_text,
                sort_order=position,
            )
            photo.image.save(accepted.name, accepted.content, save=False)
            stored.append(photo.image)
            stem = accepted.name.rsplit(".", 1)[0]
            for name, payload in renditions.items():
                field = getattr(photo, name)
                field.save(f"{stem}-{name}.webp", ContentFile(payload), save=False)
                stored.append(field)
            photo.save()
            photos.append(photo)
            position += 1
    except Exception:
        for field in stored:  # nothing half-written: no file without its row
            field.storage.delete(field.name)
        raise
    return photos


@transaction.atomic
def making_photo_describe(
    *,
    actor: Any,
    vendor_id: int,
    photo_id: int,
    captions: Mapping[str, str],
    alt: str | None = None,
) -> MakingOfPhoto:
    """Set the captions of the languages given (a blank one removes it) and the alt text."""
    vendor = _vendor_locked(actor, vendor_id)
    photo = _photo(vendor, photo_id)
    merged = {**(photo.captions or {}), **{language: "" for language in captions}}
    merged.update(_captions(captions))
    photo.captions = {language: text for language, text in merged.items() if text}
    if alt is not None:
        photo.alt = _one_line(alt, field="alt", max_chars=MAX_ALT_CHARS)
    photo.save(update_fields=["captions", "alt"])
    return photo


@transaction.atomic
def making_photos_reorder(
    *, actor: Any, vendor_id: int, photo_ids: Sequence[int]
) -> list[MakingOfPhoto]:
    """Put the vendor's photos in the given order; every photo must be named once."""
    vendor = _vendor_locked(actor, vendor_id)
    photos = {p.pk: p for p in vendor.making_of_photos.select_for_update()}
    if len(set(photo_ids)) != len(photo_ids) or set(photo_ids) != set(photos):
        raise DomainError(
            "Name each of the storefront's photos once.", field="photos", code="INVALID"
        )
    ordered = []
    for position, pk in enumerate(photo_ids):
        photos[pk].sort_order = position
        ordered.append(photos[pk])
    MakingOfPhoto.objects.bulk_update(ordered, ["sort_order"])
    return ordered


def making_photo_move(
    *, actor: Any, vendor_id: int, photo_id: int, offset: int
) -> list[MakingOfPhoto]:
    """Move one photo ``offset`` places (-1: earlier, +1: later), within the ends."""
    with transaction.atomic():
        vendor = _vendor_locked(actor, vendor_id)
        order = list(vendor.making_of_photos.values_list("pk", flat=True))
        if photo_id not in order:
            raise NotFound("Couldn't find the photo.", field="photo")
        index = order.index(photo_id)
        target = min(max(index + offset, 0), len(order) - 1)
        order.insert(target, order.pop(index))
        return making_photos_reorder(actor=actor, vendor_id=vendor.pk, photo_ids=order)


@transaction.atomic
def making_photo_delete(*, actor: Any, vendor_id: int, photo_id: int) -> None:
    """Delete a photo; its files go once the deletion is committed."""
    vendor = _vendor_locked(actor, vendor_id)
    photo = _photo(vendor, photo_id)
    files = [photo.image, photo.small, photo.medium, photo.large]
    names = [(f.storage, str(f.name)) for f in files if f]
    photo.delete()

    def remove_files() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
