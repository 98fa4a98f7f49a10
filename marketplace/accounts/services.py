"""Accounts: registration, tokens, passwords (the address book: accounts/address_book.py).
One transaction each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.core.errors import DomainError, PermissionDenied
from marketplace.core.input_checks import max_lengths_validate
from marketplace.core.throttle import (
    Throttled,
    failure_lockout_check,
    failure_record,
    failures_clear,
    rate_limit,
)
from marketplace.security.two_factor import (
    second_factor_enabled,
    second_factor_match,
    second_factor_wait,
)

from .models import User, _new_token_key
from .redirects import redirect_url_validate
from .tokens import (
    REFRESH,
    TokenError,
    access_token_issue,
    claims_second_factor,
    refresh_token_issue,
    token_decode,
)

PASSWORD_CODES = {
    "password_too_short": "PASSWORD_TOO_SHORT",
    "password_too_common": "PASSWORD_TOO_COMMON",
    "password_entirely_numeric": "PASSWORD_ENTIRELY_NUMERIC",
    "password_too_similar": "PASSWORD_TOO_SIMILAR",
}


@dataclass(frozen=True)
class Tokens:
    user: User
    token: str | None  # None: the account must log in with its second factor (password_set)
    refresh_token: str | None


def _issue(user: User, issuer: str | None, *, second_factor: bool = False) -> Tokens:
    return Tokens(
        user=user,
        token=access_token_issue(user, issuer=issuer, second_factor=second_factor),
        refresh_token=refresh_token_issue(user, issuer=issuer, second_factor=second_factor),
    )


def _check_password(password: str, user: User | None = None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        code = PASSWORD_CODES.get(error.error_list[0].code or "", "INVALID_PASSWORD")
        raise DomainError(" ".join(error.messages), field="password", code=code) from None


def _known_ip(client_ip: str | None) -> str:
    """Throttling counts per address: a caller whose address is unknown is refused (as
    Saleor does), rather than sharing one unthrottled bucket with every other such caller."""
    if not client_ip:
        raise DomainError("Can't determine your IP address.", field=None, code="UNKNOWN_IP_ADDRESS")
    return client_ip


def signed_in_user(user: Any) -> User:
    if user is None or not user.is_authenticated:
        raise PermissionDenied("You need to log in.", code="PERMISSION_DENIED")
    assert isinstance(user, User)
    return user


@transaction.atomic
def account_register(
    *,
    email: str,
    password: str,
    client_ip: str | None,
    redirect_url: str = "",
    first_name: str = "",
    last_name: str = "",
    language_code: str = "en",
    metadata: Sequence[tuple[str, str]] = (),
) -> User | None:
    """Create the account (with its public metadata, as Saleor takes it), or, when the
    e-mail already has one, mail its owner that someone
    tried to register with it. Both answer the same (None, no error) in the same time (one
    password hash each): registration tells nobody whether an address has an account.
    Throttled per IP address (REGISTRATIONS_PER_IP per REGISTRATION_WINDOW_SECONDS).
    Returns the new user, or None for an address already registered. Accounts need no
    confirmation here, but a ``redirect_url`` given for one must be an allowed client host."""
    from .tasks import send_registration_attempt

    if redirect_url:
        redirect_url_validate(redirect_url)
    rate_limit(
        scope="register",
        key=_known_ip(client_ip),
        limit=settings.REGISTRATIONS_PER_IP,
        window_seconds=settings.REGISTRATION_WINDOW_SECONDS,
    )
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
    from .lifecycle import _metadata as metadata_checked  # lifecycle builds on this module

    clean_metadata = metadata_checked(metadata) if metadata else {}
    owner = User.objects.filter(email__iexact=email).first()
    if owner is not None:
        make_password(password)  # the time a new account's hash takes: no timing oracle
        owner_id = owner.pk
        transaction.on_commit(lambda: send_registration_attempt.delay(user_id=owner_id))
        return None
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email,
                password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                language_code=language_code,
                metadata=clean_metadata,
            )
    except IntegrityError:  # a simultaneous registration won the race: same answer as above
        return None


def _login_failed(account: str, ip: str) -> None:
    for key, limit in (
        (f"account:{account}", settings.LOGIN_FAILURES_PER_ACCOUNT),
        (f"ip:{ip}", settings.LOGIN_FAILURES_PER_IP),
    ):
        failure_record(
            scope="login",
            key=key,
            limit=limit,
            window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
            lockout_seconds=settings.LOGIN_LOCKOUT_SECONDS,
            lockout_max_seconds=settings.LOGIN_LOCKOUT_MAX_SECONDS,
        )


def _password_check(*, email: str, password: str, client_ip: str | None) -> tuple[User, str]:
    """The active account ``email`` and ``password`` open, and its throttling key. The same
    answer for an unknown e-mail and a wrong password: nothing to enumerate.

    Throttled: after LOGIN_FAILURES_PER_ACCOUNT failures (wrong passwords, wrong second-factor
    codes at tokenCreate) for one e-mail (known or not) or LOGIN_FAILURES_PER_IP from one
    address, every attempt, the right password included, is refused with
    LOGIN_ATTEMPT_DELAYED for a lockout that doubles with each further failure; a complete
    success forgets the account's failures, a password reset lifts its lockout."""
    ip = _known_ip(client_ip)
    account = email.strip().lower()
    failure_lockout_check(scope="login", keys=[f"account:{account}", f"ip:{ip}"], field="email")
    user = authenticate(username=account, password=password)
    if user is None:
        inactive = User.objects.filter(email__iexact=email.strip(), is_active=False).first()
        if inactive is not None and inactive.check_password(password):
            raise DomainError("Account inactive.", field="email", code="INACTIVE")
        _login_failed(account, ip)
        raise DomainError(
            "Please, enter valid credentials.", field="email", code="INVALID_CREDENTIALS"
        )
    assert isinstance(user, User)
    return user, account


def _login_succeeded(user: User, account: str) -> None:
    failures_clear(scope="login", key=f"account:{account}")
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())


def login_check(*, email: str, password: str, client_ip: str | None) -> User:
    """The password step of the shop's login page (throttled as ``_password_check``); the
    session it opens then waits for the second factor on the verification page
    (``security.middleware``), where django-otp delays wrong codes. With the factor on, the
    password alone does not forget earlier failures (wrong API codes among them): the lockout
    counts on until a login passes both steps."""
    user, account = _password_check(email=email, password=password, client_ip=client_ip)
    if second_factor_enabled(user):
        User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    else:
        _login_succeeded(user, account)
    return user


def token_create(
    *,
    email: str,
    password: str,
    client_ip: str | None,
    issuer: str | None = None,
    otp_code: str | None = None,
) -> Tokens:
    """API tokens for ``email`` and ``password`` (throttled as ``_password_check``).
    ``issuer`` is the API URL the tokens name in ``iss``.

    An account with two-factor authentication on also needs ``otp_code``: the code from its
    authenticator app or one of its recovery codes (used up). Without one the answer is
    REQUIRED on otpCode, with a wrong one INVALID (a failure for the throttling, so codes
    cannot be guessed); no token either way. The right password alone does not forget the
    failures: only the right password with the right code does."""
    user, account = _password_check(email=email, password=password, client_ip=client_ip)
    second_factor = second_factor_enabled(user)
    if second_factor:
        if not "".join((otp_code or "").split()):
            raise DomainError(
                _(
                    "This account uses two-factor authentication: give the code from the "
                    "authenticator app, or a recovery code, in otpCode."
                ),
                field="otpCode",
                code="REQUIRED",
            )
        wait = second_factor_wait(user=user)
        if wait:  # django-otp's own growing delay after a wrong code: even a right one waits
            raise Throttled(
                ngettext(
                    "Too many wrong codes. Try again in %(seconds)s second.",
                    "Too many wrong codes. Try again in %(seconds)s seconds.",
                    wait,
                )
                % {"seconds": wait},
                retry_after=wait,
                field="otpCode",
            )
        if second_factor_match(user=user, code=otp_code or "") is None:
            _login_failed(account, _known_ip(client_ip))
            raise DomainError(
                _("The two-factor code is not right. Check the time on your phone."),
                field="otpCode",
                code="INVALID",
            )
    _login_succeeded(user, account)
    return _issue(user, issuer, second_factor=second_factor)


def token_refresh(*, refresh_token: str | None, issuer: str | None = None) -> tuple[User, str]:
    """A new access token for a valid refresh token, carrying how its holder logged in. A
    refresh token issued without the second factor mints nothing for an account that has it
    on now (turned on since, or by staff in the back office): its holder logs in again."""
    if not refresh_token:
        raise TokenError("Missing refresh token.", field="refreshToken", code="JWT_MISSING_TOKEN")
    user, claims = token_decode(refresh_token, kind=REFRESH)
    second_factor = claims_second_factor(claims)
    if not second_factor and second_factor_enabled(user):
        raise TokenError(
            _(
                "This refresh token was issued before two-factor authentication was turned "
                "on: log in again with a code."
            ),
            field="refreshToken",
            code="JWT_INVALID_TOKEN",
        )
    return user, access_token_issue(user, issuer=issuer, second_factor=second_factor)


@transaction.atomic
def password_change(*, actor: Any, old_password: str, new_password: str) -> User:
    user = signed_in_user(actor)
    if not user.check_password(old_password):
        raise DomainError(
            "Old password isn't valid.", field="oldPassword", code="INVALID_CREDENTIALS"
        )
    _check_password(new_password, user)
    user.set_password(new_password)
    user.jwt_token_key = _new_token_key()  # every other session ends
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


def password_reset_request(
    *, email: str, redirect_url: str, client_ip: str | None, language_code: str = ""
) -> None:
    """Mail a reset link if the account exists; answer the same either way. The mail is in
    ``language_code`` (the page the buyer asked from, whose reset page ``redirect_url``
    names), else in the account's own language (the API, which names none); it leaves once
    the caller's transaction commits. The link goes
    only to an allowed client host (redirect_url_validate). Throttled per e-mail, known or
    not (PASSWORD_RESETS_PER_ACCOUNT), and per IP address (PASSWORD_RESETS_PER_IP), per
    PASSWORD_RESET_WINDOW_SECONDS: no mailbox can be flooded from here."""
    from .tasks import send_password_reset

    redirect_url_validate(redirect_url)
    ip = _known_ip(client_ip)
    for key, limit, field in (
        (f"ip:{ip}", settings.PASSWORD_RESETS_PER_IP, None),
        (f"account:{email.strip().lower()}", settings.PASSWORD_RESETS_PER_ACCOUNT, "email"),
    ):
        rate_limit(
            scope="password-reset",
            key=key,
            limit=limit,
            window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
            code="PASSWORD_RESET_ALREADY_REQUESTED",
            field=field,
        )
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    token = default_token_generator.make_token(user)
    user_id = user.pk
    transaction.on_commit(
        lambda: send_password_reset.delay(
            user_id=user_id, token=token, redirect_url=redirect_url, language_code=language_code
        )
    )


@transaction.atomic
def password_set(*, email: str, token: str, password: str, issuer: str | None = None) -> Tokens:
    """Set a new password with the mailed reset token; every earlier token stops working.
    Tokens come back only for an account without two-factor authentication: one with it
    logs in through tokenCreate, with its code."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise DomainError("Invalid or expired token.", field="token", code="INVALID")
    _check_password(password, user)
    user.set_password(password)
    user.jwt_token_key = _new_token_key()
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    # Whoever proved they read this mailbox may log in again at once.
    failures_clear(scope="login", key=f"account:{user.email.lower()}")
    if second_factor_enabled(user):
        # The mailbox is one factor: tokens only from tokenCreate, with the code.
        return Tokens(user=user, token=None, refresh_token=None)
    return _issue(user, issuer)
