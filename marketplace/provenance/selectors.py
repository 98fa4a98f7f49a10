"""Reads of provenance: the record that applies, visible claims, customs facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from marketplace.catalog.models import Product, ProductVariant

from .models import Certificate, Claim, Provenance


def provenance_for(*, product: Product, variant: ProductVariant | None = None) -> Provenance | None:
    """The variant's own record when it has one, else the product's."""
    if variant is not None:
        own = Provenance.objects.filter(variant=variant).first()
        if own is not None:
            return own
    return Provenance.objects.filter(product=product, variant__isnull=True).first()


def claims_showing(*, today: date | None = None) -> QuerySet[Claim]:
    """Claims shown as badges: verified, already valid, and not expired (no job needed: the
    date decides, so an expired claim stops showing by itself)."""
    today = today or timezone.localdate()
    return Claim.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        verified_at__isnull=False,
        valid_from__lte=today,
    )


@dataclass(frozen=True)
class CustomsFacts:
    hs_code: str
    origin_country: str


def customs_facts(*, product: Product, provenance: Provenance | None) -> CustomsFacts:
    """HS code and origin: the provenance's when set, else the product type's and the
    workshop's."""
    hs_code = (provenance.hs_code if provenance else "") or product.product_type.hs_code
    origin = (
        str(provenance.origin_country) if provenance and provenance.origin_country else ""
    ) or str(product.vendor.country)
    return CustomsFacts(hs_code=hs_code, origin_country=origin)


def provenance_for_page(
    *, product: Product, language_code: str
) -> tuple[Provenance | None, list[Claim]]:
    """The product's record with artisans who agreed to be named, techniques and materials
    in the page's language (``in_language``), and its showing claims: five queries."""
    from django.db.models import Prefetch

    from .models import Artisan, MaterialTranslation, ProvenanceMaterial, TechniqueTranslation
    from .models.vocabulary import Technique

    record = (
        Provenance.objects.filter(product=product, variant__isnull=True)
        .prefetch_related(
            Prefetch("artisans", queryset=Artisan.objects.filter(consents_to_display=True)),
            Prefetch(
                "techniques",
                queryset=Technique.objects.prefetch_related(
                    Prefetch(
                        "translations",
                        queryset=TechniqueTranslation.objects.filter(language_code=language_code),
                        to_attr="in_language",
                    )
                ),
            ),
            Prefetch(
                "materials",
                queryset=ProvenanceMaterial.objects.select_related("material").prefetch_related(
                    Prefetch(
                        "material__translations",
                        queryset=MaterialTranslation.objects.filter(language_code=language_code),
                        to_attr="in_language",
                    )
                ),
            ),
        )
        .first()
    )
    claims = list(claims_showing().filter(product=product))
    return record, claims


def certificates_for_order(*, order_number: int) -> list[Certificate]:
    """The sale certificates issued for an order's pieces, still valid (one query)."""
    return list(
        Certificate.objects.filter(
            order_reference=f"order #{order_number}", revoked_at__isnull=True
        )
        .select_related("product")
        .order_by("pk")
    )
