"""A buyer's own account over its life: profile update, confirmation, e-mail change and
deletion, each confirmed by a signed, expiring link mailed to the address concerned.

The links carry a token signed with SECRET_KEY under a salt per purpose, so a token made for
one purpose is worthless for another; each also names the state it was issued for (the old
e-mail, the token key), so it stops working once that state has changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError

from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.input_checks import max_lengths_validate

from .addresses import AddressData, address_store, address_validate
from .models import User
from .redirects import redirect_url_validate

EMAIL_CHANGE_SALT = "marketplace.accounts.email-change"
DELETION_SALT = "marketplace.accounts.deletion"
LINK_LIFETIME = timedelta(days=3)
METADATA_ITEMS_MAX = 50


@dataclass(frozen=True)
class ProfileChanges:
    """What accountUpdate may change; None leaves a value as it is."""

    first_name: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    default_shipping_address: AddressData | None = None
    default_billing_address: AddressData | None = None
    metadata: Sequence[tuple[str, str]] = ()


def signed_in_user(actor: Any) -> User:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("You need to log in.", code="PERMISSION_DENIED")
    assert isinstance(actor, User)
    return actor


def redirect_url_check(url: str) -> str:
    """The storefront page a mailed link opens: an absolute http(s) URL on an allowed
    client host (ALLOWED_CLIENT_HOSTS), see redirects.redirect_url_validate."""
    return redirect_url_validate(url)


def _email(value: str, *, field: str) -> str:
    email = value.strip().lower()
    max_lengths_validate(User, {"email": email})
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError("Enter a valid e-mail address.", field=field, code="INVALID") from None
    return email


def _metadata(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    if len(items) > METADATA_ITEMS_MAX:
        raise DomainError(f"At most {METADATA_ITEMS_MAX} metadata items.", field="metadata")
    clean = {}
    for key, value in items:
        if not key.strip():
            raise DomainError("Metadata keys cannot be blank.", field="metadata", code="REQUIRED")
        if len(key) > 256 or len(value) > 2000:
            raise DomainError(
                "Metadata keys are 256 characters at most, values 2000.", field="metadata"
            )
        clean[key.strip()] = value
    return clean


@transaction.atomic
def account_update(*, actor: Any, changes: ProfileChanges) -> User:
    """The signed-in user's profile, all or nothing: a new default address is validated for
    its country, added to the address book and made the default of its kind."""
    user = signed_in_user(actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    fields = ["updated_at"]
    names = {
        "first_name": changes.first_name,
        "last_name": changes.last_name,
    }
    for name, value in names.items():
        if value is not None:
            setattr(user, name, value.strip())
            fields.append(name)
    max_lengths_validate(User, {"first_name": user.first_name, "last_name": user.last_name})
    if changes.language_code is not None:
        user.language_code = changes.language_code
        fields.append("language_code")
    for kind, data in (
        ("shipping", changes.default_shipping_address),
        ("billing", changes.default_billing_address),
    ):
        if data is None:
            continue
        try:
            address = address_store(address_validate(data))
        except DomainError as error:
            error.field = f"default{kind.title()}Address.{error.field}" if error.field else None
            raise
        user.addresses.add(address)
        setattr(user, f"default_{kind}_address", address)
        fields.append(f"default_{kind}_address")
    if changes.metadata:
        user.metadata = {**user.metadata, **_metadata(changes.metadata)}
        fields.append("metadata")
    user.save(update_fields=fields)
    return user


def account_confirm(*, email: str, token: str) -> User:
    """Accounts are confirmed when they register (no confirmation mail is needed here), so
    this only checks that the token is one we mailed to this active account."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise DomainError("Invalid or expired token.", field="token", code="INVALID")
    return user


@transaction.atomic
def email_change_request(*, actor: Any, new_email: str, password: str, redirect_url: str) -> User:
    """Mail a confirmation link to the new address; nothing changes until it is followed."""
    from .tasks import send_email_change_link

    user = signed_in_user(actor)
    if not user.check_password(password):
        raise DomainError("Password isn't valid.", field="password", code="INVALID_CREDENTIALS")
    email = _email(new_email, field="newEmail")
    redirect_url_check(redirect_url)
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError("Email is used by other user.", field="newEmail", code="UNIQUE")
    token = signing.dumps(
        {"user": user.pk, "old": user.email, "new": email}, salt=EMAIL_CHANGE_SALT
    )
    transaction.on_commit(
        lambda: send_email_change_link.delay(
            new_email=email, token=token, redirect_url=redirect_url
        )
    )
    return user


@transaction.atomic
def email_change_confirm(*, actor: Any, token: str) -> User:
    """The signed-in user's e-mail becomes the one the token was mailed to, if the token is
    theirs, unexpired, issued for their current address, and the new one is still free."""
    user = signed_in_user(actor)
    try:
        claims = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:
        raise DomainError(
            "Invalid or expired token.", field="token", code="JWT_INVALID_TOKEN"
        ) from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if claims.get("user") != user.pk or claims.get("old") != user.email:
        raise DomainError("Invalid or expired token.", field="token", code="JWT_INVALID_TOKEN")
    if User.objects.filter(email__iexact=claims["new"]).exclude(pk=user.pk).exists():
        raise DomainError("Email is used by other user.", field="newEmail", code="UNIQUE")
    user.email = claims["new"]
    user.save(update_fields=["email", "updated_at"])
    return user


def _deletable(user: User) -> None:
    if user.is_staff or user.is_superuser:
        raise DomainError(
            "Staff accounts are closed by an administrator.", field="id", code="INVALID"
        )
    if user.vendor_memberships.exists():
        raise DomainError(
            "Leave your workshops first: they need another member before this account closes.",
            field="id",
            code="INVALID",
        )


def account_deletion_request(*, actor: Any, redirect_url: str) -> None:
    """Mail the signed-in user a link that closes their account."""
    from .tasks import send_account_deletion_link

    user = signed_in_user(actor)
    redirect_url_check(redirect_url)
    _deletable(user)
    token = signing.dumps({"user": user.pk, "key": user.jwt_token_key}, salt=DELETION_SALT)
    transaction.on_commit(
        lambda: send_account_deletion_link.delay(
            user_id=user.pk, token=token, redirect_url=redirect_url
        )
    )


@transaction.atomic
def account_delete(*, actor: Any, token: str) -> User:
    """Close the signed-in user's account with the token mailed to them. Orders stay (with
    the e-mail they were placed under), the address book and baskets' link to them go.
    Returns the user as it was (its id included) for the answer."""
    user = signed_in_user(actor)
    try:
        claims = signing.loads(token, salt=DELETION_SALT, max_age=LINK_LIFETIME)
    except signing.BadSignature:
        raise DomainError(
            "Invalid or expired token.", field="token", code="JWT_INVALID_TOKEN"
        ) from None
    user = User.objects.select_for_update().get(pk=user.pk)
    if claims.get("user") != user.pk or claims.get("key") != user.jwt_token_key:
        raise DomainError("Invalid or expired token.", field="token", code="JWT_INVALID_TOKEN")
    _deletable(user)
    gone = User(pk=user.pk, email=user.email, first_name=user.first_name, last_name=user.last_name)
    for address in list(user.addresses.all()):
        try:
            with transaction.atomic():
                address.delete()
        except ProtectedError:
            pass  # an order or a warehouse still records this address: it stays with them
    user.delete()
    return gone
