"""Ed25519 signatures over certificates as compact JWS (RFC 7515, alg "EdDSA", RFC 8037).

Private keys live in files under CERTIFICATE_KEY_DIR (never in the database or the repo);
public keys are rows of ``SigningKey`` and are published for ever in the JWKS, so keys can
rotate while older certificates still verify.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import SigningKey

ALGORITHM = "EdDSA"
TOKEN_TYPE = "vc+jwt"


class SignatureError(ValueError):
    """A token is malformed, signed by a key we never published, or altered."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("The token is not base64url.") from exc


def _key_dir() -> Path:
    return Path(settings.CERTIFICATE_KEY_DIR)


def _private_key_path(kid: str) -> Path:
    return _key_dir() / f"{kid}.pem"


@transaction.atomic
def signing_key_rotate() -> SigningKey:
    """Make a new active key; the previous one retires but stays published."""
    private_key = Ed25519PrivateKey.generate()
    kid = f"mkt-{timezone.now():%Y%m%d}-{secrets.token_hex(4)}"
    directory = _key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    path = _private_key_path(kid)
    path.write_bytes(
        private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    SigningKey.objects.filter(active=True).update(active=False, retired_at=timezone.now())
    public = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return SigningKey.objects.create(kid=kid, public_key=b64url(public), active=True)


def active_signing_key() -> tuple[SigningKey, Ed25519PrivateKey]:
    """The key new certificates are signed with, created on first use."""
    key = SigningKey.objects.filter(active=True).first() or signing_key_rotate()
    try:
        pem = _private_key_path(key.kid).read_bytes()
    except FileNotFoundError:
        raise RuntimeError(
            f"The private half of signing key {key.kid} is missing from {_key_dir()}. "
            "Restore it, or rotate to a new key (marketplace manage certificate_key_rotate)."
        ) from None
    private_key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(private_key, Ed25519PrivateKey)
    return key, private_key


def sign(payload: dict[str, Any], *, key: SigningKey, private_key: Ed25519PrivateKey) -> str:
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": TOKEN_TYPE}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode())
        for part in (header, payload)
    )
    signature = private_key.sign(signing_input.encode())
    return f"{signing_input}.{b64url(signature)}"


def verify(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check the signature against the published keys; return (header, payload)."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise SignatureError("The token is not a compact JWS (three dot-separated parts).")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SignatureError("The token's header or payload is not JSON.") from exc
    if not isinstance(header, dict) or header.get("alg") != ALGORITHM:
        raise SignatureError("The token is not signed with EdDSA.")
    key = SigningKey.objects.filter(kid=str(header.get("kid", ""))).first()
    if key is None:
        raise SignatureError("The token is signed by a key the marketplace never published.")
    public_key = Ed25519PublicKey.from_public_bytes(b64url_decode(key.public_key))
    try:
        public_key.verify(b64url_decode(parts[2]), f"{parts[0]}.{parts[1]}".encode())
    except InvalidSignature:
        raise SignatureError("The signature does not match: the content was altered.") from None
    if not isinstance(payload, dict):
        raise SignatureError("The token's payload is not a JSON object.")
    return header, payload


def jwks() -> dict[str, Any]:
    """Every public key ever used, as a JSON Web Key Set (RFC 7517, OKP keys of RFC 8037)."""
    return {
        "keys": [
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": key.public_key,
                "kid": key.kid,
                "use": "sig",
                "alg": ALGORITHM,
            }
            for key in SigningKey.objects.order_by("created_at", "pk")
        ]
    }
