from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.static import serve


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Local media for the demo and small installs (production serves media from S3/CDN).

    MEDIA_ROOT is read per request so that the setting stays the single source of truth.
    """
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
