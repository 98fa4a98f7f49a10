from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django_countries import countries

from marketplace.channels.models import Channel as ChannelModel
from marketplace.graphql.core.translations import LANGUAGE_NAMES
from marketplace.graphql.core.types import (
    CountryDisplay,
    LanguageCodeEnum,
    LanguageDisplay,
    ObjectWithMetadata,
    WeightUnitsEnum,
)

API_VERSION = "0.1.0"
SALEOR_SCHEMA_VERSION = "3.23"


class Domain(graphene.ObjectType):
    host = graphene.String(required=True)
    ssl_enabled = graphene.Boolean(required=True)
    url = graphene.String(required=True)


class Shop(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.String()
    header_text = graphene.String()
    domain = graphene.Field(Domain, required=True)
    default_country = graphene.Field(CountryDisplay)
    countries = graphene.List(graphene.NonNull(CountryDisplay), required=True)
    languages = graphene.List(graphene.NonNull(LanguageDisplay), required=True)
    channel_currencies = graphene.List(graphene.NonNull(graphene.String), required=True)
    default_weight_unit = graphene.Field(WeightUnitsEnum)
    track_inventory_by_default = graphene.Boolean()
    version = graphene.String(required=True)
    schema_version = graphene.String(required=True)

    class Meta:
        # Saleor's shop-wide metadata: the marketplace keeps none, so both lists are empty.
        interfaces = (ObjectWithMetadata,)

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return "U2hvcDo="  # base64("Shop:"), the singleton id Saleor uses

    @staticmethod
    def resolve_name(root: Any, info: Any) -> str:
        return str(settings.SHOP_NAME)

    @staticmethod
    def resolve_description(root: Any, info: Any) -> str:
        return str(settings.SHOP_DESCRIPTION)

    @staticmethod
    def resolve_header_text(root: Any, info: Any) -> str:
        return str(settings.SHOP_DESCRIPTION)

    @staticmethod
    def resolve_domain(root: Any, info: Any) -> Domain:
        request = info.context
        host = request.get_host()
        secure = request.is_secure()
        return Domain(
            host=host, ssl_enabled=secure, url=f"{'https' if secure else 'http'}://{host}"
        )

    @staticmethod
    def resolve_default_country(root: Any, info: Any) -> CountryDisplay:
        return CountryDisplay.of(settings.DEFAULT_COUNTRY)

    @staticmethod
    def resolve_countries(root: Any, info: Any) -> list[CountryDisplay]:
        return [CountryDisplay(code=code, country=name) for code, name in countries]

    @staticmethod
    def resolve_languages(root: Any, info: Any) -> list[LanguageDisplay]:
        return [
            LanguageDisplay(code=LanguageCodeEnum.get(code.upper()), language=LANGUAGE_NAMES[code])
            for code, _ in settings.LANGUAGES
        ]

    @staticmethod
    def resolve_channel_currencies(root: Any, info: Any) -> list[str]:
        currencies = ChannelModel.objects.filter(is_active=True).values_list(
            "currency_code", flat=True
        )
        return sorted(set(currencies))

    @staticmethod
    def resolve_default_weight_unit(root: Any, info: Any) -> Any:
        return WeightUnitsEnum.KG

    @staticmethod
    def resolve_track_inventory_by_default(root: Any, info: Any) -> bool:
        return True

    @staticmethod
    def resolve_version(root: Any, info: Any) -> str:
        return API_VERSION

    @staticmethod
    def resolve_schema_version(root: Any, info: Any) -> str:
        return SALEOR_SCHEMA_VERSION


class ShopQueries(graphene.ObjectType):
    shop = graphene.Field(Shop, required=True)

    @staticmethod
    def resolve_shop(root: Any, info: Any) -> Shop:
        return Shop(metadata={}, private_metadata={})
