from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .signing import jwks


@require_GET
@cache_control(public=True, max_age=300)
def jwks_view(request: HttpRequest) -> JsonResponse:
    """The public keys of every certificate signing key, current and retired."""
    return JsonResponse(jwks())
