from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve

from .media import media_headers


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Local media for the demo and small installs (production serves media from S3/CDN, on
    a domain of its own: see docs/operations.md), with headers from the stored extension.

    MEDIA_ROOT is read per request so that the setting stays the single source of truth.
    """
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    for header, value in media_headers(path).items():
        response[header] = value
    return response
