from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.graphql.core.mutations import decode, decode_many, error_type, run
from marketplace.packaging.services import (
    PackagingInput,
    packaging_option_create,
    packaging_option_delete,
    packaging_option_update,
)

from ..types import PackagingKindEnum, PackagingOption

PackagingErrorCode, PackagingError = error_type("Packaging")


class PackagingPriceInput(graphene.InputObjectType):
    channel = graphene.String(required=True, description="Channel slug.")
    amount = graphene.Decimal(required=True, description="In the channel's currency.")


class PackagingTranslationInput(graphene.InputObjectType):
    language_code = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String()


class PackagingOptionInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    kind = graphene.Field(PackagingKindEnum, required=True)
    length_cm = graphene.Decimal(required=True)
    width_cm = graphene.Decimal(required=True)
    height_cm = graphene.Decimal(required=True)
    added_weight_kg = graphene.Decimal()
    description = graphene.String()
    material = graphene.String()
    recyclable = graphene.Boolean()
    extra_lead_days = graphene.Int()
    is_active = graphene.Boolean()
    prices = graphene.List(graphene.NonNull(PackagingPriceInput))
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    products = graphene.List(graphene.NonNull(graphene.ID))
    translations = graphene.List(graphene.NonNull(PackagingTranslationInput))


def to_input(data: dict[str, Any]) -> PackagingInput:
    prices = data.get("prices")
    return PackagingInput(
        name=data["name"],
        kind=str(getattr(data["kind"], "value", data["kind"])),
        length_cm=data["length_cm"],
        width_cm=data["width_cm"],
        height_cm=data["height_cm"],
        added_weight_kg=data.get("added_weight_kg") or Decimal(0),
        description=data.get("description") or "",
        material=data.get("material") or "",
        recyclable=bool(data.get("recyclable")),
        extra_lead_days=data.get("extra_lead_days") or 0,
        is_active=data.get("is_active", True) is not False,
        prices=None if prices is None else {p["channel"]: p["amount"] for p in prices},
        product_type_ids=decode_many(
            data.get("product_types"), "ProductType", field="productTypes"
        ),
        product_ids=decode_many(data.get("products"), "Product", field="products"),
        translations={
            t["language_code"]: (t["name"], t.get("description") or "")
            for t in data.get("translations") or []
        },
    )


class PackagingOptionCreate(graphene.Mutation):
    """A workshop adds packaging for its products; a cluster manager, for all members'."""

    packaging_option = graphene.Field(PackagingOption)
    errors = graphene.List(graphene.NonNull(PackagingError), required=True)

    class Arguments:
        vendor = graphene.ID(required=True, description="A Vendor (workshop) or Cluster id.")
        input = PackagingOptionInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, vendor: str, input: dict[str, Any]) -> Any:
        return run(
            cls,
            "packaging_option",
            lambda: packaging_option_create(
                actor=info.context.user,
                vendor_id=decode(vendor, "Vendor", "Cluster", field="vendor"),
                data=to_input(input),
            ),
        )


class PackagingOptionUpdate(graphene.Mutation):
    packaging_option = graphene.Field(PackagingOption)
    errors = graphene.List(graphene.NonNull(PackagingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)
        input = PackagingOptionInput(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str, input: dict[str, Any]) -> Any:
        return run(
            cls,
            "packaging_option",
            lambda: packaging_option_update(
                actor=info.context.user,
                option_id=decode(id, "PackagingOption", field="id"),
                data=to_input(input),
            ),
        )


class PackagingOptionDelete(graphene.Mutation):
    deleted_id = graphene.ID()
    errors = graphene.List(graphene.NonNull(PackagingError), required=True)

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, id: str) -> Any:
        return run(
            cls,
            "deleted_id",
            lambda: graphene.relay.Node.to_global_id(
                "PackagingOption",
                packaging_option_delete(
                    actor=info.context.user,
                    option_id=decode(id, "PackagingOption", field="id"),
                ),
            ),
        )
