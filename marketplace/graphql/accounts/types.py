"""Addresses in Saleor's shape, and per-country address rules."""

from __future__ import annotations

from typing import Any

import graphene
from django_countries import countries

from marketplace.accounts.addresses import AddressData, address_validation_rules
from marketplace.accounts.models import Address as AddressModel
from marketplace.graphql.core.types import CountryDisplay, ObjectWithMetadata

# Saleor's enum also has EU (for tax and shipping-zone settings); it is not a country an
# address can be in, and address validation refuses it by name.
COUNTRY_CODES = sorted({code for code, _name in countries} | {"EU"})
CountryCode = graphene.Enum("CountryCode", [(code, code) for code in COUNTRY_CODES])


class AddressTypeEnum(graphene.Enum):
    BILLING = "BILLING"
    SHIPPING = "SHIPPING"


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    company_name = graphene.String()
    street_address_1 = graphene.String(name="streetAddress1")
    street_address_2 = graphene.String(name="streetAddress2")
    city = graphene.String()
    city_area = graphene.String()
    postal_code = graphene.String()
    country = graphene.Field(CountryCode)
    country_area = graphene.String()
    phone = graphene.String()
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


def address_data(value: dict[str, Any]) -> AddressData:
    country = value.get("country")
    return AddressData(
        first_name=value.get("first_name") or "",
        last_name=value.get("last_name") or "",
        company_name=value.get("company_name") or "",
        street_address_1=value.get("street_address_1") or "",
        street_address_2=value.get("street_address_2") or "",
        city=value.get("city") or "",
        city_area=value.get("city_area") or "",
        postal_code=value.get("postal_code") or "",
        country=str(getattr(country, "value", country) or ""),
        country_area=value.get("country_area") or "",
        phone=value.get("phone") or "",
        metadata={m["key"]: m["value"] for m in value.get("metadata") or []},
    )


def _is_default(info: Any, address: AddressModel, field: str) -> bool | None:
    """Whether ``address`` is the viewer's default of a kind, when it is the viewer's own
    default of either kind or in their book; None for addresses that are not theirs."""
    from marketplace.graphql.core.context import request_state

    viewer = info.context.user
    if not viewer.is_authenticated:
        return None
    book = request_state(info.context).get("address_book")
    if book is None:
        book = set(viewer.addresses.values_list("pk", flat=True))
        request_state(info.context)["address_book"] = book
    if address.pk not in book:
        return None
    return getattr(viewer, field) == address.pk


class Address(graphene.ObjectType):
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True, name="streetAddress1")
    street_address_2 = graphene.String(required=True, name="streetAddress2")
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True)
    phone = graphene.String()
    is_default_shipping_address = graphene.Boolean(
        description="For the signed-in user's own addresses; null otherwise."
    )
    is_default_billing_address = graphene.Boolean(
        description="For the signed-in user's own addresses; null otherwise."
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_is_default_shipping_address(root: AddressModel, info: Any) -> bool | None:
        return _is_default(info, root, "default_shipping_address_id")

    @staticmethod
    def resolve_is_default_billing_address(root: AddressModel, info: Any) -> bool | None:
        return _is_default(info, root, "default_billing_address_id")

    @staticmethod
    def resolve_country(root: AddressModel, info: Any) -> CountryDisplay:
        return CountryDisplay.of(root.country)


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


def _choices(pairs: Any) -> list[ChoiceValue]:
    return [ChoiceValue(raw=raw, verbose=verbose) for raw, verbose in pairs]


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    required_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    upper_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_type = graphene.String(required=True)
    city_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_examples = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_prefix = graphene.String(required=True)


class AddressQueries(graphene.ObjectType):
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(CountryCode, required=True),
        country_area=graphene.String(),
        city=graphene.String(),
        city_area=graphene.String(),
    )

    @staticmethod
    def resolve_address_validation_rules(
        root: Any, info: Any, country_code: Any, **area: Any
    ) -> Any:
        code = str(getattr(country_code, "value", country_code))
        rules = address_validation_rules(
            country_code=code,
            country_area=area.get("country_area") or "",
            city=area.get("city") or "",
            city_area=area.get("city_area") or "",
        )
        return AddressValidationData(
            country_code=rules.country_code,
            country_name=rules.country_name,
            address_format=rules.address_format,
            address_latin_format=rules.address_latin_format,
            allowed_fields=sorted(rules.allowed_fields),
            required_fields=sorted(rules.required_fields),
            upper_fields=sorted(rules.upper_fields),
            country_area_type=rules.country_area_type,
            country_area_choices=_choices(rules.country_area_choices),
            city_type=rules.city_type,
            city_choices=_choices(rules.city_choices),
            city_area_type=rules.city_area_type,
            city_area_choices=_choices(rules.city_area_choices),
            postal_code_type=rules.postal_code_type,
            postal_code_matchers=[m.pattern for m in rules.postal_code_matchers],
            postal_code_examples=list(rules.postal_code_examples),
            postal_code_prefix=rules.postal_code_prefix,
        )
