"""Every unit of money a buyer pays ends up in exactly one place: a workshop's payout (or its
open balance), a cluster's fee, the marketplace's commission, or duties held for customs; to
the smallest currency unit, whatever the orders, discounts, refunds and their timing."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.accounts.models import User
from marketplace.core.money import quantize
from marketplace.orders.models import Order, OrderLine, VendorOrder
from marketplace.orders.services import line_refund_amount, order_refund_lines, vendor_order_fulfil
from marketplace.payments.models import Transaction
from marketplace.payouts.models import EntryKind, LedgerEntry, Payout
from marketplace.payouts.services import payouts_create
from tests.factories import ChannelFactory, ClusterFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

CURRENCIES = {"EUR": 2, "TND": 3, "DZD": 2}


def amounts(currency: str, high: int) -> st.SearchStrategy[Decimal]:
    places = CURRENCIES[currency]
    return st.integers(min_value=0, max_value=high * 10**places).map(
        lambda units: Decimal(units).scaleb(-places)
    )


@st.composite
def orders(draw: st.DrawFn) -> dict:
    currency = draw(st.sampled_from(sorted(CURRENCIES)))
    parcels = []
    for _ in range(draw(st.integers(1, 3))):
        lines = [
            {
                "unit": draw(amounts(currency, 400)),
                "wrap": draw(amounts(currency, 20)),
                "quantity": draw(st.integers(1, 4)),
                "refund": draw(st.integers(0, 4)),
            }
            for _ in range(draw(st.integers(1, 3)))
        ]
        goods = sum(line["unit"] * line["quantity"] for line in lines)
        parcels.append(
            {
                "lines": lines,
                "shipping": draw(amounts(currency, 60)),
                "discount": quantize(goods * Decimal(draw(st.integers(0, 50))) / 100, currency),
                "marketplace_funded": draw(st.booleans()),
                "duties": draw(amounts(currency, 30)),
                "commission": Decimal(draw(st.integers(0, 2500))) / 10000,
                "cluster_fee": Decimal(draw(st.integers(0, 800))) / 10000,
                "in_cluster": draw(st.booleans()),
                "refund_before_shipping": draw(st.booleans()),
                "include_shipping": draw(st.booleans()),
            }
        )
    return {"currency": currency, "parcels": parcels, "pay_out_midway": draw(st.booleans())}


def _build(plan: dict, staff: User) -> Order:
    currency = plan["currency"]
    channel = ChannelFactory(slug=f"market-{currency.lower()}", currency_code=currency)
    cluster = ClusterFactory()
    order = Order.objects.create(
        number=abs(hash(uuid.uuid4())) % 10**9,
        checkout_token=uuid.uuid4(),
        channel=channel,
        user_email="buyer@example.com",
        currency=currency,
        goods_total=0,
        packaging_total=0,
        shipping_total=0,
        discount_total=0,
        total=0,
    )
    grand = Decimal(0)
    for parcel in plan["parcels"]:
        workshop = WorkshopFactory(cluster=cluster if parcel["in_cluster"] else None)
        goods = sum(line["unit"] * line["quantity"] for line in parcel["lines"])
        wrap = sum(line["wrap"] * line["quantity"] for line in parcel["lines"])
        vendor_order = VendorOrder.objects.create(
            order=order,
            vendor=workshop,
            shipping_method_name="Post",
            shipping_price=parcel["shipping"],
            goods_total=goods,
            packaging_total=wrap,
            discount=parcel["discount"],
            discount_funded_by_marketplace=parcel["marketplace_funded"],
            duties=parcel["duties"],
            commission_rate=parcel["commission"],
            cluster_fee_rate=parcel["cluster_fee"] if parcel["in_cluster"] else 0,
        )
        for index, line in enumerate(parcel["lines"]):
            OrderLine.objects.create(
                order=order,
                vendor_order=vendor_order,
                product_name=f"Piece {index}",
                quantity=line["quantity"],
                currency=currency,
                unit_price=line["unit"],
                total_price=line["unit"] * line["quantity"],
                packaging_unit_price=line["wrap"],
            )
        grand += vendor_order.total
    Order.objects.filter(pk=order.pk).update(total=grand)
    Transaction.objects.create(
        checkout_token=order.checkout_token,
        order=order,
        channel=channel,
        gateway_id="marketplace.payments.demo",
        name="Demo",
        psp_reference=f"demo_{uuid.uuid4().hex[:12]}",
        currency=currency,
        amount_requested=max(grand, Decimal("0.01")),
        charged=grand,
        idempotency_key="k",
    )
    return order


def _refund(order: Order, vendor_order: VendorOrder, parcel: dict, staff: User) -> None:
    wanted = []
    for line, spec in zip(
        vendor_order.lines.order_by("product_name"), parcel["lines"], strict=True
    ):
        quantity = min(spec["refund"], line.quantity)
        if quantity and line_refund_amount(line, quantity, vendor_order) > 0:
            wanted.append((line.pk, quantity))
    if wanted:
        order_refund_lines(
            actor=staff,
            order_id=order.pk,
            lines=wanted,
            include_shipping=parcel["include_shipping"],
            key=uuid.uuid4().hex,
        )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=orders())
def test_payouts_and_fees_add_up_to_what_was_captured(plan, django_db_blocker):
    with transaction.atomic():
        staff = User.objects.create_user(
            f"staff-{uuid.uuid4().hex[:8]}@example.com", "pw", is_staff=True
        )
        order = _build(plan, staff)
        currency = plan["currency"]
        vendor_orders = list(order.vendor_orders.order_by("pk"))
        for vendor_order, parcel in zip(vendor_orders, plan["parcels"], strict=True):
            if parcel["refund_before_shipping"]:
                _refund(order, vendor_order, parcel, staff)
        if plan["pay_out_midway"]:
            vendor_orders[0].refresh_from_db()
            if vendor_orders[0].status == "UNFULFILLED":
                vendor_order_fulfil(actor=staff, vendor_order_id=vendor_orders[0].pk)
            payouts_create(currency=currency)
        for vendor_order, parcel in zip(vendor_orders, plan["parcels"], strict=True):
            vendor_order.refresh_from_db()
            if vendor_order.status == "UNFULFILLED":  # refunded in full: cancelled, not shipped
                vendor_order_fulfil(actor=staff, vendor_order_id=vendor_order.pk)
            if not parcel["refund_before_shipping"]:
                _refund(order, VendorOrder.objects.get(pk=vendor_order.pk), parcel, staff)
        payouts_create(currency=currency)

        txn = Transaction.objects.get(order=order)
        captured = txn.charged - txn.refunded
        paid_out = sum((p.amount for p in Payout.objects.filter(currency=currency)), Decimal(0))
        entries = LedgerEntry.objects.filter(currency=currency)
        open_balances = sum((e.amount for e in entries.filter(vendor__isnull=False)), Decimal(0))
        fees_and_duties = sum((e.amount for e in entries.filter(vendor__isnull=True)), Decimal(0))
        assert paid_out + open_balances + fees_and_duties == captured
        assert open_balances <= 0  # everything owed was paid out; only clawbacks remain
        if not entries.filter(vendor__isnull=False, amount__lt=0, kind=EntryKind.REFUND).exists():
            assert open_balances == 0
            assert paid_out + fees_and_duties == captured
        for amount in entries.values_list("amount", flat=True):
            assert amount == quantize(amount, currency)
        transaction.set_rollback(True)
