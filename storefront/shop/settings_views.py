"""The buyer's market (channel: currency, prices, countries served), chosen and remembered."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from marketplace.channels.selectors import channels_active

from .common import remember_channel


@require_POST
def choose_channel(request: HttpRequest) -> HttpResponse:
    slug = request.POST.get("channel", "")
    target = request.POST.get("next", "")
    if not (target.startswith("/") and not target.startswith("//")):
        target = reverse("shop:home")
    response = HttpResponseRedirect(target)
    if channels_active().filter(slug=slug).exists():
        remember_channel(response, slug, secure=request.is_secure())
    return response
