"""Business buyers apply; staff approve (and may allow net terms)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from marketplace.core.errors import DomainError, NotFound

from ..models import BusinessAccount, BusinessStatus
from .amounts import columns_checked


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError("This field is required.", field=field, code="REQUIRED")
    return value


@transaction.atomic
def business_apply(
    *,
    user: Any,
    company_name: str,
    address: str,
    country: str,
    contact_name: str,
    contact_email: str,
    vat_number: str = "",
    eori_number: str = "",
) -> BusinessAccount:
    if not (user and user.is_authenticated):
        raise DomainError("Sign in to apply.", field="user", code="PERMISSION_DENIED")
    country = _required(country, "country").upper()
    if len(country) != 2 or not country.isalpha():
        raise DomainError("A two-letter country code.", field="country", code="INVALID")
    fields = {
        "company_name": _required(company_name, "companyName"),
        "address": _required(address, "address"),
        "country": country,
        "contact_name": _required(contact_name, "contactName"),
        "contact_email": _required(contact_email, "contactEmail"),
        "vat_number": (vat_number or "").strip()[:32],
        "eori_number": (eori_number or "").strip()[:32],
    }
    columns_checked(BusinessAccount, fields)
    try:
        validate_email(fields["contact_email"])
    except ValidationError:
        raise DomainError("An e-mail address.", field="contactEmail", code="INVALID") from None
    found = BusinessAccount.objects.select_for_update().filter(user=user).first()
    if found and found.status == BusinessStatus.APPROVED:
        raise DomainError("This account is already an approved business.", code="INVALID")
    if found:
        for name, value in fields.items():
            setattr(found, name, value)
        found.status = BusinessStatus.PENDING
        found.save()
        return found
    return BusinessAccount.objects.create(user=user, **fields)


@transaction.atomic
def business_review(
    *, actor: Any, business_id: int, approve: bool, net_terms: bool = False
) -> BusinessAccount:
    business = BusinessAccount.objects.select_for_update().filter(pk=business_id).first()
    if business is None or not (actor and actor.is_authenticated and actor.is_staff):
        raise NotFound("No such business account.", field="id")
    business.status = BusinessStatus.APPROVED if approve else BusinessStatus.REJECTED
    business.net_terms_approved = bool(approve and net_terms)
    business.save(update_fields=["status", "net_terms_approved"])
    return business
