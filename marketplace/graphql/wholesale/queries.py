"""Wholesale queries. The wrong actor gets what a missing object gets: null, or nothing."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch, Q

from marketplace.core.errors import DomainError
from marketplace.graphql.core.mutations import decode
from marketplace.vendors.models import Vendor as VendorModel
from marketplace.vendors.models import VendorKind
from marketplace.wholesale import models as m

from .quote_types import PooledPurchase, WholesaleBoard, WholesaleQuote, WholesaleWorkshopDesk
from .roles import roles
from .types import BusinessAccount, quotes_prefetched

LIST_LIMIT = 100


def _pk(value: str, *types: str) -> int | None:
    try:
        return decode(value, *types, field="id")
    except DomainError:
        return None


def _pools(cluster_id: int) -> list[m.PooledPurchase]:
    commitments = m.PoolCommitment.objects.select_related("workshop")
    return list(
        m.PooledPurchase.objects.filter(cluster_id=cluster_id)
        .prefetch_related("tiers", Prefetch("commitments", queryset=commitments))
        .order_by("-deadline", "-pk")[:LIST_LIMIT]
    )


class WholesaleQueries(graphene.ObjectType):
    business_account = graphene.Field(
        BusinessAccount, description="The requesting user's business account, if any."
    )
    business_accounts_to_review = graphene.List(
        graphene.NonNull(BusinessAccount),
        required=True,
        description="Staff: business accounts waiting for approval.",
    )
    wholesale_quotes = graphene.List(
        graphene.NonNull(WholesaleQuote),
        required=True,
        description="The business buyer's own quote requests and quotes, newest first.",
    )
    wholesale_quote = graphene.Field(
        WholesaleQuote,
        id=graphene.ID(required=True),
        description="For its buyer, the cluster's manager, staff, or a member with a share.",
    )
    wholesale_board = graphene.Field(
        WholesaleBoard,
        cluster=graphene.ID(required=True),
        description="A cluster manager's group orders and pooled purchases.",
    )
    wholesale_workshop_desk = graphene.Field(
        WholesaleWorkshopDesk,
        workshop=graphene.ID(required=True),
        description="A member workshop's shares and its cluster's pooled purchases.",
    )
    pooled_purchase = graphene.Field(PooledPurchase, id=graphene.ID(required=True))

    @staticmethod
    def resolve_business_account(root: Any, info: Any) -> Any:
        who = roles(info)
        if who.user_id is None:
            return None
        return m.BusinessAccount.objects.filter(user_id=who.user_id).first()

    @staticmethod
    def resolve_business_accounts_to_review(root: Any, info: Any) -> Any:
        if not roles(info).staff:
            return []
        rows = m.BusinessAccount.objects.filter(status=m.BusinessStatus.PENDING)
        return list(rows.order_by("created_at", "pk")[:LIST_LIMIT])

    @staticmethod
    def resolve_wholesale_quotes(root: Any, info: Any) -> Any:
        who = roles(info)
        if who.user_id is None:
            return []
        rows = m.WholesaleQuote.objects.filter(business__user_id=who.user_id)
        return list(quotes_prefetched(rows).order_by("-created_at", "-pk")[:LIST_LIMIT])

    @staticmethod
    def resolve_wholesale_quote(root: Any, info: Any, id: str) -> Any:
        pk = _pk(id, "WholesaleQuote")
        who = roles(info)
        if pk is None or who.user_id is None:
            return None
        quote = quotes_prefetched(m.WholesaleQuote.objects.filter(pk=pk)).first()
        if quote is None:
            return None
        member = any(
            s.workshop_id in who.workshops for line in quote.lines.all() for s in line.shares.all()
        )
        return quote if who.manages(quote) or who.buys(quote) or member else None

    @staticmethod
    def resolve_wholesale_board(root: Any, info: Any, cluster: str) -> Any:
        pk = _pk(cluster, "Cluster")
        who = roles(info)
        found = VendorModel.objects.filter(pk=pk, kind=VendorKind.CLUSTER).first() if pk else None
        if found is None or not (who.staff or found.pk in who.clusters):
            return None
        rows = quotes_prefetched(m.WholesaleQuote.objects.filter(cluster=found))
        return WholesaleBoard(
            cluster=found,
            quotes=list(rows.order_by("-created_at", "-pk")[:LIST_LIMIT]),
            pooled_purchases=_pools(found.pk),
        )

    @staticmethod
    def resolve_wholesale_workshop_desk(root: Any, info: Any, workshop: str) -> Any:
        pk = _pk(workshop, "Vendor")
        found = VendorModel.objects.filter(pk=pk, kind=VendorKind.WORKSHOP).first() if pk else None
        if found is None or not roles(info).makes(found.pk):
            return None
        quotes = quotes_prefetched(m.WholesaleQuote.objects.all())
        shares = list(
            m.QuoteShare.objects.filter(workshop=found)
            .exclude(Q(status=m.ShareStatus.WITHDRAWN) | Q(status=m.ShareStatus.DECLINED))
            .select_related("workshop", "line")
            .prefetch_related("reports", Prefetch("line__quote", queryset=quotes))
            .order_by("-pk")[:LIST_LIMIT]
        )
        return WholesaleWorkshopDesk(
            workshop=found,
            shares=shares,
            pooled_purchases=_pools(found.cluster_id) if found.cluster_id else [],
        )

    @staticmethod
    def resolve_pooled_purchase(root: Any, info: Any, id: str) -> Any:
        pk = _pk(id, "PooledPurchase")
        who = roles(info)
        purchase = m.PooledPurchase.objects.filter(pk=pk).first() if pk else None
        if purchase is None:
            return None
        member = VendorModel.objects.filter(
            pk__in=who.workshops, cluster_id=purchase.cluster_id
        ).exists()
        return purchase if who.staff or purchase.cluster_id in who.clusters or member else None
