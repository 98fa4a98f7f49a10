from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponse:
    """Local media for the demo and small installs (production serves media from S3/CDN).

    MEDIA_ROOT is read per request so that the setting stays the single source of truth.
    """
    response: HttpResponse = serve(request, path, document_root=settings.MEDIA_ROOT)
    return response
