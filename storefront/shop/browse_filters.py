"""The catalog's provenance filters: by technique (the controlled vocabulary, translated) and
by region (the workshop's wilaya or governorate, or the piece's own recorded region)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

from marketplace.catalog.models import AttributeValue, Category, CategoryTranslation, Product
from marketplace.provenance.models import Provenance, Technique, TechniqueTranslation
from marketplace.vendors.models import VendorTranslation
from marketplace.vendors.selectors import clusters_visible, workshops_visible


def provenance_filter(
    products: QuerySet[Product], *, technique: str, region: str
) -> QuerySet[Product]:
    """Products made with the technique (its slug) and from the region (name, any case).
    Each filter is one EXISTS: the query stays one query, whatever the page."""
    if technique:
        products = products.filter(
            Exists(Provenance.objects.filter(product=OuterRef("pk"), techniques__slug=technique))
        )
    if region:
        made_there = Provenance.objects.filter(product=OuterRef("pk"), region__iexact=region)
        products = products.filter(
            Q(vendor__region__iexact=region)
            | Q(vendor__cluster__region__iexact=region)
            | Exists(made_there)
        )
    return products


def _label(translations: type[Model], owner: str, language_code: str) -> Coalesce:
    """The name in the language where its translation has one, else the object's own name:
    what the ``tr`` template filter shows, computed in the query (one translation row per
    object and language)."""
    translated = translations._default_manager.filter(
        **{owner: OuterRef("pk")}, language_code=language_code
    ).values("name")[:1]
    return Coalesce(NullIf(Subquery(translated), Value("")), F("name"))


def filter_choices(*, language_code: str) -> dict[str, Any]:
    """The choices the catalog's filter form offers, as plain rows (``slug`` and ``label``,
    the name in the page's language): categories, clusters, materials, the techniques some
    piece records and the regions of the approved workshops (five queries)."""
    categories = Category.objects.order_by("level", "name").values(
        "slug", "level", label=_label(CategoryTranslation, "category", language_code)
    )
    clusters = clusters_visible().values(
        "slug", label=_label(VendorTranslation, "vendor", language_code)
    )
    materials = AttributeValue.objects.filter(attribute__slug="material").values("slug", "name")
    used = Provenance.objects.filter(techniques=OuterRef("pk"))
    techniques = (
        Technique.objects.filter(Exists(used))
        .order_by("name")
        .values("slug", label=_label(TechniqueTranslation, "technique", language_code))
    )
    regions = sorted(
        {r for r in workshops_visible().values_list("region", flat=True) if r},
        key=str.casefold,
    )
    return {
        "categories": list(categories),
        "clusters": list(clusters),
        "materials": list(materials),
        "techniques": list(techniques),
        "regions": regions,
    }
