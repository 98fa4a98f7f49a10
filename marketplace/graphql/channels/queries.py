from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from marketplace.channels.slugs import channel_slug_canonical
from marketplace.graphql.core.ids import decode_id
from marketplace.graphql.core.types import is_staff

from .types import Channel


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(Channel, id=graphene.ID(), slug=graphene.String())
    channels = graphene.List(graphene.NonNull(Channel))

    @staticmethod
    def resolve_channel(
        root: Any, info: Any, id: str | None = None, slug: str | None = None
    ) -> Any:
        channels = ChannelModel.objects.all()
        if not is_staff(info):
            channels = channels.filter(is_active=True)
        if id is not None:
            return channels.filter(pk=decode_id(id, "Channel")).first()
        if slug is not None:
            return channels.filter(slug=channel_slug_canonical(slug)).first()
        return None

    @staticmethod
    def resolve_channels(root: Any, info: Any) -> Any:
        channels = ChannelModel.objects.all()
        return channels if is_staff(info) else channels.filter(is_active=True)
