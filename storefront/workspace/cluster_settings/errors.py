"""The settings services' errors in the page's language, on the field they concern (the
services speak English to the API; a page answers in its reader's language)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError


def _message(error: DomainError) -> str:
    field, code = (error.field or "").split(":")[0], error.code
    if code == "PRECISION":
        return _("This amount has more decimals than its currency counts.")
    if code == "REQUIRED":
        return _("This field is required.")
    if code == "OUT_OF_RANGE" or field == "rate":
        return _("Choose a fee within the bounds shown.")
    by_field = {
        "name": _("Give a shorter name."),
        "dimensions": _("Give each outer dimension above zero."),
        "addedWeight": _("Weight and days cannot be negative."),
        "products": _("Choose pieces of your cluster's members only."),
        "productTypes": _("Choose among the kinds of piece offered."),
        "prices": _("Give prices of zero or more, in each market's currency."),
        "countries": _("Choose countries from the list."),
        "rates": _("Check the weights and prices of this market."),
        "free": _("Give a threshold of zero or more."),
        "max_delivery_days": _("The longest time cannot be shorter than the shortest."),
        "min_delivery_days": _("Give a number of days between 0 and 365."),
        "carrier": _("Give a shorter name."),
        "service": _("Give a shorter name."),
        "note": _("Keep the note under 255 characters."),
    }
    return by_field.get(field) or _("This could not be saved; check the form and try again.")


# Where a service's field lands in the page's form (the rest goes on top of the form).
FIELD_NAMES = {
    "dimensions": "length_cm",
    "addedWeight": "added_weight_kg",
    "productTypes": "product_types",
    "rate": "rate_percent",
}


def error_onto(form: forms.Form, error: DomainError) -> None:
    field, _sep, channel = (error.field or "").partition(":")
    name = FIELD_NAMES.get(field, field)
    if field == "rates" and channel:
        name = f"price_{channel}_0"
    elif field == "free" and channel:
        name = f"free_{channel}"
    form.add_error(name if name in form.fields else None, _message(error))
