"""Names and descriptions in the marketplace's other languages (fr, ar, en)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import (
    Product,
    ProductTranslation,
    ProductVariant,
    ProductVariantTranslation,
)
from marketplace.catalog.services import product_update_search_vector
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import max_lengths_validate

from .access import product_for_actor, variant_for_actor
from .common import UNSET, rich_text_plain


def language_check(language_code: str) -> str:
    """A language the marketplace is translated into (Django's code, e.g. ``fr``, ``ar``)."""
    code = language_code.lower().replace("_", "-")
    known = {c for c, _name in settings.LANGUAGES}
    if code not in known:
        base = code.split("-")[0]
        if base not in known:
            raise DomainError(
                _("The marketplace is not translated into this language."),
                field="languageCode",
                code="INVALID",
            )
        code = base
    return code


@transaction.atomic
def product_translate(
    *,
    actor: Any,
    product_id: int,
    language_code: str,
    name: Any = UNSET,
    description: Any = UNSET,
    seo_title: Any = UNSET,
    seo_description: Any = UNSET,
) -> Product:
    """Set the product's name, description and SEO texts in one language; search follows."""
    product = product_for_actor(actor=actor, product_id=product_id)
    code = language_check(language_code)
    translation, _created = ProductTranslation.objects.get_or_create(
        product=product, language_code=code
    )
    if name is not UNSET:
        translation.name = " ".join(str(name or "").split())
    if description is not UNSET:
        translation.description, _plain = rich_text_plain(description)
    if seo_title is not UNSET:
        translation.seo_title = (seo_title or "").strip()
    if seo_description is not UNSET:
        translation.seo_description = (seo_description or "").strip()
    max_lengths_validate(
        ProductTranslation,
        {
            "name": translation.name,
            "seo_title": translation.seo_title,
            "seo_description": translation.seo_description,
        },
        field_names={"seo_title": "seoTitle", "seo_description": "seoDescription"},
    )
    translation.save()
    product_update_search_vector(product_ids=[product.pk])
    return product


@transaction.atomic
def variant_translate(
    *, actor: Any, variant_id: int, language_code: str, name: Any = UNSET
) -> ProductVariant:
    """Set the variant's name in one language."""
    variant = variant_for_actor(actor=actor, variant_id=variant_id)
    code = language_check(language_code)
    translation, _created = ProductVariantTranslation.objects.get_or_create(
        product_variant=variant, language_code=code
    )
    if name is not UNSET:
        translation.name = " ".join(str(name or "").split())
    max_lengths_validate(ProductVariantTranslation, {"name": translation.name})
    translation.save()
    return variant
