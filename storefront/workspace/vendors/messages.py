"""The vendor services' errors in the page's language (the API answers the services' own
English words with their codes)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from marketplace.core.errors import DomainError


def vendor_message(error: DomainError) -> str:
    field, code = error.field or "", error.code
    if field in ("documents", "logo", "banner") and code == "INVALID":
        if "larger" in error.message:
            return _("The file is larger than 10 MB.")
        return _("This file cannot be used: send a photo (JPEG, PNG) or a PDF.")
    by_code = {
        "ALREADY_APPLIED": _("Your application is already waiting for review."),
        "NOT_MODERATED": _("Your cluster publishes listings without review."),
        "INVALID_STATUS": _("This has already been decided; reload the page."),
        "NOT_FOUND": _("This no longer exists or is not yours."),
        "INVITATION_USED": _("This invitation has already been used."),
        "INVITATION_EXPIRED": _("This invitation has expired; ask the cluster to send it again."),
        "INVITATION_FOR_ANOTHER_ADDRESS": _("This invitation is for another address."),
    }
    by_field = {
        "primary_color": _("This colour is too light for white text on it; choose a darker one."),
        "secondary_color": _("Choose a colour."),
        "custom_domain": _(
            "Enter a domain name such as atelier-souika.com, without http:// or a path."
        ),
        "artisan_card_number": _(
            "Enter the number as printed on the card: letters, digits, spaces, / . or -."
        ),
        "contact_phone": _("Enter a phone number with its country code, e.g. +213 555 12 34 56."),
        "website": _("Enter a web address."),
        "founded_year": _("Enter a real year."),
        "country": _("Choose a country."),
    }
    if code == "UNIQUE" and field == "custom_domain":
        return _("Another storefront already uses this domain.")
    if code == "UNIQUE" and field == "email":
        return _("This address already joined through an invitation.")
    if code == "REQUIRED":
        return _("This field is required.")
    return by_code.get(code) or by_field.get(field) or error.message
