"""Saleor's shipping administration types behind ``Warehouse.shippingZones``: the zones a
workshop ships to (its own and its cluster's, which serve every member), each with its
methods. A warehouse is shown only to staff and the workshop's own people, so these are too.

Here a method is priced by weight brackets per channel: a channel listing's ``price`` is its
lightest bracket; order-value limits, postal-code rules, excluded products and tax classes do
not exist here and answer null or empty. ``ShippingZone.priceRange`` is null: a zone's methods
are priced in several currencies, which one range cannot say."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import graphene

from marketplace.graphql.core.connection import CountableConnection, connection_args, paginate_list
from marketplace.graphql.core.translations import translation_field
from marketplace.graphql.core.types import (
    CountryDisplay,
    Money,
    MoneyValue,
    ObjectWithMetadata,
    Weight,
)
from marketplace.inventory.models import Warehouse as WarehouseModel
from marketplace.shipping.models import ShippingMethod as MethodModel
from marketplace.shipping.models import ShippingMethodChannelListing as ListingModel
from marketplace.shipping.models import ShippingMethodTranslation as MethodTranslationModel
from marketplace.shipping.models import ShippingZone as ZoneModel

PostalCodeRuleInclusionTypeEnum = graphene.Enum(
    "PostalCodeRuleInclusionTypeEnum", [("INCLUDE", "INCLUDE"), ("EXCLUDE", "EXCLUDE")]
)


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money)
    stop = graphene.Field(Money)


class TaxClassCountryRate(graphene.ObjectType):
    country = graphene.Field(CountryDisplay, required=True)
    rate = graphene.Float(required=True)
    tax_class = graphene.Field(lambda: TaxClass)


class TaxClass(graphene.ObjectType):
    """Saleor's tax classes; there are none here (prices are charged as listed)."""

    name = graphene.String(required=True)
    countries = graphene.List(graphene.NonNull(TaxClassCountryRate), required=True)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)


class ShippingMethodPostalCodeRule(graphene.ObjectType):
    start = graphene.String()
    end = graphene.String()
    inclusion_type = graphene.Field(PostalCodeRuleInclusionTypeEnum)

    class Meta:
        interfaces = (graphene.relay.Node,)


class ShippingMethodChannelListing(graphene.ObjectType):
    channel = graphene.Field("marketplace.graphql.channels.types.Channel", required=True)
    maximum_order_price = graphene.Field(Money)
    minimum_order_price = graphene.Field(Money)
    price = graphene.Field(Money, description="The lightest bracket's price.")

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: ListingModel, info: Any) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_maximum_order_price(root: ListingModel, info: Any) -> None:
        return None

    resolve_minimum_order_price = resolve_maximum_order_price

    @staticmethod
    def resolve_price(root: ListingModel, info: Any) -> MoneyValue | None:
        rates = list(root.rates.all())
        if not rates:
            return None  # priced live by a plugin
        lightest = min(rates, key=lambda r: (r.max_weight_kg is None, r.max_weight_kg or 0))
        return Money.build(lightest.price, root.currency)


class ShippingMethodType(graphene.ObjectType):
    name = graphene.String(required=True)
    description = graphene.JSONString()
    type = graphene.Field(
        "marketplace.graphql.checkout.shipping_method_fields.ShippingMethodTypeEnum"
    )
    translation = translation_field(
        "marketplace.graphql.checkout.shipping_method_fields.ShippingMethodTranslation",
        MethodTranslationModel,
        "method",
    )
    channel_listings = graphene.List(graphene.NonNull(ShippingMethodChannelListing))
    maximum_order_price = graphene.Field(Money)
    minimum_order_price = graphene.Field(Money)
    postal_code_rules = graphene.List(graphene.NonNull(ShippingMethodPostalCodeRule))
    excluded_products = graphene.Field(
        "marketplace.graphql.catalog.products.ProductCountableConnection", **connection_args()
    )
    minimum_order_weight = graphene.Field(Weight)
    maximum_order_weight = graphene.Field(Weight)
    maximum_delivery_days = graphene.Int()
    minimum_delivery_days = graphene.Int()
    tax_class = graphene.Field(TaxClass)

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_description(root: MethodModel, info: Any) -> None:
        return None

    @staticmethod
    def resolve_type(root: MethodModel, info: Any) -> str:
        return "WEIGHT"

    @staticmethod
    def resolve_channel_listings(root: MethodModel, info: Any) -> list[ListingModel]:
        return list(root.channel_listings.all())

    @staticmethod
    def resolve_maximum_order_price(root: MethodModel, info: Any) -> None:
        return None

    resolve_minimum_order_price = resolve_maximum_order_price
    resolve_minimum_order_weight = resolve_maximum_order_price
    resolve_tax_class = resolve_maximum_order_price

    @staticmethod
    def resolve_maximum_order_weight(root: MethodModel, info: Any) -> Weight | None:
        limits = [r.max_weight_kg for lst in root.channel_listings.all() for r in lst.rates.all()]
        if not limits or None in limits:
            return None
        return Weight.from_kg(max(kg for kg in limits if kg is not None))

    @staticmethod
    def resolve_postal_code_rules(root: MethodModel, info: Any) -> list[Any]:
        return []

    @staticmethod
    def resolve_excluded_products(root: MethodModel, info: Any, **args: Any) -> Any:
        from marketplace.graphql.catalog.products import ProductCountableConnection

        return paginate_list(
            [],
            args,
            connection_type=ProductCountableConnection,
            info=info,
            connection_name="excludedProducts",
        )

    @staticmethod
    def resolve_maximum_delivery_days(root: MethodModel, info: Any) -> int | None:
        return root.max_delivery_days

    @staticmethod
    def resolve_minimum_delivery_days(root: MethodModel, info: Any) -> int | None:
        return root.min_delivery_days


@dataclass(frozen=True)
class ZoneValue:
    zone: ZoneModel
    warehouses: list[WarehouseModel]
    # Zones keep no metadata here: both lists are empty.
    metadata: dict[str, str] = field(default_factory=dict)
    private_metadata: dict[str, str] = field(default_factory=dict)


class ShippingZone(graphene.ObjectType):
    name = graphene.String(required=True)
    default = graphene.Boolean(required=True)
    price_range = graphene.Field(MoneyRange)
    countries = graphene.List(graphene.NonNull(CountryDisplay), required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethodType))
    warehouses = graphene.List(
        graphene.NonNull("marketplace.graphql.orders.allocations.Warehouse"), required=True
    )
    channels = graphene.List(
        graphene.NonNull("marketplace.graphql.channels.types.Channel"), required=True
    )
    description = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root: ZoneValue, info: Any) -> str:
        return str(root.zone.pk)

    @staticmethod
    def resolve_name(root: ZoneValue, info: Any) -> str:
        return str(root.zone.name)

    @staticmethod
    def resolve_default(root: ZoneValue, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_price_range(root: ZoneValue, info: Any) -> None:
        return None

    @staticmethod
    def resolve_countries(root: ZoneValue, info: Any) -> list[CountryDisplay]:
        return [CountryDisplay.of(country) for country in root.zone.countries]

    @staticmethod
    def resolve_shipping_methods(root: ZoneValue, info: Any) -> list[MethodModel]:
        return [m for m in root.zone.methods.all() if m.is_active]

    @staticmethod
    def resolve_warehouses(root: ZoneValue, info: Any) -> list[WarehouseModel]:
        return root.warehouses

    @staticmethod
    def resolve_channels(root: ZoneValue, info: Any) -> list[Any]:
        seen: dict[int, Any] = {}
        for method in root.zone.methods.all():
            for listing in method.channel_listings.all():
                seen.setdefault(listing.channel_id, listing.channel)
        return sorted(seen.values(), key=lambda channel: channel.slug)

    @staticmethod
    def resolve_description(root: ZoneValue, info: Any) -> None:
        return None


class ShippingZoneCountableConnection(CountableConnection):
    class Meta:
        node = ShippingZone


def warehouse_shipping_zones(warehouse: WarehouseModel, info: Any, args: dict[str, Any]) -> Any:
    """The zones the warehouse's workshop ships by: its own, then its cluster's."""
    vendor = warehouse.vendor
    owners = [vendor.pk] + ([vendor.cluster_id] if vendor.cluster_id else [])
    zones = list(
        ZoneModel.objects.filter(vendor_id__in=owners)
        .order_by("vendor_id", "name", "pk")
        .prefetch_related("methods__channel_listings__rates", "methods__channel_listings__channel")
    )
    zones.sort(key=lambda zone: (zone.vendor_id != vendor.pk, zone.name, zone.pk))
    values = [ZoneValue(zone=zone, warehouses=[warehouse]) for zone in zones]
    return paginate_list(
        values,
        args,
        connection_type=ShippingZoneCountableConnection,
        info=info,
        connection_name="shippingZones",
    )
