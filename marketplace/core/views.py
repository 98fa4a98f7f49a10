from pathlib import PurePosixPath

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.static import serve

# What a stored file is served as comes from its extension (which upload_accept chose), never
# from a guess at its bytes: images display, everything else downloads under a sandbox.
INLINE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
}
DOCUMENT_TYPES = {"pdf": "application/pdf"}
DOCUMENT_POLICY = "default-src 'none'; sandbox"


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Local media for the demo and small installs (production serves media from S3/CDN,
    on a domain of its own: see docs/operations.md).

    MEDIA_ROOT is read per request so that the setting stays the single source of truth.
    """
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    extension = PurePosixPath(path).suffix.lstrip(".").lower()
    response["X-Content-Type-Options"] = "nosniff"
    if extension in INLINE_TYPES:
        response["Content-Type"] = INLINE_TYPES[extension]
        return response
    response["Content-Type"] = DOCUMENT_TYPES.get(extension, "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=PurePosixPath(path).name
    )
    response["Content-Security-Policy"] = DOCUMENT_POLICY
    return response
