"""JSON Web Tokens for API clients: short-lived access tokens, long-lived refresh tokens.

Signed with HS256 under a key derived from SECRET_KEY. Each token carries the user's
``jwt_token_key``; rotating it (``tokens_revoke``: password change or reset, two-factor
authentication turned on, "end every other session") invalidates every token issued.
``amr`` (RFC 8176) says how the holder logged in: ``["pwd"]``, or ``["pwd", "otp"]`` once the
second factor was given; a refresh token passes it on to the access tokens it mints, and one
without "otp" mints none for an account that has the factor on (``token_refresh``).
``iss`` is the absolute URL of the API that issued the token, as Saleor issues it: Saleor's
auth SDK attaches a token only to requests for the API named in its ``iss``. The signature,
not ``iss``, is what makes a token ours, so decoding does not compare ``iss`` to one host.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone

from marketplace.core.errors import DomainError

from .models import User, _new_token_key

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"
PASSWORD = "pwd"
SECOND_FACTOR = "otp"


class TokenError(DomainError):
    """A token that is missing, malformed, forged, expired or revoked."""


def _key() -> str:
    return hashlib.sha256(f"jwt:{settings.SECRET_KEY}".encode()).hexdigest()


def _issue(user: User, kind: str, lifetime: timedelta, issuer: str, second_factor: bool) -> str:
    now = timezone.now()
    claims = {
        "iss": issuer,
        "sub": str(user.pk),
        "email": user.email,
        "type": kind,
        "token": user.jwt_token_key,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "is_staff": user.is_staff,
        "amr": [PASSWORD, SECOND_FACTOR] if second_factor else [PASSWORD],
    }
    return jwt.encode(claims, _key(), algorithm=ALGORITHM)


def default_issuer() -> str:
    """The API's URL when no request says where it was called (commands, tests)."""
    return f"{settings.PUBLIC_URL or 'http://localhost:8000'}/graphql/"


def access_token_issue(
    user: User, *, issuer: str | None = None, second_factor: bool = False
) -> str:
    """``second_factor``: the holder gave the second factor when logging in."""
    ttl = settings.JWT_ACCESS_TTL
    return _issue(user, ACCESS, ttl, issuer or default_issuer(), second_factor)


def refresh_token_issue(
    user: User, *, issuer: str | None = None, second_factor: bool = False
) -> str:
    ttl = settings.JWT_REFRESH_TTL
    return _issue(user, REFRESH, ttl, issuer or default_issuer(), second_factor)


def claims_second_factor(claims: dict[str, Any]) -> bool:
    """Whether the token was issued to someone who gave the second factor."""
    methods = claims.get("amr")
    return isinstance(methods, list) and SECOND_FACTOR in methods


def tokens_revoke(user: User) -> None:
    """Every access and refresh token issued to ``user`` so far stops working."""
    user.jwt_token_key = _new_token_key()
    User.objects.filter(pk=user.pk).update(
        jwt_token_key=user.jwt_token_key, updated_at=timezone.now()
    )


def token_decode(token: str, *, kind: str) -> tuple[User, dict[str, Any]]:
    """The active user a token of ``kind`` speaks for, and its claims."""
    try:
        claims = jwt.decode(
            token,
            _key(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iss", "sub", "type", "token"]},
        )
    except jwt.ExpiredSignatureError:
        raise TokenError(
            "Signature has expired.", field="token", code="JWT_SIGNATURE_EXPIRED"
        ) from None
    except jwt.DecodeError:
        raise TokenError(
            "Error decoding signature.", field="token", code="JWT_DECODE_ERROR"
        ) from None
    except jwt.InvalidTokenError:
        raise TokenError("Invalid token.", field="token", code="JWT_INVALID_TOKEN") from None
    if claims.get("type") != kind:
        raise TokenError(f"Expected a {kind} token.", field="token", code="JWT_INVALID_TOKEN")
    user = User.objects.filter(pk=claims["sub"], is_active=True).first()
    if user is None or user.jwt_token_key != claims["token"]:
        raise TokenError("Invalid token.", field="token", code="JWT_INVALID_TOKEN")
    return user, claims


__all__ = [
    "ACCESS",
    "REFRESH",
    "TokenError",
    "access_token_issue",
    "claims_second_factor",
    "default_issuer",
    "refresh_token_issue",
    "token_decode",
    "tokens_revoke",
]
