"""A buyer's checkout addresses kept in their address book (Saleor's saveShippingAddress,
saveBillingAddress and saveAddress)."""

from __future__ import annotations

from marketplace.accounts.addresses import AddressData
from marketplace.accounts.models import Address, User

from .models import Checkout

_FIELDS = tuple(AddressData.__dataclass_fields__)


def checkout_addresses_remember(*, checkout: Checkout, user: User) -> list[Address]:
    """Copy the checkout's addresses flagged for saving into ``user``'s address book, inside
    the caller's transaction (the order keeps its own rows). An address already in the book,
    field for field, is not added twice; the first of each kind becomes the default. Returns
    the addresses added."""
    book = list(user.addresses.all())
    added: list[Address] = []
    update_fields: list[str] = []
    for kind in ("shipping", "billing"):
        source: Address | None = getattr(checkout, f"{kind}_address")
        if source is None or not getattr(checkout, f"save_{kind}_address"):
            continue
        values = {f: getattr(source, f) for f in _FIELDS}
        known = next((a for a in book if all(getattr(a, f) == v for f, v in values.items())), None)
        if known is None:
            known = Address.objects.create(**values)
            user.addresses.add(known)
            book.append(known)
            added.append(known)
        default_field = f"default_{kind}_address"
        if getattr(user, f"{default_field}_id") is None:
            setattr(user, default_field, known)
            update_fields.append(default_field)
    if update_fields:
        user.save(update_fields=[*update_fields, "updated_at"])
    return added
