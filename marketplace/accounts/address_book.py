"""A buyer's address book: add, change, remove, choose the defaults. One transaction each;
an address that is not the actor's own is the same NotFound as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from marketplace.core.errors import DomainError, NotFound

from .addresses import AddressData, address_store, address_validate
from .models import Address, User
from .services import signed_in_user


def _own_address(user: User, address_id: int) -> Address:
    address = user.addresses.filter(pk=address_id).first()
    if address is None:
        raise NotFound("Couldn't resolve to an address.", field="id")
    return address


@transaction.atomic
def account_address_create(
    *, actor: Any, data: AddressData, default_for: str | None = None
) -> Address:
    user = signed_in_user(actor)
    address = address_store(address_validate(data))
    user.addresses.add(address)
    if default_for is not None:
        account_set_default_address(actor=user, address_id=address.pk, kind=default_for)
    return address


@transaction.atomic
def account_address_update(*, actor: Any, address_id: int, data: AddressData) -> Address:
    user = signed_in_user(actor)
    address = _own_address(user, address_id)
    for name, value in address_validate(data).__dict__.items():
        if name == "metadata":  # given keys are added or changed; the others stay
            value = {**address.metadata, **value}
        setattr(address, name, value)
    address.save()
    return address


@transaction.atomic
def account_address_delete(*, actor: Any, address_id: int) -> Address:
    user = signed_in_user(actor)
    address = _own_address(user, address_id)
    user.addresses.remove(address)
    deleted = Address(
        pk=address.pk, **{f: getattr(address, f) for f in AddressData.__dataclass_fields__}
    )
    address.delete()
    return deleted


@transaction.atomic
def account_set_default_address(*, actor: Any, address_id: int, kind: str) -> User:
    user = signed_in_user(actor)
    address = _own_address(user, address_id)
    if kind == "SHIPPING":
        user.default_shipping_address = address
    elif kind == "BILLING":
        user.default_billing_address = address
    else:
        raise DomainError("Address type is SHIPPING or BILLING.", field="type", code="INVALID")
    user.save(update_fields=["default_shipping_address", "default_billing_address", "updated_at"])
    return user
