"""Order mail and certificates, run by Celery after the order's transaction commits."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext

from marketplace.provenance.certificates import certificate_issue, certificates_revoke_for_order
from marketplace.provenance.models import Certificate
from marketplace.vendors.models import VendorMembership, VendorRole

from .models import Order, OrderLine, ParcelShipment, VendorOrder


def _money(amount: object, currency: str) -> str:
    return f"{amount} {currency}"


def _line_text(line: OrderLine) -> str:
    text = f"- {line.quantity} x {line.product_name}"
    if line.variant_name:
        text += f" ({line.variant_name})"
    text += f": {_money(line.total_price, line.currency)}"
    if line.packaging_name:
        text += f"\n    packed in: {line.packaging_name}"
    if line.gift_message:
        text += f"\n    gift message: {line.gift_message}"
    return text


@shared_task
def send_order_confirmation(*, order_id: str) -> int:
    """The buyer's confirmation, in the language they ordered in (confirmation.py)."""
    from .confirmation import confirmation_mail

    order = Order.objects.select_related("shipping_address").get(pk=order_id)
    subject, body = confirmation_mail(order)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.user_email])


def _workshop_recipients(vendor_order: VendorOrder) -> list[str]:
    emails = set(
        VendorMembership.objects.filter(
            vendor_id=vendor_order.vendor_id, role__in=[VendorRole.OWNER, VendorRole.STAFF]
        ).values_list("user__email", flat=True)
    )
    if vendor_order.vendor.contact_email:
        emails.add(vendor_order.vendor.contact_email)
    return sorted(emails)


@shared_task
def send_workshop_order_notice(*, vendor_order_id: int) -> int:
    vendor_order = VendorOrder.objects.select_related("vendor", "order__shipping_address").get(
        pk=vendor_order_id
    )
    recipients = _workshop_recipients(vendor_order)
    if not recipients:
        return 0
    order = vendor_order.order
    lines = "\n".join(_line_text(line) for line in vendor_order.lines.all())
    address = order.shipping_address
    body = (
        f"New order #{order.number} for {vendor_order.vendor.name}.\n\n{lines}\n\n"
        f"Ship by: {vendor_order.shipping_method_name or 'no shipping needed'}\n"
        + (f"Ship to: {address}\n" if address else "")
        + (f"Customs form: {vendor_order.customs_form}\n" if vendor_order.customs_form else "")
    )
    return send_mail(f"New order #{order.number}", body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def send_shipped_notice(*, vendor_order_id: int, shipment_id: int | None = None) -> int:
    """Tell the buyer a parcel (or part of it) left, in the language they ordered in: which
    pieces, the carrier and the tracking number, and whether more will follow."""
    vendor_order = VendorOrder.objects.select_related("vendor", "order").get(pk=vendor_order_id)
    order = vendor_order.order
    shipment = (
        ParcelShipment.objects.filter(pk=shipment_id, vendor_order=vendor_order).first()
        if shipment_id
        else None
    )
    lines = {str(line.pk): line for line in vendor_order.lines.all()}
    with translation.override(order.language_code or settings.LANGUAGE_CODE):
        carrier = shipment.carrier if shipment else vendor_order.shipping_method_name
        tracking = shipment.tracking_number if shipment else vendor_order.tracking_number
        facts = {"workshop": vendor_order.vendor.name, "number": order.number}
        if vendor_order.status == "FULFILLED":
            subject = gettext("Order #%(number)s: a parcel is on its way") % facts
            text = gettext("%(workshop)s has shipped its parcel of your order #%(number)s.") % facts
        else:
            subject = gettext("Order #%(number)s: part of a parcel is on its way") % facts
            text = (
                gettext(
                    "%(workshop)s has shipped part of its parcel of your order #%(number)s; "
                    "the rest will follow."
                )
                % facts
            )
        body = [text, ""]
        if shipment:
            for line_id, quantity in shipment.lines.items():
                line = lines.get(line_id)
                if line is not None:
                    body.append(f"- {quantity} x {line.product_name}")
            body.append("")
        if carrier:
            body.append(gettext("Carrier: %(carrier)s") % {"carrier": carrier})
        if tracking:
            body.append(gettext("Tracking number: %(tracking)s") % {"tracking": tracking})
    return send_mail(
        subject, "\n".join(body) + "\n", settings.DEFAULT_FROM_EMAIL, [order.user_email]
    )


@shared_task
def revoke_sale_certificates(*, order_id: str) -> int:
    order = Order.objects.get(pk=order_id)
    return certificates_revoke_for_order(
        order_reference=f"order #{order.number}", reason="The order was cancelled."
    )


@shared_task
def send_order_canceled(*, order_id: str) -> int:
    order = Order.objects.get(pk=order_id)
    body = (
        f"Your order #{order.number} was canceled and what you paid was refunded "
        f"({order.total} {order.currency}).\n"
    )
    return send_mail(
        f"Order #{order.number} canceled", body, settings.DEFAULT_FROM_EMAIL, [order.user_email]
    )


@shared_task
def issue_sale_certificates(*, order_id: str) -> int:
    """One certificate per piece sold, naming the order; safe to run twice."""
    order = Order.objects.get(pk=order_id)
    if order.status == "CANCELED":
        return 0  # cancelled before this task ran: nothing was sold
    issued = 0
    reference = f"order #{order.number}"
    for line in order.lines.select_related("variant__product__vendor"):
        if line.variant is None:
            continue
        have = Certificate.objects.filter(
            variant=line.variant, order_reference=reference, revoked_at__isnull=True
        ).count()
        for _ in range(line.quantity - have):
            certificate_issue(
                product=line.variant.product, variant=line.variant, order_reference=reference
            )
            issued += 1
    return issued


@shared_task
def order_placed_work(*, order_id: str, vendor_order_ids: list[int]) -> int:
    """What a placed order sets going, queued by the worker rather than by the buyer's
    request: one message to publish at completion instead of one per mail and certificate
    run. Each piece is its own task (own queue, own retries). The number of tasks queued."""
    send_order_confirmation.delay(order_id=order_id)
    for vendor_order_id in vendor_order_ids:
        send_workshop_order_notice.delay(vendor_order_id=vendor_order_id)
    issue_sale_certificates.delay(order_id=order_id)
    return len(vendor_order_ids) + 2
