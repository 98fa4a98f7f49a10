"""The schema: one root Query assembled from each domain's queries."""

import graphene

from .catalog.queries import CatalogQueries
from .channels.queries import ChannelQueries
from .content.queries import ContentQueries
from .provenance.queries import ProvenanceQueries
from .shop.types import ShopQueries
from .vendors.queries import VendorQueries


class Query(
    ShopQueries, ChannelQueries, CatalogQueries, VendorQueries, ContentQueries, ProvenanceQueries
):
    pass


schema = graphene.Schema(query=Query, auto_camelcase=True)
