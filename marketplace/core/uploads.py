"""Uploaded files, checked and rewritten before anything stores them.

Every upload path (claim evidence, making-of photos, product media) goes through
``upload_accept``. What the client says about a file proves nothing, so nothing of it is kept:

- the type is detected from the bytes, and the stored name is ``<uuid>.<ext>`` with the
  extension of that type (the field's ``upload_to`` adds the prefix the server chose);
- images are decoded and re-encoded by Pillow: EXIF (GPS included), comments, colour profiles
  and any bytes after the image (an HTML tail, a second file) do not survive, and images are
  refused above ``IMAGE_MAX_PIXELS`` before any pixel is decoded (decompression bombs);
- PDFs are parsed by pypdf (a document with pages, not merely a ``%PDF-`` prefix), refused when
  encrypted or carrying JavaScript, and cut after their last ``%%EOF`` (which keeps any digital
  signature intact, unlike rewriting the document);
- SVG and HTML, which browsers run scripts from, are refused with their own message.

The media view (``marketplace.core.views.media``) then serves each file with the type of its
stored extension, ``nosniff``, and documents as attachments under a sandboxing CSP.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .errors import DomainError

MEBIBYTE = 1024 * 1024
UPLOAD_MAX_BYTES = 10 * MEBIBYTE
IMAGE_MAX_PIXELS = 40_000_000

PDF, JPEG, PNG, WEBP = "pdf", "jpeg", "png", "webp"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", WEBP: "webp"}
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    WEBP: "image/webp",
}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
# Image modes each format stores as they are; anything else is converted first.
SAVED_MODES = {
    JPEG: ("RGB", "L"),
    PNG: ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"),
    WEBP: ("RGB", "RGBA"),
}


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload accepts."""

    accepted: tuple[str, ...]  # PDF, JPEG, PNG, WEBP, in the order the error message names them
    max_bytes: int = UPLOAD_MAX_BYTES


EVIDENCE = UploadPolicy(accepted=(PDF, JPEG, PNG))
PHOTO = UploadPolicy(accepted=(JPEG, PNG, WEBP))
PRODUCT_MEDIA = PHOTO


@dataclass(frozen=True)
class AcceptedUpload:
    """A checked file, ready to store as ``name`` (``<uuid>.<ext>``)."""

    name: str
    content: ContentFile[bytes]
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def _detect(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None


def _markup(data: bytes, name: str, content_type: str) -> str | None:
    """Which markup the file is, "SVG" or "HTML", if any: by its bytes, or by what the client
    called it when its bytes are nothing we know. Both can carry scripts."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    name, content_type = name.lower(), content_type.lower()
    if b"<svg" in head or name.endswith((".svg", ".svgz")) or "svg" in content_type:
        return "SVG"
    markers = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe")
    if head.startswith(markers) or name.endswith((".html", ".htm", ".xhtml")):
        return "HTML"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "HTML"
    return None


def _names(policy: UploadPolicy) -> str:
    return ", ".join(kind.upper() for kind in policy.accepted)


def _refuse(message: str, field: str) -> DomainError:
    return DomainError(message, field=field, code="INVALID")


def _reencoded_image(data: bytes, kind: str, field: str) -> bytes:
    """The image decoded and written anew: only its pixels (the first frame) survive."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]]) as source:
                if source.width * source.height > IMAGE_MAX_PIXELS:
                    raise _refuse(
                        f"The image has more than {IMAGE_MAX_PIXELS // 1_000_000} megapixels.",
                        field,
                    )
                source.load()
                image = ImageOps.exif_transpose(source)  # keep photos upright without EXIF
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(
            f"The image has more than {IMAGE_MAX_PIXELS // 1_000_000} megapixels.", field
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(f"The file is not a readable {kind.upper()} image.", field) from None
    if image.mode not in SAVED_MODES[kind]:
        has_alpha = "A" in image.getbands() or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha and kind != JPEG else "RGB")
    transparency = image.info.get("transparency")
    image.info.clear()  # no EXIF, XMP, ICC profile or text chunks carried over
    if transparency is not None:
        image.info["transparency"] = transparency
    options: dict[str, Any] = {JPEG: {"quality": 90}, WEBP: {"quality": 90}}.get(kind, {})
    buffer = io.BytesIO()
    image.save(buffer, format=PILLOW_FORMATS[kind], **options)
    return buffer.getvalue()


def _javascript_in(reader: Any) -> bool:
    """Whether the document's catalog runs JavaScript (named scripts or an opening action)."""
    catalog = reader.trailer["/Root"]
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        return True
    if "/AA" in catalog:
        return True
    action = catalog.get("/OpenAction")
    action = action.get_object() if action is not None else None
    return isinstance(action, dict) and action.get("/S") == "/JavaScript"


def _checked_pdf(data: bytes, field: str) -> bytes:
    """The PDF up to its last ``%%EOF``, once pypdf has read its pages."""
    from pypdf import PdfReader

    end = data.rfind(b"%%EOF")
    if end == -1:
        raise _refuse("The file is not a complete PDF document.", field)
    document = data[: end + len(b"%%EOF")] + b"\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns of damage it repairs; fine here
            reader = PdfReader(io.BytesIO(document), strict=False)
            encrypted = reader.is_encrypted
            pages = 0 if encrypted else len(reader.pages)
            scripted = not encrypted and _javascript_in(reader)
    except Exception:  # any failure to read an untrusted document means: not a PDF we take
        raise _refuse("The file is not a readable PDF document.", field) from None
    if encrypted:
        raise _refuse("Password-protected PDF documents cannot be checked.", field)
    if pages == 0:
        raise _refuse("The PDF document has no pages.", field)
    if scripted:
        raise _refuse("PDF documents that run JavaScript are refused.", field)
    return document


def upload_accept(*, upload: Any, field: str, policy: UploadPolicy) -> AcceptedUpload:
    """Check an uploaded file and return the content to store in its place.

    Guarantee: the result's name is ``<uuid>.<ext>`` from the detected type; its bytes are a
    re-encoded image or a PDF that pypdf reads; anything else raises ``DomainError`` naming
    ``field`` (nothing is stored by this function).
    """
    upload.seek(0)
    data = upload.read(policy.max_bytes + 1)
    upload.seek(0)
    if len(data) > policy.max_bytes:
        raise _refuse(f"The file is larger than {policy.max_bytes // MEBIBYTE} MB.", field)
    kind = _detect(data)
    if kind is None:
        client_name = str(getattr(upload, "name", "") or "")
        markup = _markup(data, client_name, str(getattr(upload, "content_type", "") or ""))
        if markup is not None:
            raise _refuse(
                f"{markup} files are refused (they can carry scripts). "
                f"The file must be one of: {_names(policy)}.",
                field,
            )
    if kind not in policy.accepted:
        raise _refuse(f"The file must be one of: {_names(policy)}.", field)
    assert kind is not None
    content = _checked_pdf(data, field) if kind == PDF else _reencoded_image(data, kind, field)
    name = f"{uuid.uuid4().hex}.{EXTENSIONS[kind]}"
    return AcceptedUpload(name=name, content=ContentFile(content, name=name), kind=kind)
