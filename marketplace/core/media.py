"""How stored media is served: the type from the stored extension (which ``upload_accept``
chose from the file's bytes), images inline, anything else a download under a sandbox.

Used by the local ``/media/`` view and, on S3, by ``PublicMediaStorage``, which writes the same
``Content-Type`` and ``Content-Disposition`` onto each object (a CDN's response-headers policy
adds ``nosniff`` and the CSP there: S3 itself cannot, see docs/operations.md).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage

INLINE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
}
DOCUMENT_TYPES = {"pdf": "application/pdf"}
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def media_headers(name: str) -> dict[str, str]:
    """The headers a stored file named ``name`` is served with."""
    extension = PurePosixPath(name).suffix.lstrip(".").lower()
    if extension in INLINE_TYPES:
        return {"Content-Type": INLINE_TYPES[extension], "X-Content-Type-Options": "nosniff"}
    disposition = content_disposition_header(as_attachment=True, filename=PurePosixPath(name).name)
    return {
        "Content-Type": DOCUMENT_TYPES.get(extension, "application/octet-stream"),
        "Content-Disposition": disposition or "attachment",
        "Content-Security-Policy": DOCUMENT_POLICY,
        "X-Content-Type-Options": "nosniff",
    }


class PublicMediaStorage(S3Storage):
    """The public bucket: each object carries the type and disposition of its extension, never
    a type taken from the uploaded content."""

    def get_object_parameters(self, name: str) -> dict[str, Any]:
        params: dict[str, Any] = super().get_object_parameters(name)
        headers = media_headers(name)
        params["ContentType"] = headers["Content-Type"]
        if "Content-Disposition" in headers:
            params["ContentDisposition"] = headers["Content-Disposition"]
        return params


class PrivateMediaStorage(PublicMediaStorage):
    """The private bucket (claim evidence, statements, payout files): the same per-object
    type and disposition; reached only through presigned URLs (``querystring_auth``), handed
    out by ``marketplace.core.private_links`` after the actor is checked."""
