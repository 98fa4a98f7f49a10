"""Reads of shipping methods for the buyer's pages."""

from __future__ import annotations

from collections.abc import Iterable

from .models import ShippingMethodTranslation


def shipping_method_names(
    *, method_ids: Iterable[int | None], language_code: str
) -> dict[int, str]:
    """Each method's name in the language, where a translation gives one (one query; none
    when there is nothing to look up). Others keep their own name: the caller falls back."""
    wanted = [pk for pk in dict.fromkeys(method_ids) if pk is not None]
    if not wanted:
        return {}
    rows = ShippingMethodTranslation.objects.filter(
        method_id__in=wanted, language_code=language_code
    ).exclude(name="")
    return dict(rows.values_list("method_id", "name"))
