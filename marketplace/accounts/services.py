"""Accounts: registration, tokens, passwords, the address book. One transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.core.input_checks import max_lengths_validate

from .addresses import AddressData, address_store, address_validate
from .models import Address, User, _new_token_key
from .tokens import access_token_issue, refresh_token_issue

PASSWORD_CODES = {
    "password_too_short": "PASSWORD_TOO_SHORT",
    "password_too_common": "PASSWORD_TOO_COMMON",
    "password_entirely_numeric": "PASSWORD_ENTIRELY_NUMERIC",
    "password_too_similar": "PASSWORD_TOO_SIMILAR",
}


@dataclass(frozen=True)
class Tokens:
    user: User
    token: str
    refresh_token: str


def _issue(user: User, issuer: str | None) -> Tokens:
    return Tokens(
        user=user,
        token=access_token_issue(user, issuer=issuer),
        refresh_token=refresh_token_issue(user, issuer=issuer),
    )


def _check_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        code = PASSWORD_CODES.get(error.error_list[0].code or "", "INVALID_PASSWORD")
        raise DomainError(" ".join(error.messages), field="password", code=code) from None


def _require(user: Any) -> User:
    if user is None or not user.is_authenticated:
        raise PermissionDenied("You need to log in.", code="PERMISSION_DENIED")
    assert isinstance(user, User)
    return user


@transaction.atomic
def account_register(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language_code: str = "en",
) -> User:
    email = email.strip().lower()
    max_lengths_validate(
        User, {"email": email, "first_name": first_name.strip(), "last_name": last_name.strip()}
    )
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError("Enter a valid e-mail address.", field="email", code="INVALID") from None
    candidate = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    _check_password(password, candidate)
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError("A user with this e-mail already exists.", field="email", code="UNIQUE")
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                language_code=language_code,
            )
    except IntegrityError:  # a simultaneous registration won the race
        raise DomainError(
            "A user with this e-mail already exists.", field="email", code="UNIQUE"
        ) from None


def token_create(*, email: str, password: str, issuer: str | None = None) -> Tokens:
    """The same answer for an unknown e-mail and a wrong password: nothing to enumerate.
    ``issuer`` is the API URL the tokens name in ``iss``."""
    user = authenticate(username=email.strip().lower(), password=password)
    if user is None:
        inactive = User.objects.filter(email__iexact=email.strip(), is_active=False).first()
        if inactive is not None and inactive.check_password(password):
            raise DomainError("Account inactive.", field="email", code="INACTIVE")
        raise DomainError(
            "Please, enter valid credentials.", field="email", code="INVALID_CREDENTIALS"
        )
    assert isinstance(user, User)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return _issue(user, issuer)


@transaction.atomic
def password_change(*, actor: Any, old_password: str, new_password: str) -> User:
    user = _require(actor)
    if not user.check_password(old_password):
        raise DomainError(
            "Old password isn't valid.", field="oldPassword", code="INVALID_CREDENTIALS"
        )
    _check_password(new_password, user)
    user.set_password(new_password)
    user.jwt_token_key = _new_token_key()  # every other session ends
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


def password_reset_request(*, email: str, redirect_url: str) -> None:
    """Mail a reset link if the account exists; answer the same either way."""
    from .tasks import send_password_reset

    try:
        URLValidator(schemes=["http", "https"])(redirect_url)
    except ValidationError:
        raise DomainError(
            "Enter a valid http(s) URL.", field="redirectUrl", code="INVALID"
        ) from None
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    token = default_token_generator.make_token(user)
    transaction.on_commit(
        lambda: send_password_reset.delay(user_id=user.pk, token=token, redirect_url=redirect_url)
    )


@transaction.atomic
def password_set(*, email: str, token: str, password: str, issuer: str | None = None) -> Tokens:
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise DomainError("Invalid or expired token.", field="token", code="INVALID")
    _check_password(password, user)
    user.set_password(password)
    user.jwt_token_key = _new_token_key()
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return _issue(user, issuer)


def _own_address(user: User, address_id: int) -> Address:
    address = user.addresses.filter(pk=address_id).first()
    if address is None:
        raise NotFound("Couldn't resolve to an address.", field="id")
    return address


@transaction.atomic
def account_address_create(
    *, actor: Any, data: AddressData, default_for: str | None = None
) -> Address:
    user = _require(actor)
    address = address_store(address_validate(data))
    user.addresses.add(address)
    if default_for is not None:
        account_set_default_address(actor=user, address_id=address.pk, kind=default_for)
    return address


@transaction.atomic
def account_address_update(*, actor: Any, address_id: int, data: AddressData) -> Address:
    user = _require(actor)
    address = _own_address(user, address_id)
    for name, value in address_validate(data).__dict__.items():
        setattr(address, name, value)
    address.save()
    return address


@transaction.atomic
def account_address_delete(*, actor: Any, address_id: int) -> Address:
    user = _require(actor)
    address = _own_address(user, address_id)
    user.addresses.remove(address)
    deleted = Address(
        pk=address.pk, **{f: getattr(address, f) for f in AddressData.__dataclass_fields__}
    )
    address.delete()
    return deleted


@transaction.atomic
def account_set_default_address(*, actor: Any, address_id: int, kind: str) -> User:
    user = _require(actor)
    address = _own_address(user, address_id)
    if kind == "SHIPPING":
        user.default_shipping_address = address
    elif kind == "BILLING":
        user.default_billing_address = address
    else:
        raise DomainError("Address type is SHIPPING or BILLING.", field="type", code="INVALID")
    user.save(update_fields=["default_shipping_address", "default_billing_address", "updated_at"])
    return user
