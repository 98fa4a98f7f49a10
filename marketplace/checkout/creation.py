"""checkoutCreate with everything Saleor's input carries: addresses, their validation rules
and save flags, and metadata, on top of the basket itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from marketplace.accounts.address_rules import ALL_RULES, AddressRules
from marketplace.accounts.addresses import AddressData

from .customer import metadata_items
from .delivery import checkout_billing_address_update, checkout_shipping_address_update
from .models import Checkout
from .services import LineInput, checkout_create


@transaction.atomic
def checkout_create_with_details(
    *,
    channel_slug: str | None,
    lines: Sequence[LineInput],
    email: str = "",
    user: Any = None,
    language_code: str = "en",
    shipping_address: AddressData | None = None,
    billing_address: AddressData | None = None,
    save_shipping_address: bool = True,
    save_billing_address: bool = True,
    shipping_rules: AddressRules = ALL_RULES,
    billing_rules: AddressRules = ALL_RULES,
    metadata: Sequence[tuple[str, str]] = (),
    client_ip: str | None = None,
) -> Checkout:
    """A new basket (possibly empty) with its addresses and metadata, all or nothing: a bad
    address or metadata item leaves no checkout, no line and no reservation behind."""
    clean_metadata = metadata_items(metadata) if metadata else {}
    checkout = checkout_create(
        channel_slug=channel_slug,
        lines=lines,
        email=email,
        user=user,
        language_code=language_code,
        client_ip=client_ip,
    )
    if shipping_address is not None:
        checkout = checkout_shipping_address_update(
            token=checkout.token,
            address=shipping_address,
            save_address=save_shipping_address,
            rules=shipping_rules,
        )
    if billing_address is not None:
        checkout = checkout_billing_address_update(
            token=checkout.token,
            address=billing_address,
            save_address=save_billing_address,
            rules=billing_rules,
        )
    if clean_metadata:
        checkout.metadata = {**checkout.metadata, **clean_metadata}
        checkout.save(update_fields=["metadata", "updated_at"])
    return checkout
