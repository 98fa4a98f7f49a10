"""checkoutComplete: a paid checkout becomes one order with a sub-order per workshop.

Idempotent and safe under concurrency: the checkout row is locked while the order is built,
an order carries its checkout's token under a unique constraint, and the checkout is deleted
in the same transaction. A second call (or a concurrent one, which waits on the lock) finds
the order and returns it; it never charges or allocates twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from marketplace.accounts.redirects import redirect_url_validate
from marketplace.checkout.access import (
    MISSING,
    checkout_may_access,
    checkout_order_owner,
    checkout_read,
)
from marketplace.checkout.address_book import checkout_addresses_remember
from marketplace.checkout.customer import metadata_items
from marketplace.checkout.delivery import lines_for_pricing
from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.pricing import CheckoutTotals, checkout_totals
from marketplace.checkout.services import checkout_discard
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.metrics import checkout_completed
from marketplace.discounts.models import Voucher
from marketplace.inventory.services import (
    Allocated,
    InsufficientStock,
    StockRequest,
    stock_allocate,
)
from marketplace.payments.models import Transaction
from marketplace.payments.services import checkout_paid, transaction_refund
from marketplace.shipping.quotes import line_unit_weight

from .models import Order, OrderEvent, OrderLine, VendorOrder
from .money import discount_shares, fee_rates
from .notify import order_placed
from .overpayment import order_refund_overpayment


class CompletionError(DomainError):
    def __init__(self, message: str, *, code: str, field: str | None = None, variants: Any = None):
        super().__init__(message, field=field, code=code)
        self.variants = variants or []


def checkout_complete(
    *,
    token: UUID,
    user: Any = None,
    redirect_url: str = "",
    metadata: Sequence[tuple[str, str]] = (),
) -> Order:
    """The order for this checkout, placing it if needed. Raises CompletionError (nothing is
    written) when the checkout is not ready, not paid, or stock ran out; in the last case the
    payments already taken are refunded. ``metadata`` is added to the order's. Whatever was
    paid beyond the order's total is refunded once the order exists. A ``redirect_url`` must
    be on an allowed client host (INVALID on redirectUrl, nothing done)."""
    if redirect_url:
        redirect_url_validate(redirect_url)
    extra = metadata_items(metadata)
    try:
        order, placed = _order_of(token, user, redirect_url=redirect_url, metadata=extra)
    except DomainError as error:
        checkout_completed(outcome=error.code)
        raise
    checkout_completed(outcome="completed")
    # Paid more than the order costs (a promo code after paying, crossed payments, a late
    # gateway answer recorded after the order was placed: charges are recorded under the
    # transaction's lock, not the checkout's): the excess goes back now, measured afresh
    # every call, so a retry finishes an interrupted one.
    order_refund_overpayment(order=order, placed_in_this_transaction=placed)
    return order


def _order_of(
    token: UUID, user: Any, *, redirect_url: str, metadata: dict[str, str]
) -> tuple[Order, bool]:
    """The order, and whether this call placed it. A placed order's checkout is gone (deleted
    in the order's transaction), so the order is looked for only when no checkout is found."""
    try:
        with transaction.atomic():
            checkout = checkout_read(token=token, lock=True)
            if checkout is None:  # completed (before, or by a call we waited for), or never was
                placed = Order.objects.filter(checkout_token=token).first()
                if placed is None:
                    raise NotFound(MISSING, field="id")
                return _placed_for(placed, user), False
            if not checkout_may_access(actor=user, checkout=checkout):
                raise NotFound(MISSING, field="id")
            return _place(checkout, user=user, redirect_url=redirect_url, metadata=metadata), True
    except InsufficientStock as short:
        refunded = _refund_checkout_payments(token)
        note = f" The payment of {refunded} was refunded." if refunded else ""
        raise CompletionError(
            "Sorry, another buyer took the last piece of something in your basket." + note,
            field="lines",
            code="INSUFFICIENT_STOCK",
            variants=short.variant_ids,
        ) from short


def _placed_for(order: Order, actor: Any) -> Order:
    """A completed checkout's order, answered again only to whom the checkout was open."""
    if order.user_id is None or (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and (actor.pk == order.user_id or actor.is_staff)
    ):
        return order
    raise NotFound(MISSING, field="id")


def _check_ready(checkout: Checkout, lines: list[CheckoutLine], totals: CheckoutTotals) -> None:
    if not lines:
        raise CompletionError("The checkout has no lines.", field="lines", code="NO_LINES")
    missing = [line.variant_id for line in lines if line.variant_id not in totals.listed]
    if missing:
        raise CompletionError(
            "Some items are no longer sold in this channel: remove them first.",
            field="lines",
            code="UNAVAILABLE_VARIANT_IN_CHANNEL",
            variants=missing,
        )
    if not checkout.email:
        raise CompletionError("Give an email address first.", field="email", code="EMAIL_NOT_SET")
    if checkout.billing_address_id is None:
        raise CompletionError(
            "Set the billing address first.", field="billingAddress", code="BILLING_ADDRESS_NOT_SET"
        )
    if totals.groups:
        if checkout.shipping_address_id is None:
            raise CompletionError(
                "Set the shipping address first.",
                field="shippingAddress",
                code="SHIPPING_ADDRESS_NOT_SET",
            )
        unchosen = [g.vendor.name for g in totals.groups if g.vendor.pk not in totals.chosen]
        if unchosen:
            raise CompletionError(
                f"Choose how the parcel from {', '.join(unchosen)} is shipped.",
                field="deliveryMethodId",
                code="SHIPPING_METHOD_NOT_SET",
            )
    if checkout.voucher_code and totals.discount_name is None:
        raise CompletionError(
            f"The promo code {checkout.voucher_code} no longer applies (used up or expired): "
            "remove it to go on.",
            field="promoCode",
            code="VOUCHER_NOT_APPLICABLE",
        )
    paid = checkout_paid(checkout_token=checkout.token, currency=checkout.currency)
    if paid < totals.total:
        raise CompletionError(
            f"The checkout is not fully paid: {paid} of {totals.total} {checkout.currency}.",
            field="id",
            code="CHECKOUT_NOT_FULLY_PAID",
        )


def _allocate(checkout: Checkout, lines: list[CheckoutLine]) -> dict[UUID, list[list[int]]]:
    """Allocate every line's units; (stock id, quantity) pairs per line."""
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.variant_id] += line.quantity
    taken: list[Allocated] = stock_allocate(
        requests=[StockRequest(v, q) for v, q in sorted(wanted.items())],
        checkout_token=checkout.token,
    )
    pool = {v: [[a.stock_id, a.quantity] for a in taken if a.variant_id == v] for v in wanted}
    per_line: dict[UUID, list[list[int]]] = {}
    for line in lines:
        need, parts = line.quantity, []
        for part in pool[line.variant_id]:
            use = min(need, part[1])
            if use:
                parts.append([part[0], use])
                part[1] -= use
                need -= use
        per_line[line.pk] = parts
    return per_line


def _use_voucher(checkout: Checkout, totals: CheckoutTotals) -> Voucher | None:
    if not checkout.voucher_code or not totals.discount:
        return None
    voucher = Voucher.objects.filter(code__iexact=checkout.voucher_code).first()
    if voucher is None:
        return None
    try:
        with transaction.atomic():
            Voucher.objects.filter(pk=voucher.pk).update(used=F("used") + 1)
    except IntegrityError:  # the usage limit was reached by another order meanwhile
        raise CompletionError(
            "This promo code has been used up: remove it to go on.",
            field="promoCode",
            code="VOUCHER_NOT_APPLICABLE",
        ) from None
    return voucher


def _next_number() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('orders_order_number_seq')")
        return int(cursor.fetchone()[0])


def _place(checkout: Checkout, *, user: Any, redirect_url: str, metadata: dict[str, str]) -> Order:
    lines = lines_for_pricing(checkout)
    totals = checkout_totals(checkout=checkout, lines=lines)
    _check_ready(checkout, lines, totals)
    voucher = _use_voucher(checkout, totals)
    allocations = _allocate(checkout, lines)
    currency = checkout.currency
    order = Order.objects.create(
        number=_next_number(),
        checkout_token=checkout.token,
        channel_id=checkout.channel_id,
        user=checkout_order_owner(actor=user, checkout=checkout),
        user_email=checkout.email,
        language_code=checkout.language_code,
        currency=currency,
        shipping_address=checkout.shipping_address,
        billing_address=checkout.billing_address,
        customer_note=checkout.customer_note,
        voucher_code=checkout.voucher_code if voucher else "",
        goods_total=totals.goods,
        packaging_total=totals.packaging,
        shipping_total=totals.shipping,
        discount_total=totals.discount if voucher else Decimal(0),
        duties_total=totals.duties,
        duties_estimate=totals.duties_estimate,
        duties_mode=totals.duties_mode,
        total=totals.total,
        redirect_url=redirect_url,
        metadata={**checkout.metadata, **metadata},
    )
    if order.user is not None:
        checkout_addresses_remember(checkout=checkout, user=order.user)
    by_vendor: dict[int, list[CheckoutLine]] = defaultdict(list)
    for line in lines:
        by_vendor[line.variant.product.vendor_id].append(line)
    shares = discount_shares(
        voucher=voucher, totals=totals, lines=lines, amount=order.discount_total
    )
    clusters = {
        line.variant.product.vendor_id: line.variant.product.vendor.cluster_id for line in lines
    }
    rates = fee_rates(vendor_ids=list(by_vendor), clusters=clusters)
    parcels = sorted(by_vendor.items())
    # One INSERT for the sub-orders and one for all the lines, however many workshops.
    vendor_orders = VendorOrder.objects.bulk_create(
        [
            _vendor_order(order, vendor_id, vendor_lines, totals, voucher, shares, rates)
            for vendor_id, vendor_lines in parcels
        ]
    )
    order_lines = []
    for vendor_order, (vendor_id, vendor_lines) in zip(vendor_orders, parcels, strict=True):
        customs = totals.customs.get(vendor_id)
        facts = {c.line_id: c for c in customs.lines} if customs else {}
        order_lines += [
            _order_line(order, vendor_order, line, totals, facts.get(line.pk), allocations)
            for line in vendor_lines
        ]
    OrderLine.objects.bulk_create(order_lines)
    Transaction.objects.filter(checkout_token=checkout.token).update(order=order)
    OrderEvent.objects.create(order=order, type="PLACED", message=f"Order #{order.number} placed.")
    checkout_discard(token=checkout.token)
    order_placed(order, vendor_order_ids=[v.pk for v in vendor_orders])
    return order


def _vendor_order(
    order: Order,
    vendor_id: int,
    vendor_lines: list[CheckoutLine],
    totals: CheckoutTotals,
    voucher: Voucher | None,
    shares: dict[int, Decimal],
    rates: dict[int, tuple[Decimal, Decimal]],
) -> VendorOrder:
    chosen = totals.chosen.get(vendor_id)
    customs = totals.customs.get(vendor_id)
    return VendorOrder(
        order=order,
        vendor_id=vendor_id,
        shipping_method_id=chosen.method_id if chosen else None,
        shipping_method_name=chosen.name if chosen else "",
        shipping_price=chosen.price if chosen else Decimal(0),
        goods_total=sum((totals.lines[li.pk].total for li in vendor_lines), Decimal(0)),
        packaging_total=sum(
            (totals.lines[li.pk].packaging_total for li in vendor_lines), Decimal(0)
        ),
        discount=shares.get(vendor_id, Decimal(0)),
        discount_funded_by_marketplace=voucher is not None and voucher.vendor_id is None,
        duties=customs.duties if customs and totals.duties_mode == "DDP" else Decimal(0),
        customs_form=customs.form if customs else "",
        commission_rate=rates[vendor_id][0],
        cluster_fee_rate=rates[vendor_id][1],
    )


def _order_line(
    order: Order,
    vendor_order: VendorOrder,
    line: CheckoutLine,
    totals: CheckoutTotals,
    customs: Any,
    allocations: dict[UUID, list[list[int]]],
) -> OrderLine:
    variant, product = line.variant, line.variant.product
    price = totals.lines[line.pk]
    option = line.packaging_option
    return OrderLine(
        order=order,
        vendor_order=vendor_order,
        variant=variant,
        product_name=product.name,
        variant_name=variant.name,
        product_sku=variant.sku or "",
        is_shipping_required=product.product_type.is_shipping_required,
        quantity=line.quantity,
        currency=order.currency,
        unit_price=price.unit,
        total_price=price.total,
        packaging_option=option,
        packaging_name=option.name if option else "",
        packaging_unit_price=price.packaging_unit,
        gift_message=line.gift_message,
        customs_description=customs.description if customs else product.product_type.name,
        hs_code=customs.hs_code if customs else product.product_type.hs_code,
        origin_country=customs.origin_country if customs else str(product.vendor.country),
        unit_weight_kg=line_unit_weight(line).quantize(Decimal("0.001")),
        allocations=allocations[line.pk],
    )


def _refund_checkout_payments(token: UUID) -> str:
    """Give back what a checkout paid when it cannot become an order."""
    refunded = Decimal(0)
    currency = ""
    for txn in Transaction.objects.filter(checkout_token=token, order__isnull=True):
        if txn.captured_net > 0:
            event = transaction_refund(
                transaction_token=txn.token,
                amount=txn.captured_net,
                key=f"unfulfillable-{txn.token}",
                reason="Out of stock at checkout completion.",
            )
            if event.type == "REFUND_SUCCESS":
                refunded += event.amount
                currency = txn.currency
    return f"{refunded} {currency}" if refunded else ""
