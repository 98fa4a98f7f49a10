"""The group order itself, the manager's board, a member's desk and pooled purchases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.core.types import Money
from marketplace.graphql.vendors.types import Cluster, Vendor
from marketplace.wholesale import models as m
from marketplace.wholesale.services import allocation, production

from .roles import roles
from .types import (
    BusinessAccount,
    IncotermEnum,
    PaymentTermsEnum,
    PoolStatusEnum,
    QuoteStatusEnum,
    WholesaleMemberLoad,
    WholesaleProductionRow,
    WholesaleQuoteLine,
    WholesaleQuoteMessage,
    WholesaleQuoteShare,
    WholesaleQuoteVersion,
    WholesaleShipment,
    _money,
)


def _paid(quote: m.WholesaleQuote) -> Decimal:
    return sum((p.amount - p.refunded for p in quote.payments.all()), Decimal(0))


def _refunded_in_shares(quote: m.WholesaleQuote) -> Decimal:
    return sum((s.refunded for line in quote.lines.all() for s in line.shares.all()), Decimal(0))


class WholesaleQuote(graphene.ObjectType):
    """A business buyer's request for quote to a cluster, and the group order it becomes."""

    number = graphene.String(required=True)
    status = graphene.Field(QuoteStatusEnum, required=True)
    cluster = graphene.Field(Cluster, required=True)
    business_name = graphene.String(required=True)
    business = graphene.Field(BusinessAccount, description="For the buyer and the manager.")
    currency = graphene.String(required=True)
    target_date = graphene.Date(required=True)
    packaging = graphene.String(required=True)
    destination_country = graphene.String(required=True)
    destination_address = graphene.String(required=True)
    incoterm = graphene.Field(IncotermEnum, required=True)
    message = graphene.String(required=True)
    payment_terms = graphene.Field(PaymentTermsEnum, required=True)
    receivable_due = graphene.Date()
    created = graphene.DateTime(required=True)
    settled_at = graphene.DateTime()
    lines = graphene.List(graphene.NonNull(WholesaleQuoteLine), required=True)
    versions = graphene.List(
        graphene.NonNull(WholesaleQuoteVersion),
        required=True,
        description="Every revision sent (buyer and manager).",
    )
    current_version = graphene.Field(WholesaleQuoteVersion)
    accepted_version = graphene.Field(WholesaleQuoteVersion)
    messages = graphene.List(graphene.NonNull(WholesaleQuoteMessage), required=True)
    amount_paid = graphene.Field(Money, required=True)
    deposit_due = graphene.Field(Money, required=True)
    balance_due = graphene.Field(Money, required=True)
    progress = graphene.Int(required=True, description="Per cent made, over agreed shares.")
    shipment = graphene.Field(WholesaleShipment)
    member_loads = graphene.List(
        graphene.NonNull(WholesaleMemberLoad),
        required=True,
        description="Each member's capacity and load (the manager only).",
    )
    production = graphene.List(
        graphene.NonNull(WholesaleProductionRow),
        required=True,
        description="Agreed shares against their promised dates (the manager only).",
    )

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_incoterm(root: Any, info: Any) -> str:
        return str(root.incoterm)

    @staticmethod
    def resolve_payment_terms(root: Any, info: Any) -> str:
        return str(root.payment_terms)

    @staticmethod
    def resolve_status(root: Any, info: Any) -> str:
        return str(root.status)

    @staticmethod
    def _party(root: m.WholesaleQuote, info: Any) -> bool:
        who = roles(info)
        return who.manages(root) or who.buys(root)

    @staticmethod
    def resolve_business_name(root: m.WholesaleQuote, info: Any) -> str:
        return root.business.company_name

    @staticmethod
    def resolve_business(root: m.WholesaleQuote, info: Any) -> Any:
        return root.business if WholesaleQuote._party(root, info) else None

    @staticmethod
    def resolve_created(root: m.WholesaleQuote, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: m.WholesaleQuote, info: Any) -> Any:
        lines = list(root.lines.all())
        for line in lines:
            line.quote = root
        return lines

    @staticmethod
    def _versions(root: m.WholesaleQuote, info: Any) -> list[m.QuoteVersion]:
        if not WholesaleQuote._party(root, info):
            return []
        versions = sorted(root.versions.all(), key=lambda v: v.number)
        for version in versions:
            version.quote = root
        return versions

    @staticmethod
    def resolve_versions(root: m.WholesaleQuote, info: Any) -> Any:
        return WholesaleQuote._versions(root, info)

    @staticmethod
    def resolve_current_version(root: m.WholesaleQuote, info: Any) -> Any:
        versions = WholesaleQuote._versions(root, info)
        return versions[-1] if versions else None

    @staticmethod
    def resolve_accepted_version(root: m.WholesaleQuote, info: Any) -> Any:
        versions = WholesaleQuote._versions(root, info)
        return next((v for v in versions if v.pk == root.accepted_version_id), None)

    @staticmethod
    def resolve_messages(root: m.WholesaleQuote, info: Any) -> Any:
        if not WholesaleQuote._party(root, info):
            return []
        return sorted(root.messages.all(), key=lambda x: (x.created_at, x.pk))

    @staticmethod
    def _due(root: m.WholesaleQuote, info: Any, kind: str) -> Any:
        version = next((v for v in root.versions.all() if v.pk == root.accepted_version_id), None)
        if version is None or not WholesaleQuote._party(root, info):
            return _money(Decimal(0), root.currency)
        target = version.deposit if kind == "DEPOSIT" else version.total
        left = target - _paid(root) - _refunded_in_shares(root)
        return _money(max(Decimal(0), left), root.currency)

    @staticmethod
    def resolve_amount_paid(root: m.WholesaleQuote, info: Any) -> Any:
        paid = _paid(root) if WholesaleQuote._party(root, info) else Decimal(0)
        return _money(paid, root.currency)

    @staticmethod
    def resolve_deposit_due(root: m.WholesaleQuote, info: Any) -> Any:
        return WholesaleQuote._due(root, info, "DEPOSIT")

    @staticmethod
    def resolve_balance_due(root: m.WholesaleQuote, info: Any) -> Any:
        return WholesaleQuote._due(root, info, "BALANCE")

    @staticmethod
    def resolve_progress(root: m.WholesaleQuote, info: Any) -> int:
        agreed = [
            s
            for line in root.lines.all()
            for s in line.shares.all()
            if s.status == m.ShareStatus.ACCEPTED
        ]
        pieces = sum(s.quantity for s in agreed)
        made = sum(s.quantity * s.progress for s in agreed)
        return int(made / pieces) if pieces else 0

    @staticmethod
    def resolve_shipment(root: m.WholesaleQuote, info: Any) -> Any:
        shipment = getattr(root, "shipment", None)
        if shipment is None or not WholesaleQuote._party(root, info):
            return None
        shipment.quote = root
        return shipment

    @staticmethod
    def resolve_member_loads(root: m.WholesaleQuote, info: Any) -> Any:
        if not roles(info).manages(root):
            return []
        return allocation.member_loads(actor=info.context.user, quote_id=root.pk)

    @staticmethod
    def resolve_production(root: m.WholesaleQuote, info: Any) -> Any:
        if not roles(info).manages(root):
            return []
        rows = production.production_board(actor=info.context.user, quote_id=root.pk)
        for row in rows:
            row.share.line.quote = root
        return rows


class PooledPurchaseTier(graphene.ObjectType):
    min_quantity = graphene.Float(required=True)
    unit_price = graphene.Field(Money, required=True)


class PoolCommitment(graphene.ObjectType):
    workshop = graphene.Field(Vendor, required=True)
    workshop_name = graphene.String(required=True)
    quantity = graphene.Float(required=True)
    cost = graphene.Field(Money, description="Its exact part of the order, once ordered.")

    @staticmethod
    def resolve_workshop_name(root: m.PoolCommitment, info: Any) -> str:
        return root.workshop.name

    @staticmethod
    def resolve_cost(root: m.PoolCommitment, info: Any) -> Any:
        return _money(root.cost, root.purchase.currency)


class PooledPurchase(graphene.ObjectType):
    """Raw material bought together at the supplier's tier the members' commitments reach."""

    material = graphene.String(required=True)
    unit = graphene.String(required=True)
    supplier = graphene.String(required=True)
    currency = graphene.String(required=True)
    deadline = graphene.DateTime(required=True)
    status = graphene.Field(PoolStatusEnum, required=True)
    unit_price = graphene.Field(Money, description="The tier reached.")
    total_cost = graphene.Field(Money)
    committed_quantity = graphene.Float(required=True)
    tiers = graphene.List(graphene.NonNull(PooledPurchaseTier), required=True)
    commitments = graphene.List(graphene.NonNull(PoolCommitment), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_status(root: Any, info: Any) -> str:
        return str(root.status)

    @staticmethod
    def resolve_unit_price(root: m.PooledPurchase, info: Any) -> Any:
        return _money(root.unit_price, root.currency)

    @staticmethod
    def resolve_total_cost(root: m.PooledPurchase, info: Any) -> Any:
        return _money(root.total_cost, root.currency)

    @staticmethod
    def resolve_committed_quantity(root: m.PooledPurchase, info: Any) -> float:
        return float(sum((c.quantity for c in root.commitments.all()), Decimal(0)))

    @staticmethod
    def resolve_tiers(root: m.PooledPurchase, info: Any) -> Any:
        return [
            {
                "min_quantity": float(t.min_quantity),
                "unit_price": _money(t.unit_price, root.currency),
            }
            for t in root.tiers.all()
        ]

    @staticmethod
    def resolve_commitments(root: m.PooledPurchase, info: Any) -> Any:
        who = roles(info)
        rows = sorted(root.commitments.all(), key=lambda c: c.pk)
        for row in rows:
            row.purchase = root
        if who.staff or root.cluster_id in who.clusters:
            return rows
        return [c for c in rows if c.workshop_id in who.workshops]


class WholesaleBoard(graphene.ObjectType):
    """A cluster manager's view: every group order and pooled purchase of the cluster."""

    cluster = graphene.Field(Cluster, required=True)
    quotes = graphene.List(graphene.NonNull(WholesaleQuote), required=True)
    pooled_purchases = graphene.List(graphene.NonNull(PooledPurchase), required=True)


class WholesaleWorkshopDesk(graphene.ObjectType):
    """A member workshop's view: the shares offered to it, and its cluster's pooled purchases."""

    workshop = graphene.Field(Vendor, required=True)
    shares = graphene.List(graphene.NonNull(WholesaleQuoteShare), required=True)
    pooled_purchases = graphene.List(graphene.NonNull(PooledPurchase), required=True)
