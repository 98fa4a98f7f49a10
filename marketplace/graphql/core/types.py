"""Shared GraphQL types of Saleor's dialect: money, images, metadata, countries, languages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import graphene
from django_countries import countries

from marketplace.core.money import currency_precision, quantize

from .context import ChannelContext
from .language_codes import LANGUAGE_CODES

LanguageCodeEnum = graphene.Enum("LanguageCodeEnum", [(code, code) for code in LANGUAGE_CODES])


class OrderDirection(graphene.Enum):
    ASC = "asc"
    DESC = "desc"


class ThumbnailFormatEnum(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class WeightUnitsEnum(graphene.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"


def unwrap(root: Any) -> Any:
    return root.node if isinstance(root, ChannelContext) else root


def language_code_to_django(code: Any) -> str:
    """``FR_FR`` → ``fr``: translations are stored per base language."""
    value = code.value if hasattr(code, "value") else str(code)
    return value.split("_")[0].lower()


@dataclass(frozen=True, slots=True)
class MoneyValue:
    """What a ``Money`` field resolves from: exact amount plus its wire forms."""

    currency: str
    amount: float
    fractional_amount: int
    fraction_digits: int


@dataclass(frozen=True, slots=True)
class TaxedMoneyValue:
    currency: str
    gross: MoneyValue
    net: MoneyValue
    tax: MoneyValue


class Money(graphene.ObjectType):
    currency = graphene.String(required=True)
    amount = graphene.Float(required=True)
    fractional_amount = graphene.Int(required=True)
    fraction_digits = graphene.Int(required=True)

    @staticmethod
    def build(amount: Decimal, currency: str) -> MoneyValue:
        exact = quantize(amount, currency)
        digits = currency_precision(currency)
        # Float only at the wire, as Saleor's schema asks; fractionalAmount carries it exactly.
        return MoneyValue(
            currency=currency,
            amount=float(exact),
            fractional_amount=int(exact.scaleb(digits)),
            fraction_digits=digits,
        )


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)

    @staticmethod
    def untaxed(amount: Decimal, currency: str) -> TaxedMoneyValue:
        """Prices here carry no tax yet: gross equals net and tax is zero."""
        money = Money.build(amount, currency)
        return TaxedMoneyValue(
            currency=currency, gross=money, net=money, tax=Money.build(Decimal(0), currency)
        )


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money)
    stop = graphene.Field(Money)


@dataclass(frozen=True, slots=True)
class ImageValue:
    url: str
    alt: str | None


@dataclass(frozen=True, slots=True)
class TaxedMoneyRangeValue:
    start: TaxedMoneyValue
    stop: TaxedMoneyValue


class Image(graphene.ObjectType):
    url = graphene.String(required=True)
    alt = graphene.String()


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True)
    value = graphene.Float(required=True)

    @staticmethod
    def from_kg(value: Decimal | None) -> Weight | None:
        return None if value is None else Weight(unit=WeightUnitsEnum.KG, value=float(value))


class ReducedRate(graphene.ObjectType):
    rate = graphene.Float(required=True)
    rate_type = graphene.String(required=True)


class VAT(graphene.ObjectType):
    country_code = graphene.String(required=True)
    standard_rate = graphene.Float()
    reduced_rates = graphene.List(graphene.NonNull(ReducedRate), required=True)


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True)
    country = graphene.String(required=True)
    vat = graphene.Field(
        VAT,
        resolver=lambda *_a, **_k: None,
        deprecation_reason="Prices here are charged as listed: no VAT rates are kept.",
    )

    @staticmethod
    def of(code: Any) -> CountryDisplay:
        code = str(getattr(code, "code", code))
        return CountryDisplay(code=code, country=dict(countries).get(code, code))


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True)
    language = graphene.String(required=True)


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class Metadata(graphene.Scalar):
    """Saleor's ``Metadata`` scalar: a JSON object of string keys and values."""

    @staticmethod
    def serialize(value: Any) -> dict[str, str]:
        return {str(k): str(v) for k, v in dict(value).items()}

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        return None


def _items(data: dict[str, Any]) -> list[MetadataItem]:
    return [MetadataItem(key=k, value=str(v)) for k, v in sorted(data.items())]


def _is_staff(info: Any) -> bool:
    user = getattr(info.context, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)


class ObjectWithMetadata(graphene.Interface):
    private_metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    private_metafield = graphene.String(key=graphene.String(required=True))
    private_metafields = graphene.Field(
        Metadata, keys=graphene.List(graphene.NonNull(graphene.String))
    )
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    metafield = graphene.String(key=graphene.String(required=True))
    metafields = graphene.Field(Metadata, keys=graphene.List(graphene.NonNull(graphene.String)))

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        """Models returned where the interface is expected (metadata mutations)."""
        if isinstance(instance, graphene.ObjectType):
            return type(instance)
        from marketplace.graphql.checkout.types import Checkout

        return {"Checkout": Checkout}.get(type(unwrap(instance)).__name__)

    @staticmethod
    def resolve_metadata(root: Any, info: Any) -> list[MetadataItem]:
        return _items(unwrap(root).metadata)

    @staticmethod
    def resolve_metafield(root: Any, info: Any, key: str) -> str | None:
        value = unwrap(root).metadata.get(key)
        return None if value is None else str(value)

    @staticmethod
    def resolve_metafields(root: Any, info: Any, keys: list[str] | None = None) -> dict[str, Any]:
        data = unwrap(root).metadata
        return {k: v for k, v in data.items() if keys is None or k in keys}

    # Private metadata is for staff: others see it empty, as if there were none.
    @staticmethod
    def resolve_private_metadata(root: Any, info: Any) -> list[MetadataItem]:
        return _items(unwrap(root).private_metadata) if _is_staff(info) else []

    @staticmethod
    def resolve_private_metafield(root: Any, info: Any, key: str) -> str | None:
        value = unwrap(root).private_metadata.get(key) if _is_staff(info) else None
        return None if value is None else str(value)

    @staticmethod
    def resolve_private_metafields(
        root: Any, info: Any, keys: list[str] | None = None
    ) -> dict[str, Any]:
        if not _is_staff(info):
            return {}
        data = unwrap(root).private_metadata
        return {k: v for k, v in data.items() if keys is None or k in keys}


def channel_context_resolver(
    attname: str, default_value: Any, root: Any, info: Any, **args: Any
) -> Any:
    """Default resolver that reads attributes from the node inside a ChannelContext."""
    return getattr(unwrap(root), attname, default_value)


def is_staff(info: Any) -> bool:
    return _is_staff(info)
