"""A product's photos: upload (checked and re-encoded), delete, reorder.

Uploads go through ``marketplace.core.uploads.upload_accept``: the size is checked before the
file is read (10 MiB), the type comes from the bytes (JPEG, PNG, WebP), images over 40
megapixels are refused before decoding, and Pillow re-encodes the pixels (EXIF, GPS and any
trailing bytes are gone). The stored name is server-made, in the workshop's prefix:
``products/<workshop slug>/<uuid>.<ext>``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from marketplace.catalog.models import Product, ProductMedia
from marketplace.catalog.tasks import schedule_thumbnails
from marketplace.core.errors import DomainError
from marketplace.core.uploads import PRODUCT_MEDIA, upload_accept

from .access import media_for_actor, product_for_actor

MAX_MEDIA_PER_PRODUCT = 30
MAX_ALT_CHARS = 250


def _alt(alt: str | None) -> str:
    text = " ".join((alt or "").split())
    if len(text) > MAX_ALT_CHARS:
        raise DomainError(
            _("The description of the photo has at most %(n)s characters.") % {"n": MAX_ALT_CHARS},
            field="alt",
            code="INVALID",
        )
    return text


def _upload_error(error: DomainError) -> DomainError:
    """Saleor's codes for a refused file: too large, or not an image we take."""
    message = error.message
    code = "FILE_SIZE_LIMIT_EXCEEDED" if "larger than" in message else "INVALID_FILE_TYPE"
    if "megapixels" in message:
        code = "INVALID"
    return DomainError(message, field="image", code=code)


@transaction.atomic
def media_create(
    *, actor: Any, product_id: int, image: Any, alt: str | None = None
) -> ProductMedia:
    """Add a photo to the actor's product, last in order; thumbnails are warmed after commit.

    Access is checked before the file is looked at, so a stranger learns nothing from the
    file checks."""
    product = product_for_actor(actor=actor, product_id=product_id, field="product", lock=True)
    text = _alt(alt)
    if image is None:
        raise DomainError(_("Choose a photo to upload."), field="image", code="REQUIRED")
    if product.media.count() >= MAX_MEDIA_PER_PRODUCT:
        raise DomainError(
            _("A product has at most %(n)s photos.") % {"n": MAX_MEDIA_PER_PRODUCT},
            field="image",
            code="INVALID",
        )
    try:
        accepted = upload_accept(upload=image, field="image", policy=PRODUCT_MEDIA)
    except DomainError as error:
        raise _upload_error(error) from None
    highest = product.media.aggregate(m=Max("sort_order"))["m"]
    media = ProductMedia(
        product=product, alt=text, sort_order=(highest + 1) if highest is not None else 0
    )
    media.image.save(f"{product.vendor.slug}/{accepted.name}", accepted.content, save=False)
    media.save()
    schedule_thumbnails(media_ids=[media.pk])
    return media


@transaction.atomic
def media_delete(*, actor: Any, media_id: int) -> tuple[Product, ProductMedia]:
    """Delete one of the actor's product photos (the file and its thumbnails go after
    commit). Returns the product and the deleted media (``pk`` kept)."""
    media = media_for_actor(actor=actor, media_id=media_id)
    product = product_for_actor(actor=actor, product_id=media.product_id, lock=True)
    pk = media.pk
    files = [media.image.name, *media.thumbnails.values_list("image", flat=True)]
    storage = media.image.storage
    media.delete()
    media.pk = pk

    def remove_files() -> None:
        for name in files:
            if name:
                storage.delete(name)

    transaction.on_commit(remove_files)
    return product, media


@transaction.atomic
def media_reorder(
    *, actor: Any, product_id: int, media_ids: Sequence[int]
) -> tuple[Product, list[ProductMedia]]:
    """Put the actor's product photos in the given order; every photo must be named once."""
    product = product_for_actor(actor=actor, product_id=product_id, field="productId", lock=True)
    media = {item.pk: item for item in product.media.all()}
    if len(set(media_ids)) != len(media_ids):
        raise DomainError(
            _("A photo is named twice."), field="mediaIds", code="DUPLICATED_INPUT_ITEM"
        )
    if set(media_ids) - set(media):
        raise DomainError(
            _("A photo is not one of this product's."), field="mediaIds", code="NOT_FOUND"
        )
    if set(media) - set(media_ids):
        raise DomainError(_("Name every photo of the product."), field="mediaIds", code="INVALID")
    ordered = []
    for position, pk in enumerate(media_ids):
        item = media[pk]
        item.sort_order = position
        ordered.append(item)
    ProductMedia.objects.bulk_update(ordered, ["sort_order"])
    return product, ordered
