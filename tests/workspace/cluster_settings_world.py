"""The cluster settings' objects on top of the vendor world: cluster A's packaging option,
shipping zone and method (priced in EUR by weight), and the same for the other cluster."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from marketplace.packaging.models import (
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
)
from marketplace.payouts.models import ClusterFeeRateChange, PayoutAccount
from marketplace.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingRate,
    ShippingZone,
)
from marketplace.vendors.models import Vendor

from .vendor_world import VendorWorld, rows

SETTINGS_MODELS = (
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
    PackagingOption.products.through,
    PackagingOption.product_types.through,
    ShippingZone,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingRate,
    PayoutAccount,
    ClusterFeeRateChange,
)


@dataclass
class Settings:
    option: PackagingOption
    zone: ShippingZone
    method: ShippingMethod


def settings_of(vw: VendorWorld, cluster: Vendor, *, label: str = "A") -> Settings:
    option = PackagingOption.objects.create(
        vendor=cluster,
        name=f"Copper box {label}",
        kind="cluster_branded",
        length_cm=Decimal("30"),
        width_cm=Decimal("30"),
        height_cm=Decimal("10"),
        added_weight_kg=Decimal("0.400"),
    )
    PackagingOptionChannelListing.objects.create(
        option=option, channel=vw.catalog.eur, currency="EUR", price_amount=Decimal("6.50")
    )
    zone = ShippingZone.objects.create(vendor=cluster, name=f"Europe {label}", countries="FR,DE")
    method = ShippingMethod.objects.create(
        zone=zone, name=f"Tracked parcel {label}", carrier="Post", min_delivery_days=5
    )
    listing = ShippingMethodChannelListing.objects.create(
        method=method, channel=vw.catalog.eur, currency="EUR", free_above=Decimal("400.00")
    )
    ShippingRate.objects.create(listing=listing, max_weight_kg=Decimal("2"), price=Decimal("18"))
    ShippingRate.objects.create(listing=listing, max_weight_kg=None, price=Decimal("42"))
    return Settings(option=option, zone=zone, method=method)


def settings_rows() -> list[object]:
    return rows(*SETTINGS_MODELS)
