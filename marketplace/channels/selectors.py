"""Which markets a buyer may shop in, and which one serves a country."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Channel


def channels_active() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).order_by("slug")


def channel_for(*, slug: str | None, country: str | None, default_slug: str) -> Channel | None:
    """The active channel named by ``slug`` when there is one, else the one whose countries
    include ``country``, else the default; one query whatever the number of channels."""
    channels = list(channels_active())
    by_slug = {c.slug: c for c in channels}
    if slug and slug in by_slug:
        return by_slug[slug]
    if country:
        for channel in channels:
            if country.upper() in {str(code) for code in channel.countries}:
                return channel
    return by_slug.get(default_slug) or (channels[0] if channels else None)
