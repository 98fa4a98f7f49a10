"""The buyer's order confirmation, written in the language of the checkout that became the
order (``Order.language_code``): its words through gettext, its amounts and the destination
country formatted for that locale (Babel, django-countries). Sent by tasks.py."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from marketplace.core.money import quantize

from .models import Order, OrderLine

BABEL_LOCALES = {"fr": "fr_FR", "ar": "ar", "en": "en"}


def _language(order: Order) -> str:
    code = (order.language_code or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _line(line: OrderLine, money: str) -> list[str]:
    name = line.product_name + (f" ({line.variant_name})" if line.variant_name else "")
    text = [f"- {line.quantity} x {name}: {money}"]
    if line.packaging_name:
        text.append(f"    {_('Packaging')}: {line.packaging_name}")
    if line.gift_message:
        text.append(f"    {_('Gift message')}: “{line.gift_message}”")
    return text


def confirmation_mail(order: Order) -> tuple[str, str]:
    """(subject, body) of the order's confirmation, in the order's language."""
    language = _language(order)
    locale = BABEL_LOCALES.get(language, "en")

    def money(amount: Decimal) -> str:
        return format_currency(
            quantize(Decimal(amount), order.currency), order.currency, locale=locale
        )

    with translation.override(language):
        subject = _("Your order #%(number)s") % {"number": order.number}
        body: list[str] = [_("Thank you! Order %(n)s is placed.") % {"n": order.number}, ""]
        lines = list(order.lines.order_by("vendor_order_id", "pk"))
        for parcel in order.vendor_orders.select_related("vendor").order_by("pk"):
            body.append(_("Parcel from %(name)s") % {"name": parcel.vendor.name})
            for line in lines:
                if line.vendor_order_id == parcel.pk:
                    body += _line(line, money(line.total_price))
            body.append("")
        totals = [(_("Pieces"), money(order.goods_total))]
        if order.packaging_total:
            totals.append((_("Packaging"), money(order.packaging_total)))
        if order.discount_total:
            totals.append((_("Promo code"), "-" + money(order.discount_total)))
        totals.append((_("Shipping"), money(order.shipping_total)))
        if order.duties_total:
            totals.append((_("Import duties and taxes (paid now)"), money(order.duties_total)))
        elif order.duties_mode == "DAP" and order.duties_estimate:
            totals.append(
                (
                    _("Import duties are paid to the carrier on delivery (DAP)"),
                    "≈ " + money(order.duties_estimate),
                )
            )
        totals.append((_("Total"), money(order.total)))
        body += [f"{label}: {value}" for label, value in totals]
        address = order.shipping_address
        if address is not None:
            country = str(countries.name(str(address.country)))
            place = ", ".join(p for p in (address.city, country) if p)
            body += ["", f"{_('Delivering to')} {address.first_name} {address.last_name}, {place}"]
        body += [
            "",
            _("Each workshop ships its own parcel; you will hear from us as each one leaves."),
        ]
        base = settings.PUBLIC_URL or settings.CERTIFICATE_BASE_URL
        body.append(f"{_('Find an order')}: {base}/{language}/order/find/")
    return subject, "\n".join(body) + "\n"
