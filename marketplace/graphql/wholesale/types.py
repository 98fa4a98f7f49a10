"""GraphQL types of group orders (a marketplace extension, in Saleor's style). Nested lists
read what the queries prefetched (``quotes_prefetched``): a list costs the same queries
whatever the number of quotes, lines and shares. What an actor may not see resolves empty."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from marketplace.graphql.catalog.media import absolute_url
from marketplace.graphql.core.types import Money
from marketplace.graphql.vendors.types import Vendor
from marketplace.wholesale import models as m
from marketplace.wholesale.links import invoice_pdf_path, version_pdf_path

from .roles import roles

QuoteStatusEnum = graphene.Enum(
    "WholesaleQuoteStatusEnum", [(c.value, c.value) for c in m.QuoteStatus]
)
ShareStatusEnum = graphene.Enum(
    "WholesaleShareStatusEnum", [(c.value, c.value) for c in m.ShareStatus]
)
BusinessStatusEnum = graphene.Enum(
    "BusinessAccountStatusEnum", [(c.value, c.value) for c in m.BusinessStatus]
)
PaymentTermsEnum = graphene.Enum(
    "WholesalePaymentTermsEnum", [(c.value, c.value) for c in m.PaymentTerms]
)
PoolStatusEnum = graphene.Enum(
    "PooledPurchaseStatusEnum", [(c.value, c.value) for c in m.PoolStatus]
)
IncotermEnum = graphene.Enum("IncotermEnum", [("DAP", "DAP"), ("DDP", "DDP")])


def _money(amount: Decimal | None, currency: str) -> Any:
    return None if amount is None else Money.build(amount, currency)


def _quote_type() -> Any:
    from .quote_types import WholesaleQuote

    return WholesaleQuote


def quotes_prefetched(rows: QuerySet[m.WholesaleQuote]) -> QuerySet[m.WholesaleQuote]:
    shares = m.QuoteShare.objects.select_related("workshop").prefetch_related("reports")
    return rows.select_related("business", "cluster", "shipment").prefetch_related(
        "lines__photos",
        Prefetch("lines__shares", queryset=shares),
        "versions",
        "messages__author",
        "payments",
        "shipment__boxes",
    )


class BusinessAccount(graphene.ObjectType):
    company_name = graphene.String(required=True)
    vat_number = graphene.String(required=True)
    eori_number = graphene.String(required=True)
    address = graphene.String(required=True)
    country = graphene.String(required=True)
    contact_name = graphene.String(required=True)
    contact_email = graphene.String(required=True)
    status = graphene.Field(BusinessStatusEnum, required=True)
    net_terms_approved = graphene.Boolean(required=True)
    created = graphene.DateTime(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_status(root: Any, info: Any) -> str:
        return str(root.status)

    @staticmethod
    def resolve_created(root: m.BusinessAccount, info: Any) -> Any:
        return root.created_at


class WholesaleProgressReport(graphene.ObjectType):
    progress = graphene.Int(required=True)
    quality_passed = graphene.Boolean()
    note = graphene.String(required=True)
    photo_url = graphene.String()
    created = graphene.DateTime(required=True)

    @staticmethod
    def resolve_photo_url(root: m.ProgressReport, info: Any) -> str | None:
        return absolute_url(info, root.photo.url) if root.photo else None

    @staticmethod
    def resolve_created(root: m.ProgressReport, info: Any) -> Any:
        return root.created_at


class WholesaleQuoteShare(graphene.ObjectType):
    """Part of a line offered to (and made by) one member workshop."""

    workshop = graphene.Field(Vendor, required=True)
    workshop_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    value = graphene.Field(Money, required=True)
    promised_date = graphene.Date(required=True)
    status = graphene.Field(ShareStatusEnum, required=True)
    counter_quantity = graphene.Int()
    counter_unit_price = graphene.Field(Money)
    counter_date = graphene.Date()
    note = graphene.String(required=True)
    progress = graphene.Int(required=True, description="Per cent made.")
    received_quantity = graphene.Int(required=True)
    late_notified = graphene.Boolean(required=True)
    reports = graphene.List(graphene.NonNull(WholesaleProgressReport), required=True)
    line = graphene.Field(lambda: WholesaleQuoteLine, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_status(root: Any, info: Any) -> str:
        return str(root.status)

    @staticmethod
    def _currency(root: m.QuoteShare) -> str:
        return root.line.quote.currency

    @staticmethod
    def resolve_workshop_name(root: m.QuoteShare, info: Any) -> str:
        return root.workshop.name

    @staticmethod
    def resolve_unit_price(root: m.QuoteShare, info: Any) -> Any:
        return _money(root.unit_price, root.line.quote.currency)

    @staticmethod
    def resolve_value(root: m.QuoteShare, info: Any) -> Any:
        return _money(root.unit_price * root.quantity, root.line.quote.currency)

    @staticmethod
    def resolve_counter_unit_price(root: m.QuoteShare, info: Any) -> Any:
        return _money(root.counter_unit_price, root.line.quote.currency)

    @staticmethod
    def resolve_reports(root: m.QuoteShare, info: Any) -> Any:
        return sorted(root.reports.all(), key=lambda r: (r.created_at, r.pk))


class WholesaleQuoteLine(graphene.ObjectType):
    title = graphene.String(required=True)
    specification = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    hs_code = graphene.String(required=True)
    unit_weight_kg = graphene.Float(required=True)
    product_id = graphene.ID(description="The listed Product, for a catalogue line.")
    reference_photos = graphene.List(graphene.NonNull(graphene.String), required=True)
    shared_quantity = graphene.Int(required=True, description="In offered or agreed shares.")
    accepted_quantity = graphene.Int(required=True)
    shares = graphene.List(
        graphene.NonNull(WholesaleQuoteShare),
        required=True,
        description="All shares for the cluster's manager; a member sees its own; buyers none.",
    )
    quote = graphene.Field(lambda: _quote_type(), required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_product_id(root: m.QuoteLine, info: Any) -> str | None:
        return (
            graphene.relay.Node.to_global_id("Product", root.product_id)
            if root.product_id
            else None
        )

    @staticmethod
    def resolve_unit_weight_kg(root: m.QuoteLine, info: Any) -> float:
        return float(root.unit_weight_kg)

    @staticmethod
    def resolve_reference_photos(root: m.QuoteLine, info: Any) -> list[str]:
        return [absolute_url(info, p.image.url) for p in root.photos.all()]

    @staticmethod
    def resolve_shared_quantity(root: m.QuoteLine, info: Any) -> int:
        return sum(s.quantity for s in root.shares.all() if s.status in m.LIVE_SHARES)

    @staticmethod
    def resolve_accepted_quantity(root: m.QuoteLine, info: Any) -> int:
        return sum(s.quantity for s in root.shares.all() if s.status == m.ShareStatus.ACCEPTED)

    @staticmethod
    def resolve_shares(root: m.QuoteLine, info: Any) -> list[m.QuoteShare]:
        who = roles(info)
        shares = list(root.shares.all())
        for share in shares:
            share.line = root
        if who.manages(root.quote):
            return shares
        return [s for s in shares if s.workshop_id in who.workshops]


class WholesaleQuotedLine(graphene.ObjectType):
    """A line of a quote version as it was sent: frozen."""

    title = graphene.String(required=True)
    producer = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True)
    value = graphene.Field(Money, required=True)
    promised_date = graphene.Date(required=True)


class WholesaleQuoteVersion(graphene.ObjectType):
    number = graphene.Int(required=True)
    lines_total = graphene.Field(Money, required=True)
    cluster_fee = graphene.Field(Money, required=True, description="Included in the lines.")
    packaging = graphene.Field(Money, required=True)
    shipping = graphene.Field(Money, required=True, description="One consolidated shipment.")
    duties = graphene.Field(Money, required=True, description="Estimate; charged under DDP.")
    total = graphene.Field(Money, required=True)
    deposit = graphene.Field(Money, required=True)
    lead_time_days = graphene.Int(required=True)
    expires_on = graphene.Date(required=True)
    created = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(WholesaleQuotedLine), required=True)
    pdf_url = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_created(root: m.QuoteVersion, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: m.QuoteVersion, info: Any) -> list[dict[str, Any]]:
        cur = root.quote.currency
        return [
            {
                "title": row["title"],
                "producer": row["producer"],
                "quantity": row["quantity"],
                "unit_price": _money(Decimal(row["unit_price"]), cur),
                "value": _money(Decimal(row["value"]), cur),
                "promised_date": row["promised_date"],
            }
            for row in root.snapshot
        ]

    @staticmethod
    def resolve_pdf_url(root: m.QuoteVersion, info: Any) -> str:
        return absolute_url(info, version_pdf_path(quote_id=root.quote_id, number=root.number))


def _version_money(name: str) -> Any:
    def resolve(root: m.QuoteVersion, info: Any) -> Any:
        return _money(getattr(root, name), root.quote.currency)

    return resolve


for _name in ("lines_total", "cluster_fee", "packaging", "shipping", "duties", "total", "deposit"):
    setattr(WholesaleQuoteVersion, f"resolve_{_name}", staticmethod(_version_money(_name)))


class WholesaleQuoteMessage(graphene.ObjectType):
    author_name = graphene.String(required=True)
    is_mine = graphene.Boolean(required=True)
    body = graphene.String(required=True)
    created = graphene.DateTime(required=True)

    @staticmethod
    def resolve_author_name(root: m.QuoteMessage, info: Any) -> str:
        author = root.author
        if author is None:
            return str(_("A closed account"))
        return author.get_full_name() or author.email.split("@")[0]

    @staticmethod
    def resolve_is_mine(root: m.QuoteMessage, info: Any) -> bool:
        return root.author_id == roles(info).user_id

    @staticmethod
    def resolve_created(root: m.QuoteMessage, info: Any) -> Any:
        return root.created_at


class WholesaleBoxContent(graphene.ObjectType):
    share = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class WholesaleShipmentBox(graphene.ObjectType):
    number = graphene.Int(required=True)
    weight_kg = graphene.Float(required=True)
    contents = graphene.List(graphene.NonNull(WholesaleBoxContent), required=True)

    @staticmethod
    def resolve_contents(root: m.ShipmentBox, info: Any) -> list[dict[str, Any]]:
        to_id = graphene.relay.Node.to_global_id
        return [
            {"share": to_id("WholesaleQuoteShare", row["share"]), "quantity": row["quantity"]}
            for row in root.contents
        ]


class WholesaleShipment(graphene.ObjectType):
    carrier = graphene.String(required=True)
    tracking_number = graphene.String(required=True)
    shipped_at = graphene.DateTime()
    boxes = graphene.List(graphene.NonNull(WholesaleShipmentBox), required=True)
    commercial_invoice_url = graphene.String(
        required=True, description="The commercial invoice and packing list (PDF)."
    )

    @staticmethod
    def resolve_boxes(root: m.Shipment, info: Any) -> Any:
        return sorted(root.boxes.all(), key=lambda b: b.number)

    @staticmethod
    def resolve_commercial_invoice_url(root: m.Shipment, info: Any) -> str:
        return absolute_url(info, invoice_pdf_path(quote_id=root.quote_id))


class WholesaleMemberLoad(graphene.ObjectType):
    workshop = graphene.Field(Vendor, required=True)
    pieces_per_week = graphene.Int(required=True, description="The capacity it stated.")
    pieces_in_hand = graphene.Int(required=True, description="Offered or agreed, not shipped.")


class WholesaleProductionRow(graphene.ObjectType):
    share = graphene.Field(WholesaleQuoteShare, required=True)
    late = graphene.Boolean(required=True)
    days_late = graphene.Int(required=True)
