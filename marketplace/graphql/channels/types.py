from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from marketplace.channels.models import Channel as ChannelModel
from marketplace.channels.slugs import channel_slug_canonical
from marketplace.core.input_checks import echo
from marketplace.graphql.core.context import request_state
from marketplace.graphql.core.types import (
    CountryDisplay,
    ObjectWithMetadata,
    channel_context_resolver,
    is_staff,
)


class Channel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay))

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_default_country(root: ChannelModel, info: Any) -> CountryDisplay:
        return CountryDisplay.of(root.default_country)

    @staticmethod
    def resolve_countries(root: ChannelModel, info: Any) -> list[CountryDisplay]:
        return [CountryDisplay.of(c) for c in root.countries]


def get_channel(info: Any, slug: str | None, *, required: bool = True) -> ChannelModel | None:
    """The channel named by ``slug`` (or the default one), cached for the request.

    Inactive channels are visible to staff only; buyers get the same answer as for a
    channel that does not exist.
    """
    slug = channel_slug_canonical(slug)
    cache = request_state(info.context)["channels"]
    if slug not in cache:
        cache[slug] = ChannelModel.objects.filter(slug=slug).first()
    channel: ChannelModel | None = cache[slug]
    if channel is not None and not channel.is_active and not is_staff(info):
        channel = None
    if channel is None and required:
        raise GraphQLError(f"Channel with {echo(slug)} slug does not exist.")
    return channel


def channel_by_id(info: Any, channel_id: int) -> ChannelModel | None:
    cache = request_state(info.context)["channels"]
    for channel in cache.values():
        if channel is not None and channel.pk == channel_id:
            return channel
    channel = ChannelModel.objects.filter(pk=channel_id).first()
    if channel is not None:
        cache[channel.slug] = channel
    return channel
