"""Reads of provenance: the record that applies, visible claims, customs facts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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
    with their name in the page's language (``in_language``: one row with ``name`` when a
    translation exists, as the shop's ``tr`` filter reads it), and its showing claims: five
    queries. The names are subqueries rather than prefetches of the translations: a query
    costs more in Django than a subquery in PostgreSQL."""
    from django.db.models import OuterRef, Prefetch, Subquery

    from .models import Artisan, MaterialTranslation, ProvenanceMaterial, TechniqueTranslation
    from .models.vocabulary import Technique

    technique_name = TechniqueTranslation.objects.filter(
        technique=OuterRef("pk"), language_code=language_code
    ).values("name")[:1]
    material_name = MaterialTranslation.objects.filter(
        material=OuterRef("material_id"), language_code=language_code
    ).values("name")[:1]
    record = (
        Provenance.objects.filter(product=product, variant__isnull=True)
        .prefetch_related(
            Prefetch("artisans", queryset=Artisan.objects.filter(consents_to_display=True)),
            Prefetch(
                "techniques",
                queryset=Technique.objects.annotate(name_in_language=Subquery(technique_name)),
            ),
            Prefetch(
                "materials",
                queryset=ProvenanceMaterial.objects.select_related("material").annotate(
                    name_in_language=Subquery(material_name)
                ),
            ),
        )
        .first()
    )
    if record is not None:
        for technique in record.techniques.all():
            technique.in_language = _named(technique.name_in_language)  # type: ignore[attr-defined]
        for material in record.materials.all():
            found = material.name_in_language  # type: ignore[attr-defined]
            material.material.in_language = _named(found)  # type: ignore[attr-defined]
    claims = list(claims_showing().filter(product=product))
    return record, claims


def _named(name: str | None) -> list[Any]:
    """A prefetched translation's ``in_language`` list: its row, or none without one."""
    from types import SimpleNamespace

    return [] if name is None else [SimpleNamespace(name=name)]


def certificates_for_order(*, order_number: int) -> list[Certificate]:
    """The sale certificates issued for an order's pieces, still valid (one query)."""
    return list(
        Certificate.objects.filter(
            order_reference=f"order #{order_number}", revoked_at__isnull=True
        )
        .select_related("product")
        .order_by("pk")
    )


DESK_LIMIT = 50


@dataclass(frozen=True)
class ProvenanceDesk:
    """What a cluster's managers have to look at: claims of members' products waiting for a
    verifier, the latest decided ones, members' products the cluster has not attested yet
    (each with its provenance record and first photo), and the latest attestations."""

    claims_waiting: list[Claim]
    claims_waiting_total: int
    claims_decided: list[Claim]
    to_attest: Sequence[Product]
    to_attest_total: int
    attested: list[Any]


def provenance_desk(*, cluster_id: int, limit: int = DESK_LIMIT) -> ProvenanceDesk:
    """The desk of one cluster, in a fixed number of queries whatever the number of rows."""
    from django.db.models import Prefetch

    from marketplace.catalog.selectors import products_first_picture
    from marketplace.vendors.models import VendorStatus

    from .models import Attestation

    members = Q(product__vendor__cluster_id=cluster_id)
    claims = Claim.objects.filter(members).select_related("product__vendor")
    waiting = claims.filter(verified_at__isnull=True, rejected_at__isnull=True)
    decided = claims.exclude(verified_at__isnull=True, rejected_at__isnull=True)
    products = (
        Product.objects.filter(vendor__cluster_id=cluster_id, vendor__status=VendorStatus.APPROVED)
        .exclude(attestations__cluster_id=cluster_id)
        .select_related("vendor")
    )
    to_attest = list(
        products.order_by("-created_at", "-pk").prefetch_related(
            Prefetch(
                "provenance_records",
                queryset=Provenance.objects.filter(variant__isnull=True).prefetch_related(
                    "techniques"
                ),
                to_attr="own_records",
            )
        )[:limit]
    )
    pictures = products_first_picture(product_ids=[p.pk for p in to_attest])
    for product in to_attest:
        product.record = next(iter(product.own_records), None)  # type: ignore[attr-defined]
        product.picture = pictures.get(product.pk)  # type: ignore[attr-defined]
    attested = list(
        Attestation.objects.filter(cluster_id=cluster_id)
        .select_related("product__vendor", "attested_by")
        .order_by("-attested_at", "-pk")[:limit]
    )
    return ProvenanceDesk(
        claims_waiting=list(waiting.order_by("created_at", "pk")[:limit]),
        claims_waiting_total=waiting.count(),
        claims_decided=list(
            decided.select_related("verified_by", "rejected_by").order_by("-pk")[:limit]
        ),
        to_attest=to_attest,
        to_attest_total=products.count(),
        attested=attested,
    )


def claims_of_product(*, product: Product) -> list[Claim]:
    """Every claim of a product with its status, for the workshop's own page (one query)."""
    return list(Claim.objects.filter(product=product).order_by("-created_at", "-pk"))


def attestations_for_page(*, product: Product) -> list[Any]:
    """The clusters' attestations of a product, for its page: one query."""
    from .models import Attestation

    return list(
        Attestation.objects.filter(product=product).select_related("cluster").order_by("pk")
    )
