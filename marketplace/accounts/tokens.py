"""JSON Web Tokens for API clients: short-lived access tokens, long-lived refresh tokens.

Signed with HS256 under a key derived from SECRET_KEY. Each token carries the user's
``jwt_token_key``; rotating it (password change or reset) invalidates every token issued.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone

from marketplace.core.errors import DomainError

from .models import User

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"


class TokenError(DomainError):
    """A token that is missing, malformed, forged, expired or revoked."""


def _key() -> str:
    return hashlib.sha256(f"jwt:{settings.SECRET_KEY}".encode()).hexdigest()


def _issue(user: User, kind: str, lifetime: timedelta) -> str:
    now = timezone.now()
    claims = {
        "iss": settings.JWT_ISSUER,
        "sub": str(user.pk),
        "email": user.email,
        "type": kind,
        "token": user.jwt_token_key,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "is_staff": user.is_staff,
    }
    return jwt.encode(claims, _key(), algorithm=ALGORITHM)


def access_token_issue(user: User) -> str:
    return _issue(user, ACCESS, settings.JWT_ACCESS_TTL)


def refresh_token_issue(user: User) -> str:
    return _issue(user, REFRESH, settings.JWT_REFRESH_TTL)


def token_decode(token: str, *, kind: str) -> tuple[User, dict[str, Any]]:
    """The active user a token of ``kind`` speaks for, and its claims."""
    try:
        claims = jwt.decode(
            token,
            _key(),
            algorithms=[ALGORITHM],
            issuer=settings.JWT_ISSUER,
            options={"require": ["exp", "sub", "type", "token"]},
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
    "refresh_token_issue",
    "token_decode",
]
