from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from marketplace.core.errors import DomainError

from .thumbnails import thumbnail_get_or_create


@require_GET
def thumbnail_view(
    request: HttpRequest, media_id: int, size: int, image_format: str
) -> HttpResponse:
    """Make the thumbnail on first request, then send the client to the stored file."""
    try:
        thumbnail = thumbnail_get_or_create(media_id=media_id, size=size, image_format=image_format)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    return HttpResponseRedirect(thumbnail.image.url)
