"""The catalog's provenance filters: by technique (the controlled vocabulary, translated) and
by region (the workshop's wilaya or governorate, or the piece's own recorded region)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from marketplace.catalog.models import Product
from marketplace.provenance.models import Provenance, Technique, TechniqueTranslation
from marketplace.vendors.selectors import workshops_visible


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


def filter_vocabulary(*, language_code: str) -> dict[str, Any]:
    """The choices the filter form offers: techniques some piece records, the regions of the
    approved workshops (two queries)."""
    used = Provenance.objects.filter(techniques=OuterRef("pk"))
    techniques = (
        Technique.objects.filter(Exists(used))
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=TechniqueTranslation.objects.filter(language_code=language_code),
                to_attr="in_language",
            )
        )
        .order_by("name")
    )
    regions = sorted(
        {r for r in workshops_visible().values_list("region", flat=True) if r},
        key=str.casefold,
    )
    return {"techniques": list(techniques), "regions": regions}
