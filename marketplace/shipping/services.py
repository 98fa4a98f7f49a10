"""Writes of shipping zones and methods: a workshop its own, a cluster's managers the
cluster's (every member ships by them). Each service is one transaction: a method and its
per-channel rate tables are saved whole or not at all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django_countries import countries as all_countries

from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.core.input_checks import max_lengths_validate
from marketplace.core.money import MONEY_LIMIT, currency_precision, quantize
from marketplace.vendors.models import Vendor
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from .models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingMethodTranslation,
    ShippingRate,
    ShippingZone,
)

MAX_DELIVERY_DAYS = 365
MAX_BRACKET_KG = Decimal("99999.999")  # the column holds 8 digits, 3 after the point
MAX_BRACKETS = 10


@dataclass(frozen=True)
class ZoneInput:
    name: str
    countries: Sequence[str]


@dataclass(frozen=True)
class RateInput:
    """A bracket: ``price`` up to ``max_weight_kg`` of chargeable weight (None: any weight)."""

    max_weight_kg: Decimal | None
    price: Decimal


@dataclass(frozen=True)
class ChannelRatesInput:
    rates: Sequence[RateInput] = ()
    free_above: Decimal | None = None  # goods total from which the parcel ships free


@dataclass(frozen=True)
class MethodInput:
    name: str
    carrier: str = ""
    service: str = ""
    min_delivery_days: int | None = None
    max_delivery_days: int | None = None
    is_active: bool = True
    # channel slug → its rate table; None keeps the listings as they are, {} lists nowhere
    listings: Mapping[str, ChannelRatesInput] | None = field(default=None)
    # language → the name in it; None keeps the translations as they are, {} removes them
    translations: Mapping[str, str] | None = field(default=None)


def may_manage_vendor(actor: Any, vendor: Vendor) -> bool:
    return (
        manages_cluster(actor, vendor.pk) if vendor.is_cluster else manages_workshop(actor, vendor)
    )


def _logged_in(actor: Any) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("You need to log in.")


def access_vendor_for_shipping(*, actor: Any, vendor_id: int) -> Vendor:
    _logged_in(actor)
    vendor = Vendor.objects.filter(pk=vendor_id).first()
    if vendor is None or not may_manage_vendor(actor, vendor):
        raise NotFound("No vendor with this id.", field="vendor")
    return vendor


def access_zone(*, actor: Any, zone_id: int, lock: bool = False) -> ShippingZone:
    _logged_in(actor)
    rows = ShippingZone.objects.select_related("vendor")
    if lock:
        rows = rows.select_for_update(of=("self",))
    zone = rows.filter(pk=zone_id).first()
    if zone is None or not may_manage_vendor(actor, zone.vendor):
        raise NotFound("No shipping zone with this id.", field="zone")
    return zone


def access_method(*, actor: Any, method_id: int, lock: bool = False) -> ShippingMethod:
    _logged_in(actor)
    rows = ShippingMethod.objects.select_related("zone__vendor")
    if lock:
        rows = rows.select_for_update(of=("self",))
    method = rows.filter(pk=method_id).first()
    if method is None or not may_manage_vendor(actor, method.zone.vendor):
        raise NotFound("No shipping method with this id.", field="id")
    return method


def _zone_validate(data: ZoneInput) -> list[str]:
    if not data.name.strip():
        raise DomainError("A zone needs a name.", field="name", code="REQUIRED")
    max_lengths_validate(ShippingZone, {"name": data.name.strip()})
    codes = sorted({code.strip().upper() for code in data.countries if code.strip()})
    if not codes:
        raise DomainError("Choose at least one country.", field="countries", code="REQUIRED")
    unknown = [code for code in codes if code not in dict(all_countries)]
    if unknown:
        raise DomainError(f"Unknown countries: {', '.join(unknown)}.", field="countries")
    return codes


@transaction.atomic
def shipping_zone_create(*, actor: Any, vendor_id: int, data: ZoneInput) -> ShippingZone:
    vendor = access_vendor_for_shipping(actor=actor, vendor_id=vendor_id)
    codes = _zone_validate(data)
    return ShippingZone.objects.create(
        vendor=vendor, name=data.name.strip(), countries=",".join(codes)
    )


@transaction.atomic
def shipping_zone_update(*, actor: Any, zone_id: int, data: ZoneInput) -> ShippingZone:
    zone = access_zone(actor=actor, zone_id=zone_id, lock=True)
    codes = _zone_validate(data)
    zone.name, zone.countries = data.name.strip(), ",".join(codes)
    zone.save(update_fields=["name", "countries"])
    return zone


@transaction.atomic
def shipping_zone_delete(*, actor: Any, zone_id: int) -> int:
    """Delete a zone and its methods. Orders keep the method's name they were shipped by."""
    zone = access_zone(actor=actor, zone_id=zone_id, lock=True)
    zone_pk = zone.pk
    zone.delete()
    return zone_pk


def _exact(amount: Decimal, currency: str, *, field: str, what: str) -> Decimal:
    if not amount.is_finite() or amount < 0 or amount >= MONEY_LIMIT:
        raise DomainError(f"{what} must be zero or more.", field=field)
    if quantize(amount, currency) != amount:
        places = currency_precision(currency)
        raise DomainError(
            f"{currency} amounts have at most {places} decimal places.",
            field=field,
            code="PRECISION",
        )
    return quantize(amount, currency)


def _rates_validate(
    slug: str, entry: ChannelRatesInput, currency: str, *, live: bool
) -> list[RateInput]:
    """The brackets sorted by weight, each exact in the currency, at most one without limit."""
    prefix = f"rates:{slug}"
    if not entry.rates and not live:
        raise DomainError(f"Give at least one price in {slug}.", field=prefix, code="REQUIRED")
    if len(entry.rates) > MAX_BRACKETS:
        raise DomainError(f"At most {MAX_BRACKETS} weight brackets.", field=prefix)
    checked = []
    for rate in entry.rates:
        price = _exact(rate.price, currency, field=prefix, what="A price")
        limit = rate.max_weight_kg
        if limit is not None:
            if not limit.is_finite() or limit <= 0 or limit > MAX_BRACKET_KG:
                raise DomainError("A weight limit must be above zero.", field=prefix)
            if limit != limit.quantize(Decimal("0.001")):
                raise DomainError("Weights have at most 3 decimal places.", field=prefix)
        checked.append(RateInput(limit, price))
    limits = [r.max_weight_kg for r in checked]
    if limits.count(None) > 1 or len(set(limits)) != len(limits):
        raise DomainError("Each weight limit may appear only once.", field=prefix, code="UNIQUE")
    return sorted(checked, key=lambda r: (r.max_weight_kg is None, r.max_weight_kg or 0))


def _method_validate(data: MethodInput) -> None:
    if not data.name.strip():
        raise DomainError("A shipping method needs a name.", field="name", code="REQUIRED")
    max_lengths_validate(
        ShippingMethod,
        {"name": data.name.strip(), "carrier": data.carrier, "service": data.service},
    )
    low, high = data.min_delivery_days, data.max_delivery_days
    for days, name in ((low, "min_delivery_days"), (high, "max_delivery_days")):
        if days is not None and not 0 <= days <= MAX_DELIVERY_DAYS:
            raise DomainError(f"Days must be between 0 and {MAX_DELIVERY_DAYS}.", field=name)
    if low is not None and high is not None and low > high:
        raise DomainError(
            "The longest delivery cannot be shorter than the shortest.", field="max_delivery_days"
        )


def _listings_set(method: ShippingMethod, listings: Mapping[str, ChannelRatesInput]) -> None:
    channels = {c.slug: c for c in Channel.objects.filter(slug__in=set(listings))}
    unknown = set(listings) - set(channels)
    if unknown:
        raise DomainError(f"Unknown channels: {', '.join(sorted(unknown))}.", field="channels")
    tables = {}
    for slug, entry in listings.items():
        currency = channels[slug].currency_code
        tables[slug] = _rates_validate(slug, entry, currency, live=bool(method.rated_by))
        if entry.free_above is not None:
            _exact(entry.free_above, currency, field=f"free:{slug}", what="A threshold")
    method.channel_listings.exclude(channel__slug__in=set(listings)).delete()
    for slug, entry in listings.items():
        channel = channels[slug]
        listing, _ = ShippingMethodChannelListing.objects.update_or_create(
            method=method,
            channel=channel,
            defaults={"currency": channel.currency_code, "free_above": entry.free_above},
        )
        listing.rates.all().delete()
        ShippingRate.objects.bulk_create(
            ShippingRate(listing=listing, max_weight_kg=r.max_weight_kg, price=r.price)
            for r in tables[slug]
        )


_METHOD_FIELDS = ("carrier", "service", "min_delivery_days", "max_delivery_days", "is_active")


@transaction.atomic
def shipping_method_create(*, actor: Any, zone_id: int, data: MethodInput) -> ShippingMethod:
    zone = access_zone(actor=actor, zone_id=zone_id, lock=True)
    _method_validate(data)
    method = ShippingMethod.objects.create(
        zone=zone, name=data.name.strip(), **{f: getattr(data, f) for f in _METHOD_FIELDS}
    )
    if data.listings is not None:
        _listings_set(method, data.listings)
    if data.translations is not None:
        _translations_set(method, data.translations)
    return method


def _translations_set(method: ShippingMethod, translations: Mapping[str, str]) -> None:
    """The method's names in other languages become exactly ``translations``."""
    known = {code for code, _name in settings.LANGUAGES}
    wanted = {code: name.strip() for code, name in translations.items() if name.strip()}
    for code, name in wanted.items():
        if code not in known:
            raise DomainError(f"Unknown language {code!r}.", field="translations", code="INVALID")
        max_lengths_validate(
            ShippingMethodTranslation, {"name": name}, field_names={"name": "translations"}
        )
    method.translations.exclude(language_code__in=list(wanted)).delete()
    for code, name in wanted.items():
        ShippingMethodTranslation.objects.update_or_create(
            method=method, language_code=code, defaults={"name": name}
        )


@transaction.atomic
def shipping_method_update(
    *, actor: Any, method_id: int, data: MethodInput, zone_id: int | None = None
) -> ShippingMethod:
    """Change a method (and, with ``zone_id``, move it to another zone of the same vendor)."""
    method = access_method(actor=actor, method_id=method_id, lock=True)
    _method_validate(data)
    if zone_id is not None and zone_id != method.zone_id:
        zone = access_zone(actor=actor, zone_id=zone_id)
        if zone.vendor_id != method.zone.vendor_id:
            raise NotFound("No shipping zone with this id.", field="zone")
        method.zone = zone
    method.name = data.name.strip()
    for name in _METHOD_FIELDS:
        setattr(method, name, getattr(data, name))
    method.save()
    if data.listings is not None:
        _listings_set(method, data.listings)
    if data.translations is not None:
        _translations_set(method, data.translations)
    return method


@transaction.atomic
def shipping_method_delete(*, actor: Any, method_id: int) -> int:
    """Delete a method. Orders keep its name; baskets that had chosen it choose again."""
    method = access_method(actor=actor, method_id=method_id, lock=True)
    method_pk = method.pk
    method.delete()
    return method_pk
