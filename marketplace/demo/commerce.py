"""Demo shipping (each cluster ships abroad and at home) and a welcome promo code."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.channels.models import Channel
from marketplace.core.money import quantize
from marketplace.discounts.models import Voucher, VoucherChannelListing
from marketplace.payouts.models import PayoutAccount
from marketplace.shipping.models import (
    DutyRate,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingMethodTranslation,
    ShippingRate,
    ShippingZone,
)
from marketplace.vendors.models import Vendor, VendorKind

from .data import CHANNELS, EUR_RATES

# method name: (carrier, days min, days max, [(max kg or None, EUR price)], free above EUR)
ABROAD = {
    "Postal parcel (tracked)": ("Post", 8, 15, [("2", "18"), ("10", "42"), (None, "75")], "400"),
    "Express courier": ("Courier", 2, 4, [("2", "39"), ("10", "89"), (None, "160")], None),
}
AT_HOME = {"Domestic courier": ("Courier", 1, 3, [("5", "3.50"), (None, "9")], "120")}
# The methods' names as French and Arabic buyers read them.
METHOD_NAMES = {
    "Postal parcel (tracked)": {"fr": "Colis postal (suivi)", "ar": "طرد بريدي (مُتتبَّع)"},
    "Express courier": {"fr": "Coursier express", "ar": "بريد سريع"},
    "Domestic courier": {"fr": "Coursier national", "ar": "توصيل داخل البلد"},
    "Courier by weight (live rate)": {
        "fr": "Coursier au poids (tarif en direct)",
        "ar": "توصيل حسب الوزن (سعر مباشر)",
    },
}
# Priced live by the weight_courier plugin (shipping_quotes hook), no rate table.
COURIER = {"Courier by weight (live rate)": "Courier"}
# Import duty by destination ("" = anywhere) and HS chapter: copper articles (74), silver
# jewellery (71), carpets (57), pottery (69), wood (44). Indicative rates for the demo.
DUTIES = [
    ("", "", "0.0400"),
    ("", "74", "0.0300"),
    ("", "71", "0.0250"),
    ("US", "71", "0.0550"),
    ("", "57", "0.0800"),
    ("", "69", "0.0500"),
    ("", "44", "0.0200"),
]


def _method(zone: ShippingZone, name: str, spec: tuple[Any, ...], channels: list[Channel]) -> None:
    carrier, low, high, brackets, free = spec
    method, _ = ShippingMethod.objects.update_or_create(
        zone=zone,
        name=name,
        defaults={"carrier": carrier, "min_delivery_days": low, "max_delivery_days": high},
    )
    _names(method)
    for channel in channels:
        rate = EUR_RATES[channel.currency_code]
        listing, _ = ShippingMethodChannelListing.objects.update_or_create(
            method=method,
            channel=channel,
            defaults={
                "currency": channel.currency_code,
                "free_above": None
                if free is None
                else quantize(Decimal(free) * rate, channel.currency_code),
            },
        )
        listing.rates.all().delete()
        ShippingRate.objects.bulk_create(
            ShippingRate(
                listing=listing,
                max_weight_kg=None if kg is None else Decimal(kg),
                price=quantize(Decimal(eur) * rate, channel.currency_code),
            )
            for kg, eur in brackets
        )


def _names(method: ShippingMethod) -> None:
    for language, name in METHOD_NAMES.get(method.name, {}).items():
        ShippingMethodTranslation.objects.update_or_create(
            method=method, language_code=language, defaults={"name": name}
        )


def seed_commerce(*, channels: dict[str, Channel]) -> None:
    abroad_countries = sorted({c for slug in ("international", "usa") for c in CHANNELS[slug][2]})
    abroad_channels = [channels["international"], channels["usa"]]
    for cluster in Vendor.objects.filter(kind=VendorKind.CLUSTER):
        home = str(cluster.country)
        zone, _ = ShippingZone.objects.update_or_create(
            vendor=cluster, name="Abroad", defaults={"countries": ",".join(abroad_countries)}
        )
        for name, spec in ABROAD.items():
            _method(zone, name, spec, abroad_channels)
        domestic, _ = ShippingZone.objects.update_or_create(
            vendor=cluster, name="At home", defaults={"countries": home}
        )
        home_channel = channels["algeria" if home == "DZ" else "tunisia"]
        for name, spec in AT_HOME.items():
            _method(domestic, name, spec, [home_channel])

    for name, carrier in COURIER.items():
        zone = ShippingZone.objects.get(vendor__slug="kairouan-copper", name="Abroad")
        method, _ = ShippingMethod.objects.update_or_create(
            zone=zone, name=name, defaults={"rated_by": "weight_courier", "carrier": carrier}
        )
        _names(method)
        for channel in abroad_channels:
            ShippingMethodChannelListing.objects.update_or_create(
                method=method, channel=channel, defaults={"currency": channel.currency_code}
            )
    seed_duties_and_payouts(channels=channels)

    welcome, _ = Voucher.objects.update_or_create(
        code="WELCOME10",
        defaults={
            "name": "Welcome: 10 % off",
            "kind": "percentage",
            "percentage": Decimal("10"),
            "starts_at": timezone.now() - timedelta(days=1),
            "is_active": True,
        },
    )
    for channel in channels.values():
        VoucherChannelListing.objects.update_or_create(
            voucher=welcome,
            channel=channel,
            defaults={
                "currency": channel.currency_code,
                "min_spend": quantize(
                    Decimal(50) * EUR_RATES[channel.currency_code], channel.currency_code
                ),
            },
        )


def seed_duties_and_payouts(*, channels: dict[str, Channel]) -> None:
    """The duty table, duties paid at checkout in the euro channel (DAP elsewhere), and how
    each workshop is paid: Constantine's by Stripe Connect, the others by bank transfer."""
    for destination, chapter, rate in DUTIES:
        DutyRate.objects.update_or_create(
            destination=destination, hs_chapter=chapter, defaults={"rate": Decimal(rate)}
        )
    Channel.objects.filter(pk=channels["international"].pk).update(duties_mode="DDP")
    for index, workshop in enumerate(
        Vendor.objects.filter(kind=VendorKind.WORKSHOP).order_by("pk")
    ):
        connected = (
            workshop.cluster is not None and workshop.cluster.slug == "constantine-dinanderie"
        )
        PayoutAccount.objects.update_or_create(
            vendor=workshop,
            defaults={
                "stripe_account_id": f"acct_demo{index:04d}" if connected else "",
                "bank_holder": workshop.name,
                "bank_iban": "" if connected else f"DZ58 0020 0001 2345 6789 {index:04d}",
                "bank_bic": "" if connected else "BEXADZAL",
            },
        )
    for cluster in Vendor.objects.filter(kind=VendorKind.CLUSTER):
        PayoutAccount.objects.update_or_create(
            vendor=cluster, defaults={"cluster_fee_rate": Decimal("0.0300")}
        )
