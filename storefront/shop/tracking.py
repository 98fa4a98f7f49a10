"""What the buyer's order page shows of each parcel's journey: its status, and each shipment
(a parcel may leave in parts) with its carrier, tracking number and, for carriers whose
public tracking page we know, a link to it."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import quote

from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.orders.models import Order, OrderStatus, ParcelShipment
from marketplace.shipping.selectors import shipping_method_names

# Public tracking pages, by a word the carrier's name contains (lower case).
CARRIER_PAGES = {
    "colissimo": "https://www.laposte.fr/outils/suivre-vos-envois?code={}",
    "la poste": "https://www.laposte.fr/outils/suivre-vos-envois?code={}",
    "chronopost": "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={}",
    "dhl": "https://www.dhl.com/global-en/home/tracking/tracking-express.html?tracking-id={}",
    "ups": "https://www.ups.com/track?tracknum={}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={}",
    "aramex": "https://www.aramex.com/track/results?ShipmentNumber={}",
    "usps": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
    "ems": "https://www.ems.post/en/global-network/tracking?id={}",
}
_TRACKING = re.compile(r"^[A-Za-z0-9\- ]{4,64}$")


def tracking_link(carrier: str, tracking_number: str) -> str | None:
    number = tracking_number.strip()
    if not number or not _TRACKING.match(number):
        return None
    name = carrier.lower()
    for word, pattern in CARRIER_PAGES.items():
        if re.search(rf"\b{re.escape(word)}\b", name):
            return pattern.format(quote(number.replace(" ", "")))
    return None


def parcel_status(status: str) -> str:
    return {
        OrderStatus.FULFILLED: _("Shipped"),
        OrderStatus.CANCELED: _("Cancelled"),
        OrderStatus.PARTIALLY_FULFILLED: _("Partly shipped"),
    }.get(status, _("Being prepared"))  # type: ignore[call-overload]


def parcels_tracking(order: Order) -> dict[int, dict[str, Any]]:
    """For each parcel (VendorOrder id): its status in words, its shipments (also set on
    each prefetched parcel as ``journey``, with ``method_label``: its shipping method's name in
    the page's language). Two queries."""
    names = {
        str(line.pk): line.product_name
        for parcel in order.vendor_orders.all()
        for line in parcel.lines.all()
    }
    shipments: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for shipment in ParcelShipment.objects.filter(vendor_order__order=order).order_by(
        "vendor_order_id", "number"
    ):
        shipments[shipment.vendor_order_id].append(
            {
                "number": shipment.number,
                "carrier": shipment.carrier,
                "tracking_number": shipment.tracking_number,
                "link": tracking_link(shipment.carrier, shipment.tracking_number),
                "date": shipment.created_at,
                "pieces": [
                    (quantity, names.get(line_id, ""))
                    for line_id, quantity in shipment.lines.items()
                ],
            }
        )
    result: dict[int, dict[str, Any]] = {}
    labels = shipping_method_names(
        method_ids=[parcel.shipping_method_id for parcel in order.vendor_orders.all()],
        language_code=translation.get_language() or "en",
    )
    for parcel in order.vendor_orders.all():
        parcel.method_label = labels.get(  # type: ignore[attr-defined]  # for the template
            parcel.shipping_method_id or 0, parcel.shipping_method_name
        )
        found = shipments.get(parcel.pk, [])
        if not found and parcel.tracking_number:  # shipped before shipments were recorded
            found = [
                {
                    "number": 1,
                    "carrier": parcel.shipping_method_name,
                    "tracking_number": parcel.tracking_number,
                    "link": tracking_link(parcel.shipping_method_name, parcel.tracking_number),
                    "date": parcel.fulfilled_at,
                    "pieces": [],
                }
            ]
        result[parcel.pk] = {"status": parcel_status(parcel.status), "shipments": found}
        parcel.journey = result[parcel.pk]  # type: ignore[attr-defined]  # for the template
    return result


def cancelable(order: Order, user: Any) -> bool:
    """Whether to offer the cancel button: the buyer's own order, nothing shipped yet (the
    service decides again when asked)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and order.user_id == user.pk
        and order.status != OrderStatus.CANCELED
        and all(p.status == OrderStatus.UNFULFILLED for p in order.vendor_orders.all())
    )
