"""Input shaping shared by the write services: slugs, rich text, metadata, attributes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.catalog.models import Attribute, AttributeValue
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo

TAG = re.compile(r"<[^>]+>")
MAX_METADATA_ITEMS = 50
MAX_DESCRIPTION_CHARS = 50_000
# "Not given": an update leaves a field holding this as it is.
UNSET: Any = object()


@dataclass(frozen=True)
class AttributeChoice:
    """One attribute and the values chosen for it (value ids, or slugs or names to match)."""

    attribute_id: int
    value_ids: Sequence[int] = field(default_factory=tuple)
    value_names: Sequence[str] = field(default_factory=tuple)


def rich_text_plain(description: Any, *, field: str = "description") -> tuple[dict, str]:
    """An EditorJS document (``{"blocks": [...]}``) checked, and its text without markup."""
    if description in (None, ""):
        return {}, ""
    if not isinstance(description, Mapping) or not isinstance(description.get("blocks"), list):
        raise DomainError(
            _("The description must be a rich-text document with a list of blocks."),
            field=field,
            code="INVALID",
        )
    texts: list[str] = []
    for block in description["blocks"]:
        data = block.get("data") if isinstance(block, Mapping) else None
        if not isinstance(data, Mapping):
            continue
        for key in ("text", "caption"):
            if isinstance(data.get(key), str):
                texts.append(data[key])
        for item in data.get("items") or []:
            if isinstance(item, str):
                texts.append(item)
    plain = html.unescape(TAG.sub(" ", " ".join(texts)))
    plain = " ".join(plain.split())
    if len(plain) > MAX_DESCRIPTION_CHARS:
        raise DomainError(
            _("The description is longer than %(limit)s characters.")
            % {"limit": MAX_DESCRIPTION_CHARS},
            field=field,
            code="INVALID",
        )
    return dict(description), plain


def unique_slug(model: type[Model], *, wanted: str | None, name: str, field: str = "slug") -> str:
    """``wanted`` when free (else UNIQUE on ``field``), or a free slug made from ``name``."""
    manager = model._default_manager
    if wanted:
        slug = slugify(wanted)
        if slug != wanted:
            raise DomainError(
                _("Use lower-case letters, digits and hyphens (%(slug)s).") % {"slug": slug},
                field=field,
                code="INVALID",
            )
        if len(slug) > 255:
            raise DomainError(_("The slug is too long."), field=field, code="INVALID")
        if manager.filter(slug=slug).exists():
            raise DomainError(
                _("A product with slug %(slug)s exists.") % {"slug": echo(slug)},
                field=field,
                code="UNIQUE",
            )
        return slug
    base = (slugify(name, allow_unicode=False) or "piece")[:240].strip("-") or "piece"
    taken = set(manager.filter(slug__startswith=base).values_list("slug", flat=True)[:1000])
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def metadata_merge(
    current: Mapping[str, str], items: Iterable[Mapping[str, str]] | None, *, field: str
) -> dict[str, str]:
    """``current`` with the given ``{key, value}`` items set (Saleor's update semantics)."""
    merged = dict(current)
    for item in items or ():
        key = str(item.get("key", "")).strip()
        if not key or len(key) > 255:
            raise DomainError(_("Metadata keys are 1 to 255 characters."), field=field)
        merged[key] = str(item.get("value", ""))[:2000]
    if len(merged) > MAX_METADATA_ITEMS:
        raise DomainError(
            _("At most %(n)s metadata entries.") % {"n": MAX_METADATA_ITEMS}, field=field
        )
    return merged


def weight_parse(value: Any, *, field: str = "weight") -> Decimal | None:
    """A weight in kilograms, at least zero, three decimals at most."""
    if value is None or value == "":
        return None
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("The weight must be a number."), field=field) from None
    if not weight.is_finite() or weight < 0 or weight >= 100_000:
        raise DomainError(
            _("The weight must be between 0 and 99999.999 kg."), field=field, code="INVALID"
        )
    return weight.quantize(Decimal("0.001"))


def attribute_values_resolve(
    choices: Sequence[AttributeChoice], *, field: str = "attributes"
) -> list[AttributeValue]:
    """The attribute values the choices name; an unknown attribute or value is NOT_FOUND."""
    chosen: list[AttributeValue] = []
    for choice in choices:
        if not Attribute.objects.filter(pk=choice.attribute_id).exists():
            raise DomainError(_("No attribute with this id."), field=field, code="NOT_FOUND")
        values = list(AttributeValue.objects.filter(attribute_id=choice.attribute_id))
        by_id = {value.pk: value for value in values}
        by_name = {value.slug: value for value in values} | {
            value.name.casefold(): value for value in values
        }
        for value_id in choice.value_ids:
            if value_id not in by_id:
                raise DomainError(
                    _("The attribute has no such value."), field=field, code="NOT_FOUND"
                )
            chosen.append(by_id[value_id])
        for name in choice.value_names:
            match = by_name.get(name) or by_name.get(name.casefold())
            if match is None:
                raise DomainError(
                    _("The attribute has no value %(value)s.") % {"value": echo(name)},
                    field=field,
                    code="NOT_FOUND",
                )
            chosen.append(match)
    return chosen
