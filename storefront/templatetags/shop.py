"""Template helpers of the shop: money in the buyer's locale, translated catalog fields,
responsive images from the stored thumbnails, and vendor themes."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from babel.numbers import format_currency, format_decimal
from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join

from marketplace.core.money import quantize

register = template.Library()

BABEL_LOCALES = {"fr": "fr_FR", "ar": "ar", "en": "en"}
CARD_WIDTHS = (256, 512, 1024)
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def babel_locale() -> str:
    return BABEL_LOCALES.get(translation.get_language() or "en", "en")


@register.simple_tag
def money(amount: Decimal | None, currency: str) -> str:
    """An amount in the currency's own precision (TND: 3 places), written for the locale."""
    if amount is None:
        return ""
    return _currency_text(str(quantize(Decimal(amount), currency)), currency, babel_locale())


@lru_cache(maxsize=8192)
def _currency_text(amount: str, currency: str, locale: str) -> str:
    """Babel's formatting, once per amount, currency and locale: a page of cards repeats
    prices, and Babel reads its locale data and parses the pattern on every call. Keyed by
    the amount's text, which keeps precision and sign (Decimal keys equal across them)."""
    return str(format_currency(Decimal(amount), currency, locale=locale))


@register.simple_tag
def number(value: Any) -> str:
    return format_decimal(value, locale=babel_locale())


@register.filter
def tr(obj: Any, field: str) -> Any:
    """The field in the page's language when a translation was loaded (``in_language``),
    the object's own value otherwise: a clear fallback, never an empty label."""
    for row in getattr(obj, "in_language", None) or []:
        value = getattr(row, field, None)
        if value:
            return value
    return getattr(obj, field, "")


@register.filter
def rich_text(value: Any) -> str:
    """EditorJS rich text (Saleor's shape) as paragraphs; unknown blocks are skipped."""
    blocks = (value or {}).get("blocks", []) if isinstance(value, dict) else []
    texts = [
        (re.sub(r"<[^>]+>", "", str(b.get("data", {}).get("text", ""))),)
        for b in blocks
        if b.get("type") in ("paragraph", "header")
    ]
    return format_html_join("", "<p>{}</p>", texts)


@register.filter
def plain_text(value: Any) -> str:
    blocks = (value or {}).get("blocks", []) if isinstance(value, dict) else []
    return " ".join(
        re.sub(r"<[^>]+>", "", str(b.get("data", {}).get("text", ""))) for b in blocks
    ).strip()


_PLAIN_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


@lru_cache(maxsize=64)
def _route_prefix(name: str, tail: tuple[Any, ...], *, urlconf: Any, script: str, lang: str) -> str:
    """The URL of route ``name`` up to its last arguments, reversed once per URL
    configuration, script prefix and language: ``reverse`` costs tens of microseconds and a
    page of cards makes five per card. ``tail`` are sample arguments whose text ends the URL."""
    url = reverse(name, args=tail)
    ending = "".join(f"{value}/" for value in tail)
    if not url.endswith(ending):  # a route whose URL does not end with its arguments
        raise ValueError(f"{name}: {url} does not end with {ending}")
    return url.removesuffix(ending)


@receiver(setting_changed)
def _forget_route_prefixes(*, setting: str, **kwargs: Any) -> None:
    """Tests that swap the URL configuration get fresh prefixes, as Django's own reverse
    caches are cleared then."""
    if setting == "ROOT_URLCONF":
        _route_prefix.cache_clear()


def _reversed_prefix(name: str, tail: tuple[Any, ...]) -> str:
    return _route_prefix(
        name,
        tail,
        urlconf=get_urlconf(),
        script=get_script_prefix(),
        lang=translation.get_language() or "",
    )


def _thumb(media_id: int, size: int, fmt: str = "webp") -> str:
    """As ``reverse("thumbnail", ...)``: ``/thumbnail/<media>/<size>/<format>/``."""
    return f"{_reversed_prefix('thumbnail', (1, 2, 'webp'))}{int(media_id)}/{int(size)}/{fmt}/"


@register.filter
def product_url(slug: str) -> str:
    """As ``{% url 'shop:product' slug %}``, without a ``reverse`` per card."""
    if not _PLAIN_SLUG.match(slug):  # anything reverse would quote
        return reverse("shop:product", args=[slug])
    return f"{_reversed_prefix('shop:product', ('slug',))}{slug}/"


@register.simple_tag
def picture(media: Any, sizes: str, alt: str = "", css: str = "", eager: bool = False) -> str:
    """A WebP ``srcset`` of the stored thumbnails (made on first request), JPEG fallback."""
    if getattr(media, "pk", None) is None:  # no picture (None, or "" from an empty |first)
        return format_html('<div class="ph {}" aria-hidden="true"></div>', css)
    webp = ", ".join(f"{_thumb(media.pk, w)} {w}w" for w in CARD_WIDTHS)
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img class="{}" src="{}" alt="{}" width="512" height="512" loading="{}" '
        'decoding="async"></picture>',
        webp,
        sizes,
        css,
        _thumb(media.pk, 512, "original"),
        alt or media.alt,
        "eager" if eager else "lazy",
    )


class _PictureRef(NamedTuple):
    pk: int
    alt: str


@register.simple_tag
def card_picture(card: Any, sizes: str) -> str:
    """``picture`` of a product card's first picture (``catalog.cards.product_cards``),
    described by the card's name."""
    media_id = getattr(card, "card_picture_id", None)
    media = None if media_id is None else _PictureRef(media_id, card.card_picture_alt or "")
    return picture(media, sizes, alt=card.card_name)


@register.simple_tag
def theme(vendor: Any) -> str:
    """CSS custom properties from the vendor's storefront profile; a colour that is not a
    plain #rrggbb is ignored, so a profile can never inject CSS."""
    if vendor is None:
        return ""
    rules = []
    if _HEX_COLOUR.match(vendor.primary_color or ""):
        rules.append(f"--brand:{vendor.primary_color}")
    if _HEX_COLOUR.match(vendor.secondary_color or ""):
        rules.append(f"--brand-soft:{vendor.secondary_color}")
    return ";".join(rules)


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (stable filter/page URLs)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if "page" not in changes:
        params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
