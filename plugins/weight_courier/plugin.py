"""A courier priced live by weight, as an example of the ``shipping_quotes`` hook: methods
whose ``rated_by`` is ``weight_courier`` cost a base price plus a price per started kilogram
of chargeable weight, from WEIGHT_COURIER_TARIFF (per currency); parcels above the courier's
maximum weight get no quote."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import ClassVar

from django.conf import settings

from marketplace.core.hooks import BasePlugin, PluginShippingRate, ShippingQuoteRequest

DEFAULT_TARIFF = {
    "EUR": {"base": "9.00", "per_kg": "4.50"},
    "USD": {"base": "10.00", "per_kg": "5.00"},
    "DZD": {"base": "900", "per_kg": "300"},
    "TND": {"base": "12.000", "per_kg": "4.500"},
}
MAX_WEIGHT_KG = Decimal(30)


class WeightCourierPlugin(BasePlugin):
    name: ClassVar[str] = "weight_courier"

    def shipping_quotes(self, request: ShippingQuoteRequest) -> Sequence[PluginShippingRate]:
        tariff = getattr(settings, "WEIGHT_COURIER_TARIFF", DEFAULT_TARIFF).get(request.currency)
        if tariff is None or request.chargeable_weight_kg > MAX_WEIGHT_KG:
            return []
        kilos = max(request.chargeable_weight_kg, Decimal(1)).to_integral_value(ROUND_CEILING)
        price = Decimal(tariff["base"]) + Decimal(tariff["per_kg"]) * kilos
        return [PluginShippingRate(method_id=m, price=price) for m in request.method_ids]
