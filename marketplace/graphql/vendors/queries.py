from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLError

from marketplace.graphql.core.connection import connection_args, paginate
from marketplace.graphql.core.ids import decode_id, decode_ids
from marketplace.graphql.core.types import is_staff
from marketplace.vendors.selectors import clusters_visible, workshops_visible

from .types import Cluster, ClusterCountableConnection, Vendor, VendorCountableConnection


class VendorFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    clusters = graphene.List(graphene.NonNull(graphene.ID))
    country = graphene.String()
    craft = graphene.String()


def _filtered(vendors: Any, data: dict[str, Any], type_name: str) -> Any:
    if data.get("ids") is not None:
        vendors = vendors.filter(pk__in=decode_ids(data["ids"], type_name))
    if data.get("slugs") is not None:
        vendors = vendors.filter(slug__in=data["slugs"])
    if data.get("clusters") is not None:
        vendors = vendors.filter(cluster_id__in=decode_ids(data["clusters"], "Cluster"))
    if data.get("country"):
        vendors = vendors.filter(country=data["country"].upper())
    if data.get("craft"):
        vendors = vendors.filter(craft__iexact=data["craft"])
    if data.get("search"):
        text = data["search"]
        vendors = vendors.filter(
            Q(name__icontains=text) | Q(town__icontains=text) | Q(craft__icontains=text)
        )
    return vendors.order_by("name", "pk")


def _one(queryset: Any, type_name: str, id: str | None, slug: str | None) -> Any:
    if (id is None) == (slug is None):
        raise GraphQLError("Provide exactly one of `id` or `slug`.")
    if id is not None:
        return queryset.filter(pk=decode_id(id, type_name)).first()
    return queryset.filter(slug=slug).first()


class VendorQueries(graphene.ObjectType):
    vendor = graphene.Field(Vendor, id=graphene.ID(), slug=graphene.String())
    vendors = graphene.Field(
        VendorCountableConnection,
        filter=graphene.Argument(VendorFilterInput),
        **connection_args(),
    )
    cluster = graphene.Field(Cluster, id=graphene.ID(), slug=graphene.String())
    clusters = graphene.Field(
        ClusterCountableConnection,
        filter=graphene.Argument(VendorFilterInput),
        **connection_args(),
    )

    @staticmethod
    def resolve_vendor(root: Any, info: Any, id: str | None = None, slug: str | None = None) -> Any:
        return _one(workshops_visible(see_all=is_staff(info)), "Vendor", id, slug)

    @staticmethod
    def resolve_vendors(root: Any, info: Any, **args: Any) -> Any:
        vendors = _filtered(
            workshops_visible(see_all=is_staff(info)), args.get("filter") or {}, "Vendor"
        )
        return paginate(
            vendors,
            args,
            connection_type=VendorCountableConnection,
            info=info,
            connection_name="vendors",
        )

    @staticmethod
    def resolve_cluster(
        root: Any, info: Any, id: str | None = None, slug: str | None = None
    ) -> Any:
        return _one(clusters_visible(see_all=is_staff(info)), "Cluster", id, slug)

    @staticmethod
    def resolve_clusters(root: Any, info: Any, **args: Any) -> Any:
        clusters = _filtered(
            clusters_visible(see_all=is_staff(info)), args.get("filter") or {}, "Cluster"
        )
        return paginate(
            clusters,
            args,
            connection_type=ClusterCountableConnection,
            info=info,
            connection_name="clusters",
        )
