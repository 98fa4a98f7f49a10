"""Writes of packaging options: a workshop its own, a cluster's managers the cluster's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from marketplace.catalog.models import Product, ProductType
from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.core.input_checks import max_lengths_validate
from marketplace.core.money import MONEY_LIMIT, currency_precision, quantize
from marketplace.vendors.models import Vendor
from marketplace.vendors.permissions import manages_cluster, manages_workshop

from .models import (
    PackagingKind,
    PackagingOption,
    PackagingOptionChannelListing,
    PackagingOptionTranslation,
)


@dataclass(frozen=True)
class PackagingInput:
    name: str
    kind: str
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    added_weight_kg: Decimal = Decimal(0)
    description: str = ""
    material: str = ""
    recyclable: bool = False
    extra_lead_days: int = 0
    is_active: bool = True
    prices: Mapping[str, Decimal] | None = None  # channel slug → price in its currency
    product_type_ids: Sequence[int] = ()
    product_ids: Sequence[int] = ()
    translations: Mapping[str, tuple[str, str]] | None = None  # language → (name, description)


def _may_manage(actor: Any, vendor: Vendor) -> bool:
    return (
        manages_cluster(actor, vendor.pk) if vendor.is_cluster else manages_workshop(actor, vendor)
    )


def access_vendor_for_packaging(*, actor: Any, vendor_id: int) -> Vendor:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("You need to log in.")
    vendor = Vendor.objects.filter(pk=vendor_id).first()
    if vendor is None or not _may_manage(actor, vendor):
        raise NotFound("No vendor with this id.", field="vendor")
    return vendor


def access_packaging_option(*, actor: Any, option_id: int) -> PackagingOption:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("You need to log in.")
    option = PackagingOption.objects.select_related("vendor").filter(pk=option_id).first()
    if option is None or not _may_manage(actor, option.vendor):
        raise NotFound("No packaging option with this id.", field="id")
    return option


def _validate(data: PackagingInput) -> None:
    if not data.name.strip():
        raise DomainError("A packaging option needs a name.", field="name", code="REQUIRED")
    if data.kind not in PackagingKind.values:
        raise DomainError("Unknown packaging kind.", field="kind")
    if min(data.length_cm, data.width_cm, data.height_cm) <= 0:
        raise DomainError("Outer dimensions must be positive.", field="dimensions")
    if data.added_weight_kg < 0 or data.extra_lead_days < 0:
        raise DomainError("Weight and lead time must not be negative.", field="addedWeight")
    max_lengths_validate(
        PackagingOption,
        {
            "name": data.name.strip(),
            "material": data.material,
            "length_cm": data.length_cm,
            "width_cm": data.width_cm,
            "height_cm": data.height_cm,
            "added_weight_kg": data.added_weight_kg,
            "extra_lead_days": data.extra_lead_days,
        },
    )
    for name, _description in (data.translations or {}).values():
        max_lengths_validate(
            PackagingOptionTranslation, {"name": name}, field_names={"name": "translations"}
        )


def _apply(option: PackagingOption, data: PackagingInput) -> None:
    vendor = option.vendor
    members = (
        [vendor.pk]
        if not vendor.is_cluster
        else list(Vendor.objects.filter(cluster=vendor).values_list("pk", flat=True))
    )
    products = list(Product.objects.filter(pk__in=set(data.product_ids), vendor_id__in=members))
    if len(products) != len(set(data.product_ids)):
        raise DomainError("Packaging may only name its own vendor's products.", field="products")
    types = list(ProductType.objects.filter(pk__in=set(data.product_type_ids)))
    if len(types) != len(set(data.product_type_ids)):
        raise DomainError("Unknown product type.", field="productTypes")
    option.products.set(products)
    option.product_types.set(types)
    if data.prices is not None:
        channels = {c.slug: c for c in Channel.objects.filter(slug__in=set(data.prices))}
        unknown = set(data.prices) - set(channels)
        if unknown:
            raise DomainError(f"Unknown channels: {', '.join(sorted(unknown))}.", field="prices")
        for slug, amount in data.prices.items():
            currency = channels[slug].currency_code
            if not amount.is_finite() or amount < 0:
                raise DomainError("Prices must not be negative.", field="prices")
            if amount >= MONEY_LIMIT:
                raise DomainError("This price is too large.", field="prices")
            if quantize(amount, currency) != amount:
                # exact in the channel's currency (TND counts millimes), never silently rounded
                raise DomainError(
                    f"{currency} prices have at most {currency_precision(currency)} decimals.",
                    field="prices",
                    code="PRECISION",
                )
        option.channel_listings.exclude(channel__slug__in=set(data.prices)).delete()
        for slug, amount in data.prices.items():
            channel = channels[slug]
            PackagingOptionChannelListing.objects.update_or_create(
                option=option,
                channel=channel,
                defaults={
                    "currency": channel.currency_code,
                    "price_amount": quantize(amount, channel.currency_code),
                },
            )
    for language, (name, description) in (data.translations or {}).items():
        PackagingOptionTranslation.objects.update_or_create(
            option=option,
            language_code=language,
            defaults={"name": name, "description": description},
        )


_FIELDS = (
    "name",
    "kind",
    "length_cm",
    "width_cm",
    "height_cm",
    "added_weight_kg",
    "description",
    "material",
    "recyclable",
    "extra_lead_days",
    "is_active",
)


@transaction.atomic
def packaging_option_create(*, actor: Any, vendor_id: int, data: PackagingInput) -> PackagingOption:
    vendor = access_vendor_for_packaging(actor=actor, vendor_id=vendor_id)
    _validate(data)
    option = PackagingOption.objects.create(vendor=vendor, **{f: getattr(data, f) for f in _FIELDS})
    _apply(option, data)
    return option


@transaction.atomic
def packaging_option_update(*, actor: Any, option_id: int, data: PackagingInput) -> PackagingOption:
    option = access_packaging_option(actor=actor, option_id=option_id)
    _validate(data)
    for name in _FIELDS:
        setattr(option, name, getattr(data, name))
    option.save()
    _apply(option, data)
    return option


@transaction.atomic
def packaging_option_delete(*, actor: Any, option_id: int) -> int:
    """Delete an option; returns its id. Choices already on orders keep their own copy."""
    option = access_packaging_option(actor=actor, option_id=option_id)
    option_pk = option.pk
    option.delete()
    return option_pk


@transaction.atomic
def packaging_option_retire(*, actor: Any, option_id: int, retired: bool = True) -> PackagingOption:
    """Stop offering an option (or offer it again). Kept, not deleted: the orders and baskets
    that chose it still name it."""
    option = access_packaging_option(actor=actor, option_id=option_id)
    option.is_active = not retired
    option.save(update_fields=["is_active"])
    return option
