"""Which channel a slug a client sends means."""

from __future__ import annotations

from django.conf import settings

SALEOR_DEFAULT_CHANNEL_SLUG = "default-channel"


def channel_slug_canonical(slug: str | None) -> str:
    """The slug of the channel a client means: none means the marketplace's default
    channel, and so does Saleor's default slug ``default-channel`` (what Saleor clients and
    SDKs send before anyone configures them), which is therefore reserved."""
    if not slug or slug == SALEOR_DEFAULT_CHANNEL_SLUG:
        return str(settings.DEFAULT_CHANNEL_SLUG)
    return slug
