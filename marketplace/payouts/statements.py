"""A workshop's statement for a period, in one currency: the opening balance, every entry of
its ledger in the period (a parcel's sale with its commission and cluster fee, refunds,
payouts and payouts credited back), the running balance and the closing balance; as CSV
(amounts to the currency's unit, a dot for decimals) and as PDF. Four queries."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.core.money import quantize
from marketplace.orders.models import VendorOrder

from .models import EntryKind, LedgerEntry

OWN_KINDS = [EntryKind.SALE, EntryKind.REFUND, EntryKind.PAYOUT, EntryKind.PAYOUT_REVERSAL]
CSV_COLUMNS = [
    "date",
    "type",
    "order",
    "pieces",
    "packaging",
    "shipping",
    "discount",
    "gross",
    "commission",
    "cluster_fee",
    "net",
    "balance",
    "currency",
]


@dataclass(frozen=True)
class StatementRow:
    day: date
    kind: str
    order_number: int | None
    pieces: Decimal | None
    packaging: Decimal | None
    shipping: Decimal | None
    discount: Decimal | None
    gross: Decimal
    commission: Decimal
    cluster_fee: Decimal
    net: Decimal
    balance: Decimal
    reference: str


@dataclass(frozen=True)
class Statement:
    vendor_name: str
    currency: str
    start: date
    end: date  # inclusive
    opening: Decimal
    rows: list[StatementRow]

    @property
    def closing(self) -> Decimal:
        return self.rows[-1].balance if self.rows else self.opening

    def total(self, field: str) -> Decimal:
        return sum((getattr(row, field) or Decimal(0) for row in self.rows), Decimal(0))


def month_bounds(month: str | None) -> tuple[date, date]:
    """ "2026-11" -> (1 Nov, 30 Nov); None -> the current month. ValueError when malformed."""
    if month:
        first = datetime.strptime(month, "%Y-%m").date()
    else:
        first = timezone.localdate().replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def statement_for(
    *, vendor_id: int, vendor_name: str, currency: str, start: date, end: date
) -> Statement:
    low = timezone.make_aware(datetime.combine(start, time.min))
    high = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    own = LedgerEntry.objects.filter(vendor_id=vendor_id, currency=currency, kind__in=OWN_KINDS)
    opening = own.filter(created_at__lt=low).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    entries = list(
        own.filter(created_at__gte=low, created_at__lt=high).order_by("created_at", "pk")
    )
    parcel_ids = {e.vendor_order_id for e in entries if e.vendor_order_id}
    parcels = VendorOrder.objects.select_related("order").in_bulk(parcel_ids)
    fees: dict[str, dict[str, Decimal]] = {}
    for entry in LedgerEntry.objects.filter(
        vendor_order_id__in=parcel_ids, kind__in=[EntryKind.MARKETPLACE_FEE, EntryKind.CLUSTER_FEE]
    ):
        fees.setdefault(entry.key.rsplit(":", 1)[0], {})[entry.kind] = entry.amount
    rows, balance = [], Decimal(opening)
    for entry in entries:
        balance += entry.amount
        parcel = parcels.get(entry.vendor_order_id or 0)
        mine = fees.get(entry.key.rsplit(":", 1)[0], {})
        commission = mine.get(EntryKind.MARKETPLACE_FEE, Decimal(0))
        cluster_fee = mine.get(EntryKind.CLUSTER_FEE, Decimal(0))
        pieces = packaging = shipping = discount = None
        if entry.kind == EntryKind.SALE and parcel is not None:
            funded = parcel.discount_funded_by_marketplace
            if funded:
                commission += parcel.discount  # the marketplace's voucher is not the workshop's
            pieces, packaging = parcel.goods_total, parcel.packaging_total
            shipping = parcel.shipping_price
            discount = Decimal(0) if funded else parcel.discount
        rows.append(
            StatementRow(
                day=timezone.localdate(entry.created_at),
                kind=str(entry.kind),
                order_number=parcel.order.number if parcel else None,
                pieces=pieces,
                packaging=packaging,
                shipping=shipping,
                discount=discount,
                gross=quantize(entry.amount + commission + cluster_fee, currency),
                commission=quantize(commission, currency),
                cluster_fee=quantize(cluster_fee, currency),
                net=quantize(entry.amount, currency),
                balance=quantize(balance, currency),
                reference=f"payout {entry.payout_id}" if entry.payout_id else "",
            )
        )
    return Statement(
        vendor_name=vendor_name,
        currency=currency,
        start=start,
        end=end,
        opening=quantize(Decimal(opening), currency),
        rows=rows,
    )


def _amount(value: Decimal | None, currency: str) -> str:
    return "" if value is None else f"{quantize(value, currency)}"


def statement_csv(statement: Statement) -> str:
    cur = statement.currency
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerow(
        [statement.start.isoformat(), "OPENING", "", "", "", "", "", "", "", "", "",
         _amount(statement.opening, cur), cur]
    )  # fmt: skip
    for row in statement.rows:
        writer.writerow(
            [
                row.day.isoformat(),
                row.kind,
                row.order_number or row.reference,
                _amount(row.pieces, cur),
                _amount(row.packaging, cur),
                _amount(row.shipping, cur),
                _amount(row.discount, cur),
                _amount(row.gross, cur),
                _amount(row.commission, cur),
                _amount(row.cluster_fee, cur),
                _amount(row.net, cur),
                _amount(row.balance, cur),
                cur,
            ]
        )
    writer.writerow(
        [statement.end.isoformat(), "CLOSING", "", "", "", "", "", "", "", "", "",
         _amount(statement.closing, cur), cur]
    )  # fmt: skip
    return out.getvalue()


def statement_pdf(statement: Statement, *, language: str) -> bytes:
    from marketplace.orders.documents.writer import PaperWriter

    cur = statement.currency
    with translation.override(language):
        labels = {
            EntryKind.SALE: _("Sale"),
            EntryKind.REFUND: _("Refund"),
            EntryKind.PAYOUT: _("Payout"),
            EntryKind.PAYOUT_REVERSAL: _("Payout credited back"),
        }
        out = PaperWriter(_("Statement %(start)s") % {"start": statement.start.isoformat()})
        out.heading(_("Statement of account"))
        out.pairs(
            [
                (_("Workshop"), statement.vendor_name),
                (_("Period"), f"{statement.start.isoformat()} - {statement.end.isoformat()}"),
                (_("Currency"), cur),
                (_("Opening balance"), f"{statement.opening} {cur}"),
            ]
        )
        out.gap()
        out.table(
            [_("Date"), _("Entry"), _("Order"), _("Gross"), _("Commission"), _("Cluster fee"),
             _("Net"), _("Balance")],
            [
                [
                    row.day.isoformat(),
                    labels.get(row.kind, row.kind),  # type: ignore[call-overload]
                    f"#{row.order_number}" if row.order_number else row.reference,
                    _amount(row.gross, cur),
                    _amount(row.commission, cur),
                    _amount(row.cluster_fee, cur),
                    _amount(row.net, cur),
                    _amount(row.balance, cur),
                ]
                for row in statement.rows
            ],
            [20, 26, 18, 20, 20, 20, 20, 20],
            right=[3, 4, 5, 6, 7],
        )  # fmt: skip
        out.pairs(
            [
                (_("Commission"), f"{_amount(statement.total('commission'), cur)} {cur}"),
                (_("Cluster fee"), f"{_amount(statement.total('cluster_fee'), cur)} {cur}"),
                (_("Closing balance"), f"{statement.closing} {cur}"),
            ]
        )
        return out.done()
