"""Checks on what an applicant or a workshop types: each failure names its field."""

from __future__ import annotations

import re

from django_countries import countries

from marketplace.core.errors import DomainError

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_CARD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /.\-]{2,31}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]{5,30}$")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
STORY_MAX = 5000
MIN_CONTRAST = 4.5  # WCAG AA for the storefront's white text on the brand colour


def text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise DomainError("This field is required.", field=field, code="REQUIRED")
    if len(cleaned) > max_length:
        raise DomainError(
            f"Ensure this value has at most {max_length} characters (it has {len(cleaned)}).",
            field=field,
            code="INVALID",
        )
    return cleaned


def country(value: str | None, *, field: str = "country") -> str:
    code = (value or "").strip().upper()
    if not code:
        raise DomainError("This field is required.", field=field, code="REQUIRED")
    if code not in dict(countries):
        raise DomainError(f"{code[:8]} is not a country code.", field=field, code="INVALID")
    return code


def artisan_card(value: str | None, *, field: str = "artisan_card_number") -> str:
    number = text(value, field=field, max_length=32, required=True)
    if not _CARD.match(number):
        raise DomainError(
            "Enter the number as printed on the card: letters, digits, spaces, / . or -.",
            field=field,
            code="INVALID",
        )
    return number


def phone(value: str | None, *, field: str = "contact_phone") -> str:
    number = text(value, field=field, max_length=32)
    if number and not _PHONE.match(number):
        raise DomainError(
            "Enter a phone number with its country code, e.g. +213 555 12 34 56.",
            field=field,
            code="INVALID",
        )
    return number


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def colour(value: str | None, *, field: str, dark: bool) -> str:
    """A ``#rrggbb`` colour; the primary (``dark``) must carry white text legibly."""
    code = (value or "").strip()
    if not _HEX.match(code):
        raise DomainError("Enter a colour as #rrggbb.", field=field, code="INVALID")
    if dark and contrast_with_white(code) < MIN_CONTRAST:
        raise DomainError(
            "This colour is too light for white text on it; choose a darker one.",
            field=field,
            code="INVALID",
        )
    return code.lower()


def hostname(value: str | None, *, field: str = "custom_domain") -> str:
    host = (value or "").strip().lower().rstrip(".")
    if not host:
        return ""
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(_HOST_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise DomainError(
            "Enter a domain name such as atelier-souika.com, without http:// or a path.",
            field=field,
            code="INVALID",
        )
    return host


def story_blocks(value: str | None, *, field: str = "story") -> dict[str, object]:
    """Plain text (paragraphs split by blank lines) as the EditorJS blocks Saleor uses."""
    body = text(value, field=field, max_length=STORY_MAX)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    return {
        "blocks": [{"type": "paragraph", "data": {"text": p}} for p in paragraphs],
        "version": "2.24.3",
    }


def story_text(story: object) -> str:
    """The inverse of ``story_blocks``, for an edit form."""
    blocks = story.get("blocks", []) if isinstance(story, dict) else []
    return "\n\n".join(
        str(b.get("data", {}).get("text", "")) for b in blocks if isinstance(b, dict)
    ).strip()
