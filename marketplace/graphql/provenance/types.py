"""Marketplace extension types: provenance, claims, certificates, vocabularies."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.dataloader import load_for
from marketplace.graphql.core.translations import TranslationBase, translation_field
from marketplace.graphql.core.types import (
    CountryDisplay,
    Image,
    ImageValue,
    channel_context_resolver,
    unwrap,
)
from marketplace.provenance.models import MaterialTranslation as MaterialTranslationModel
from marketplace.provenance.models import Provenance as ProvenanceModel
from marketplace.provenance.models import ProvenanceTranslation as ProvenanceTranslationModel
from marketplace.provenance.models import TechniqueTranslation as TechniqueTranslationModel
from marketplace.provenance.selectors import customs_facts

from .dataloaders import AttestationsByProductLoader


class NameTranslation(TranslationBase):
    name = graphene.String(required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class Technique(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String()
    translation = translation_field(NameTranslation, TechniqueTranslationModel, "technique")

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class Material(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    translation = translation_field(NameTranslation, MaterialTranslationModel, "material")

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class MaterialComposition(graphene.ObjectType):
    material = graphene.Field(Material, required=True)
    composition_percent = graphene.Decimal()
    hallmark = graphene.String()


class Artisan(graphene.ObjectType):
    """A named maker who agreed to be shown."""

    name = graphene.String(required=True)
    bio = graphene.String()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class ProcessingTime(graphene.ObjectType):
    min_days = graphene.Int()
    max_days = graphene.Int()


class Place(graphene.ObjectType):
    town = graphene.String()
    region = graphene.String()
    country = graphene.Field(CountryDisplay)


class ProductionKindEnum(graphene.Enum):
    ONE_OF_A_KIND = "one_of_a_kind"
    MADE_TO_ORDER = "made_to_order"
    READY_TO_SHIP = "ready_to_ship"


class Attestation(graphene.ObjectType):
    cluster_name = graphene.String(required=True)
    attested_at = graphene.DateTime(required=True)


class ProvenanceTranslation(TranslationBase):
    maker_story = graphene.JSONString()

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver


class Provenance(graphene.ObjectType):
    """Who made a piece, where, how and of what (marketplace extension)."""

    translation = translation_field(ProvenanceTranslation, ProvenanceTranslationModel, "provenance")

    artisans = graphene.List(graphene.NonNull(Artisan), required=True)
    place_of_making = graphene.Field(Place, required=True)
    techniques = graphene.List(graphene.NonNull(Technique), required=True)
    materials = graphene.List(graphene.NonNull(MaterialComposition), required=True)
    length_cm = graphene.Float()
    width_cm = graphene.Float()
    height_cm = graphene.Float()
    weight_kg = graphene.Float()
    hours_of_work = graphene.Int()
    year_made = graphene.Int()
    production_kind = graphene.Field(ProductionKindEnum, required=True)
    processing_time = graphene.Field(ProcessingTime)
    maker_story = graphene.JSONString()
    photos = graphene.List(graphene.NonNull(Image), required=True)
    hs_code = graphene.String(required=True)
    origin_country = graphene.Field(CountryDisplay, required=True)
    attestations = graphene.List(graphene.NonNull(Attestation), required=True)

    @staticmethod
    def resolve_artisans(root: ProvenanceModel, info: Any) -> list[Any]:
        return list(root.artisans.all())  # prefetched, consenting makers only

    @staticmethod
    def resolve_place_of_making(root: ProvenanceModel, info: Any) -> Place:
        product = root.product
        vendor = product.vendor
        return Place(
            town=root.town or vendor.town,
            region=root.region or vendor.region,
            country=CountryDisplay.of(root.country or vendor.country),
        )

    @staticmethod
    def resolve_techniques(root: ProvenanceModel, info: Any) -> list[Any]:
        return list(root.techniques.all())

    @staticmethod
    def resolve_materials(root: ProvenanceModel, info: Any) -> list[Any]:
        return list(root.materials.all())

    @staticmethod
    def resolve_processing_time(root: ProvenanceModel, info: Any) -> ProcessingTime | None:
        if root.processing_days_min is None and root.processing_days_max is None:
            return None
        return ProcessingTime(min_days=root.processing_days_min, max_days=root.processing_days_max)

    @staticmethod
    def resolve_photos(root: ProvenanceModel, info: Any) -> list[ImageValue]:
        from marketplace.graphql.catalog.media import absolute_url

        return [
            ImageValue(url=absolute_url(info, p.image.url), alt=p.alt) for p in root.photos.all()
        ]

    @staticmethod
    def resolve_hs_code(root: ProvenanceModel, info: Any) -> str:
        return customs_facts(product=root.product, provenance=root).hs_code

    @staticmethod
    def resolve_origin_country(root: ProvenanceModel, info: Any) -> CountryDisplay:
        return CountryDisplay.of(
            customs_facts(product=root.product, provenance=root).origin_country
        )

    @staticmethod
    def resolve_attestations(root: ProvenanceModel, info: Any) -> list[Attestation]:
        rows = load_for(info.context, root, AttestationsByProductLoader, key=lambda r: r.product_id)
        return [
            Attestation(cluster_name=a.cluster.name, attested_at=a.attested_at) for a in rows or []
        ]


class ClaimKindEnum(graphene.Enum):
    GEOGRAPHICAL_INDICATION = "geographical_indication"
    CRAFT_LABEL = "craft_label"
    CLUSTER_LABEL = "cluster_label"
    FAIR_TRADE_AUDIT = "fair_trade_audit"


class Claim(graphene.ObjectType):
    """A verified, currently valid claim: what the storefront shows as a badge."""

    kind = graphene.Field(ClaimKindEnum, required=True)
    title = graphene.String(required=True)
    issuing_body = graphene.String(required=True)
    valid_from = graphene.Date(required=True)
    valid_until = graphene.Date()
    verified_at = graphene.DateTime()
    evidence_url = graphene.String(
        description="A signed link to the evidence, valid a few minutes, for the workshop, "
        "its cluster's managers and staff; null for anyone else (marketplace extension)."
    )

    class Meta:
        interfaces = (graphene.relay.Node,)
        default_resolver = channel_context_resolver

    @staticmethod
    def resolve_evidence_url(root: Any, info: Any) -> str | None:
        from marketplace.core.private_links import private_link

        link = private_link(
            kind="claim-evidence", object_id=unwrap(root).pk, actor=info.context.user
        )
        return info.context.build_absolute_uri(link) if link else None


class CertificateStatusEnum(graphene.Enum):
    VALID = "VALID"
    REVOKED = "REVOKED"
    UNKNOWN = "UNKNOWN"
    INVALID = "INVALID"


class CertificateVerification(graphene.ObjectType):
    """The answer to "is this certificate genuine?" (marketplace extension)."""

    serial = graphene.String(required=True)
    status = graphene.Field(CertificateStatusEnum, required=True)
    reason = graphene.String()
    issued_at = graphene.DateTime()
    revoked_at = graphene.DateTime()
    revocation_reason = graphene.String()
    key_id = graphene.String()
    facts = graphene.JSONString(description="The signed facts: piece, makers, place, materials.")
    token = graphene.String(description="The signed credential (compact JWS, EdDSA).")
    verify_url = graphene.String(required=True)
