"""What the certificate page shows beyond the signed facts: the genuine piece's photos and
its sale history in plain words ("sold on 4 March 2026 to a buyer in France"), so that a
copy carrying a real QR code is exposed. No buyer's personal data: a date and a country."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django_countries import countries

from marketplace.catalog.models import ProductMedia
from marketplace.orders.models import Order, OrderStatus
from marketplace.provenance.models import Certificate

_ORDER_REFERENCE = re.compile(r"^order #(\d+)$")


def _order_number(reference: str) -> int | None:
    match = _ORDER_REFERENCE.match(reference.strip())
    return int(match.group(1)) if match else None


def piece_photos(certificate: Certificate, *, limit: int = 4) -> list[ProductMedia]:
    return list(
        ProductMedia.objects.filter(product_id=certificate.product_id).order_by("sort_order", "pk")[
            :limit
        ]
    )


def sale_history(certificate: Certificate) -> list[dict[str, Any]]:
    """Each sale this piece's certificates record, oldest first: when, and the buyer's
    country in the page's language. A one-of-a-kind piece sold twice shows it here."""
    unique = certificate.product.metadata.get("one_of_a_kind") == "true"
    certificates = (
        Certificate.objects.filter(product_id=certificate.product_id).exclude(order_reference="")
        if unique
        else Certificate.objects.filter(pk=certificate.pk).exclude(order_reference="")
    )
    numbers = {n for n in (_order_number(c.order_reference) for c in certificates) if n is not None}
    orders = (
        Order.objects.filter(number__in=numbers)
        .exclude(status=OrderStatus.CANCELED)
        .select_related("shipping_address")
        .order_by("created_at")
    )
    with translation.override(translation.get_language()):
        return [
            {
                "date": order.created_at,
                "country": str(countries.name(str(order.shipping_address.country)))
                if order.shipping_address
                else "",
                "this_one": _order_number(certificate.order_reference) == order.number,
            }
            for order in orders
        ]


def scan_country(request: HttpRequest) -> str:
    """The caller's country as the edge proxy in front of us says (SCAN_COUNTRY_HEADER, e.g.
    Cloudflare's HTTP_CF_IPCOUNTRY); believed only when such a proxy is configured, since a
    client could send the header itself."""
    header = settings.SCAN_COUNTRY_HEADER
    if not header or settings.TRUSTED_PROXY_COUNT < 1:
        return ""
    return str(request.META.get(header, ""))[:8]
