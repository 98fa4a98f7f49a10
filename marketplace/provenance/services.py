"""Writes of provenance: the record, claims, attestations, vocabulary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_countries import countries

from marketplace.catalog.models import ProductVariant
from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.core.hooks import ProvenanceUpdated
from marketplace.core.input_checks import camel_case, echo, max_lengths_validate
from marketplace.core.plugins import plugin_manager
from marketplace.core.uploads import EVIDENCE, PHOTO, upload_accept

from .access import (
    access_claim_as_verifier,
    access_product_as_cluster,
    access_product_as_workshop,
    require_login,
)
from .certificates import certificate_issue_for_listed_unique
from .models import (
    Artisan,
    Attestation,
    Claim,
    ClaimKind,
    Material,
    ProductionKind,
    Provenance,
    ProvenanceMaterial,
    ProvenancePhoto,
    ProvenanceTranslation,
    Technique,
    TechniqueTranslation,
)
from .notify import schedule_claim_decided, schedule_claim_received

HS_CODE = re.compile(r"^\d{6}(\d{2}){0,2}$")  # 6, 8 or 10 digits


@dataclass(frozen=True)
class MaterialShare:
    material_slug: str
    composition_percent: Decimal | None = None
    hallmark: str = ""


@dataclass(frozen=True)
class ProvenanceInput:
    town: str = ""
    region: str = ""
    country: str = ""
    technique_slugs: Sequence[str] = ()
    materials: Sequence[MaterialShare] = ()
    artisan_ids: Sequence[int] = ()
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    hours_of_work: int | None = None
    year_made: int | None = None
    production_kind: str = ProductionKind.READY_TO_SHIP
    processing_days_min: int | None = None
    processing_days_max: int | None = None
    maker_story: dict[str, Any] | None = None
    hs_code: str = ""
    origin_country: str = ""
    maker_story_translations: dict[str, dict[str, Any]] | None = None  # language → rich text


def _country(code: str, field: str) -> str:
    code = code.strip().upper()
    if code and code not in dict(countries):
        raise DomainError(f"{echo(code)} is not an ISO 3166 country code.", field=field)
    return code


def _validate(data: ProvenanceInput) -> None:
    if data.production_kind not in ProductionKind.values:
        raise DomainError("Unknown production kind.", field="productionKind")
    if data.year_made is not None and not 1800 <= data.year_made <= timezone.localdate().year:
        raise DomainError("The year made must be a past year.", field="yearMade")
    for name in ("length_cm", "width_cm", "height_cm", "weight_kg", "hours_of_work"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise DomainError(
                "Sizes, weights and hours must not be negative.", field=camel_case(name)
            )
    low, high = data.processing_days_min, data.processing_days_max
    if (low is not None and low < 0) or (low is not None and high is not None and low > high):
        raise DomainError(
            "Processing time must run from a minimum to a larger maximum.",
            field="processingDaysMin",
        )
    if data.hs_code and not HS_CODE.match(data.hs_code):
        raise DomainError("An HS code has 6, 8 or 10 digits.", field="hsCode")
    max_lengths_validate(
        Provenance,
        {
            "town": data.town.strip(),
            "region": data.region.strip(),
            "hs_code": data.hs_code,
            "length_cm": data.length_cm,
            "width_cm": data.width_cm,
            "height_cm": data.height_cm,
            "weight_kg": data.weight_kg,
            "hours_of_work": data.hours_of_work,
            "processing_days_min": data.processing_days_min,
            "processing_days_max": data.processing_days_max,
        },
    )
    for share in data.materials:
        max_lengths_validate(
            ProvenanceMaterial,
            {"hallmark": share.hallmark.strip(), "composition_percent": share.composition_percent},
            field_names={"hallmark": "materials", "composition_percent": "materials"},
        )
    shares = [m.composition_percent for m in data.materials if m.composition_percent is not None]
    if any(s <= 0 or s > 100 for s in shares) or sum(shares, Decimal(0)) > 100:
        raise DomainError(
            "Material shares are percentages adding up to 100 at most.", field="materials"
        )


@transaction.atomic
def provenance_set(
    *, actor: Any, product_id: int, variant_id: int | None = None, data: ProvenanceInput
) -> Provenance:
    """Replace the provenance of a product (or of one variant, overriding the product's).

    Only the workshop that makes the product may; others get NotFound and nothing changes.
    """
    product = access_product_as_workshop(actor=actor, product_id=product_id)
    variant = None
    if variant_id is not None:
        variant = ProductVariant.objects.filter(pk=variant_id, product=product).first()
        if variant is None:
            raise NotFound("No variant with this id.", field="variant")
    _validate(data)
    techniques = list(Technique.objects.filter(slug__in=set(data.technique_slugs)))
    unknown = set(data.technique_slugs) - {t.slug for t in techniques}
    if unknown:
        raise DomainError(f"Unknown techniques: {', '.join(sorted(unknown))}.", field="techniques")
    materials = {
        m.slug: m
        for m in Material.objects.filter(slug__in={s.material_slug for s in data.materials})
    }
    missing = {s.material_slug for s in data.materials} - set(materials)
    if missing:
        raise DomainError(f"Unknown materials: {', '.join(sorted(missing))}.", field="materials")
    artisans = list(Artisan.objects.filter(pk__in=set(data.artisan_ids), workshop=product.vendor))
    if len(artisans) != len(set(data.artisan_ids)):
        raise DomainError("Every artisan must belong to the workshop.", field="artisans")

    record, _ = Provenance.objects.update_or_create(
        product=product,
        variant=variant,
        defaults={
            "town": data.town.strip(),
            "region": data.region.strip(),
            "country": _country(data.country, "country"),
            "length_cm": data.length_cm,
            "width_cm": data.width_cm,
            "height_cm": data.height_cm,
            "weight_kg": data.weight_kg,
            "hours_of_work": data.hours_of_work,
            "year_made": data.year_made,
            "production_kind": data.production_kind,
            "processing_days_min": data.processing_days_min,
            "processing_days_max": data.processing_days_max,
            "maker_story": data.maker_story or {},
            "hs_code": data.hs_code,
            "origin_country": _country(data.origin_country, "originCountry"),
        },
    )
    record.techniques.set(techniques)
    record.artisans.set(artisans)
    record.materials.all().delete()
    ProvenanceMaterial.objects.bulk_create(
        ProvenanceMaterial(
            provenance=record,
            material=materials[share.material_slug],
            composition_percent=share.composition_percent,
            hallmark=share.hallmark.strip(),
        )
        for share in data.materials
    )
    for language, story in (data.maker_story_translations or {}).items():
        if language not in dict(settings.LANGUAGES):
            raise DomainError(
                f"No translation into {echo(language)} here.", field="makerStoryTranslations"
            )
        ProvenanceTranslation.objects.update_or_create(
            provenance=record, language_code=language, defaults={"maker_story": story}
        )
    plugin_manager().provenance_updated(
        ProvenanceUpdated(
            product_id=product.pk, variant_id=variant_id, workshop_id=product.vendor_id
        )
    )
    if variant is None:
        certificate_issue_for_listed_unique(product_id=product.pk)
    return record


@transaction.atomic
def claim_create(
    *,
    actor: Any,
    product_id: int,
    kind: str,
    title: str,
    issuing_body: str,
    valid_from: date,
    valid_until: date | None = None,
    evidence: UploadedFile | None = None,
) -> Claim:
    """A workshop states a claim with its evidence; it shows once verified.

    The evidence is stored only once the actor's access and the file are checked, under a
    name of the server's (``claims/<uuid>.pdf|jpg|png``), see ``marketplace.core.uploads``.
    """
    product = access_product_as_workshop(actor=actor, product_id=product_id)
    if kind not in ClaimKind.values:
        raise DomainError("Unknown claim kind.", field="kind")
    if not title.strip() or not issuing_body.strip():
        raise DomainError(
            "A claim needs a title and an issuing body.", field="title", code="REQUIRED"
        )
    if valid_until is not None and valid_until < valid_from:
        raise DomainError("A claim cannot expire before it starts.", field="validUntil")
    max_lengths_validate(Claim, {"title": title.strip(), "issuing_body": issuing_body.strip()})
    document = None
    if evidence is not None:
        document = upload_accept(upload=evidence, field="evidence", policy=EVIDENCE)
    claim = Claim(
        product=product,
        kind=kind,
        title=title.strip(),
        issuing_body=issuing_body.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    if document is not None:
        claim.evidence.save(document.name, document.content, save=False)
    claim.save()
    schedule_claim_received(claim_id=claim.pk)
    return claim


@transaction.atomic
def claim_verify(*, actor: Any, claim_id: int, valid_until: date | None = None) -> Claim:
    """Staff or the product's cluster managers confirm the evidence; the badge then shows.

    ``valid_until`` is the expiry the verifier read on the evidence (a label renewed each
    year): it replaces the workshop's date, and the badge stops showing after it. Verifying
    a rejected claim overturns the rejection (a verifier's second look)."""
    found = access_claim_as_verifier(actor=actor, claim_id=claim_id)
    claim = Claim.objects.select_for_update().select_related("product__vendor").get(pk=found.pk)
    fields = []
    if valid_until is not None:
        if valid_until < claim.valid_from:
            raise DomainError("A claim cannot expire before it starts.", field="validUntil")
        if valid_until < timezone.localdate():
            raise DomainError("This expiry date has already passed.", field="validUntil")
        claim.valid_until = valid_until
        fields.append("valid_until")
    if claim.verified_at is None:
        claim.verified_by = actor
        claim.verified_at = timezone.now()
        claim.rejected_by, claim.rejected_at, claim.rejection_reason = None, None, ""
        fields += ["verified_by", "verified_at", "rejected_by", "rejected_at", "rejection_reason"]
        schedule_claim_decided(claim_id=claim.pk)
    if fields:
        claim.save(update_fields=fields)
    return claim


@transaction.atomic
def product_attest(*, actor: Any, product_id: int, note: str = "") -> Attestation:
    """A cluster manager attests that a member's product is made in the cluster."""
    product = access_product_as_cluster(actor=actor, product_id=product_id)
    assert product.vendor.cluster_id is not None
    attestation, _ = Attestation.objects.get_or_create(
        product=product,
        cluster_id=product.vendor.cluster_id,
        defaults={"attested_by": actor, "note": note.strip()},
    )
    return attestation


@transaction.atomic
def technique_create(
    *, actor: Any, slug: str, name: str, translations: dict[str, str] | None = None
) -> Technique:
    """Staff extend the controlled vocabulary."""
    require_login(actor)
    if not actor.is_staff:
        raise PermissionDenied("Only staff extend the vocabulary.")
    if not re.fullmatch(r"[a-z0-9-]{2,64}", slug) or not name.strip():
        raise DomainError("A technique needs a lower-case slug and a name.", field="slug")
    max_lengths_validate(Technique, {"name": name.strip()})
    for translated in (translations or {}).values():
        max_lengths_validate(
            TechniqueTranslation, {"name": translated}, field_names={"name": "translations"}
        )
    try:
        with transaction.atomic():
            technique = Technique.objects.create(slug=slug, name=name.strip())
    except IntegrityError:
        raise DomainError(
            f"The technique {echo(slug)} exists.", field="slug", code="UNIQUE"
        ) from None
    for language, translated in (translations or {}).items():
        if language not in dict(settings.LANGUAGES) or not translated.strip():
            raise DomainError(f"No translation into {echo(language)} here.", field="translations")
        TechniqueTranslation.objects.create(
            technique=technique, language_code=language, name=translated
        )
    return technique


@transaction.atomic
def provenance_photo_add(
    *, actor: Any, product_id: int, image: UploadedFile, alt: str = ""
) -> ProvenancePhoto:
    """Add a photo of the making to the product's provenance (which must exist).

    The photo is re-encoded (no EXIF, no trailing bytes) and stored as
    ``provenance/<uuid>.jpg|png|webp`` once the actor's access is checked.
    """
    product = access_product_as_workshop(actor=actor, product_id=product_id)
    record = Provenance.objects.filter(product=product, variant__isnull=True).first()
    if record is None:
        raise DomainError("Set the product's provenance first.", field="product", code="INVALID")
    max_lengths_validate(ProvenancePhoto, {"alt": alt.strip()})
    accepted = upload_accept(upload=image, field="image", policy=PHOTO)
    photo = ProvenancePhoto(provenance=record, alt=alt.strip(), sort_order=record.photos.count())
    photo.image.save(accepted.name, accepted.content, save=False)
    photo.save()
    return photo
