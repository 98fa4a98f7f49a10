from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.mutations import decode, decode_many, decode_optional, run
from marketplace.provenance.services import MaterialShare, ProvenanceInput, provenance_set

from ..types import ProductionKindEnum, Provenance
from .errors import ProvenanceError


class MaterialShareInput(graphene.InputObjectType):
    material = graphene.String(required=True, description="A material slug (see `materials`).")
    composition_percent = graphene.Decimal()
    hallmark = graphene.String()


class MakerStoryTranslationInput(graphene.InputObjectType):
    language_code = graphene.String(required=True, description="en, fr or ar")
    maker_story = graphene.JSONString(required=True)


class ProvenanceInputType(graphene.InputObjectType):
    class Meta:
        name = "ProvenanceInput"

    town = graphene.String()
    region = graphene.String()
    country = graphene.String(description="ISO 3166-1 alpha-2 code.")
    techniques = graphene.List(graphene.NonNull(graphene.String), description="Technique slugs.")
    materials = graphene.List(graphene.NonNull(MaterialShareInput))
    artisans = graphene.List(graphene.NonNull(graphene.ID))
    length_cm = graphene.Decimal()
    width_cm = graphene.Decimal()
    height_cm = graphene.Decimal()
    weight_kg = graphene.Decimal()
    hours_of_work = graphene.Int()
    year_made = graphene.Int()
    production_kind = graphene.Field(ProductionKindEnum)
    processing_days_min = graphene.Int()
    processing_days_max = graphene.Int()
    maker_story = graphene.JSONString()
    maker_story_translations = graphene.List(graphene.NonNull(MakerStoryTranslationInput))
    hs_code = graphene.String()
    origin_country = graphene.String()


def _enum_value(value: Any, default: str) -> str:
    return str(getattr(value, "value", value)) if value is not None else default


def to_input(data: dict[str, Any]) -> ProvenanceInput:
    return ProvenanceInput(
        town=data.get("town") or "",
        region=data.get("region") or "",
        country=data.get("country") or "",
        technique_slugs=list(data.get("techniques") or []),
        materials=[
            MaterialShare(
                material_slug=m["material"],
                composition_percent=m.get("composition_percent"),
                hallmark=m.get("hallmark") or "",
            )
            for m in data.get("materials") or []
        ],
        artisan_ids=decode_many(data.get("artisans"), "Artisan", field="artisans"),
        length_cm=data.get("length_cm"),
        width_cm=data.get("width_cm"),
        height_cm=data.get("height_cm"),
        weight_kg=data.get("weight_kg"),
        hours_of_work=data.get("hours_of_work"),
        year_made=data.get("year_made"),
        production_kind=_enum_value(data.get("production_kind"), "ready_to_ship"),
        processing_days_min=data.get("processing_days_min"),
        processing_days_max=data.get("processing_days_max"),
        maker_story=data.get("maker_story"),
        hs_code=(data.get("hs_code") or "").strip(),
        origin_country=data.get("origin_country") or "",
        maker_story_translations={
            t["language_code"]: t["maker_story"] for t in data.get("maker_story_translations") or []
        },
    )


class ProductProvenanceUpdate(graphene.Mutation):
    """Set who made a product, where, how and of what. The workshop's owners and staff only.
    With `variant`, the record overrides the product's for that variant."""

    provenance = graphene.Field(Provenance)
    errors = graphene.List(graphene.NonNull(ProvenanceError), required=True)

    class Arguments:
        product = graphene.ID(required=True)
        variant = graphene.ID()
        input = ProvenanceInputType(required=True)

    @classmethod
    def mutate(
        cls, root: Any, info: Any, product: str, input: dict[str, Any], variant: str | None = None
    ) -> Any:
        return run(
            cls,
            "provenance",
            lambda: provenance_set(
                actor=info.context.user,
                product_id=decode(product, "Product", field="product"),
                variant_id=decode_optional(variant, "ProductVariant", field="variant"),
                data=to_input(input),
            ),
        )


__all__ = ["ProductProvenanceUpdate"]
