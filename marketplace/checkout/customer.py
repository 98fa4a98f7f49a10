"""Who a checkout belongs to, and its public metadata."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import transaction

from marketplace.core.errors import DomainError, NotFound

from .access import checkout_email_may_change
from .models import Checkout
from .services import checkout_get

METADATA_KEY_MAX = 256
METADATA_VALUE_MAX = 4096
METADATA_ITEMS_MAX = 100


def _require_user(user: Any) -> None:
    if user is None or not user.is_authenticated:
        raise DomainError("Log in to attach the checkout.", field="customerId", code="REQUIRED")


@transaction.atomic
def checkout_customer_attach(*, token: UUID, user: Any) -> Checkout:
    """The logged-in buyer takes the checkout (and its e-mail address). A checkout someone
    else owns answers as if it did not exist."""
    _require_user(user)
    checkout = checkout_get(token=token)
    if checkout.user_id not in (None, user.pk):
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    checkout_email_may_change(checkout=checkout, email=user.email)
    checkout.user = user
    checkout.email = user.email
    checkout.save(update_fields=["user", "email", "updated_at"])
    return checkout


@transaction.atomic
def checkout_customer_detach(*, token: UUID, user: Any) -> Checkout:
    _require_user(user)
    checkout = checkout_get(token=token)
    if checkout.user_id != user.pk:
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    checkout.user = None
    checkout.save(update_fields=["user", "updated_at"])
    return checkout


def metadata_items(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Checked key/value pairs: keys non-blank, sizes bounded."""
    if len(items) > METADATA_ITEMS_MAX:
        raise DomainError(f"At most {METADATA_ITEMS_MAX} items at once.", field="input")
    clean = {}
    for key, value in items:
        key = key.strip()
        if not key:
            raise DomainError("Metadata keys cannot be blank.", field="input", code="REQUIRED")
        if len(key) > METADATA_KEY_MAX or len(value) > METADATA_VALUE_MAX:
            raise DomainError(
                f"Keys are limited to {METADATA_KEY_MAX} characters and values to "
                f"{METADATA_VALUE_MAX}.",
                field="input",
            )
        clean[key] = value
    return clean


@transaction.atomic
def checkout_metadata_update(*, token: UUID, items: Sequence[tuple[str, str]]) -> Checkout:
    clean = metadata_items(items)
    checkout = Checkout.objects.select_for_update().filter(token=token).first()
    if checkout is None:
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    checkout.metadata = {**checkout.metadata, **clean}
    checkout.save(update_fields=["metadata", "updated_at"])
    return checkout


@transaction.atomic
def checkout_metadata_delete(*, token: UUID, keys: Sequence[str]) -> Checkout:
    checkout = Checkout.objects.select_for_update().filter(token=token).first()
    if checkout is None:
        raise NotFound("Couldn't resolve to a checkout.", field="id")
    checkout.metadata = {k: v for k, v in checkout.metadata.items() if k not in set(keys)}
    checkout.save(update_fields=["metadata", "updated_at"])
    return checkout
