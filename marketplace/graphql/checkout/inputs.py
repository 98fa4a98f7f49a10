"""The checkout mutations' input types (lines, addresses' validation rules, the new
checkout) and their parsing into what the checkout services take."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts.address_rules import ALL_RULES, AddressRules
from marketplace.checkout.services import LineInput
from marketplace.graphql.core.mutations import decode_optional
from marketplace.graphql.core.types import LanguageCodeEnum

from ..accounts.types import AddressInput


class CheckoutLineInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True)
    variant_id = graphene.ID(required=True)
    force_new_line = graphene.Boolean(default_value=False)
    packaging_option_id = graphene.ID(description="Marketplace extension: chosen packaging.")
    gift_message = graphene.String(description="Marketplace extension: a message for the gift.")
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(deprecation_reason="Use `lineId`.")
    quantity = graphene.Int()
    line_id = graphene.ID()
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


class CheckoutAddressValidationRules(graphene.InputObjectType):
    check_required_fields = graphene.Boolean(default_value=True)
    check_fields_format = graphene.Boolean(default_value=True)
    enable_fields_normalization = graphene.Boolean(default_value=True)


class CheckoutValidationRules(graphene.InputObjectType):
    shipping_address = graphene.Field(CheckoutAddressValidationRules)
    billing_address = graphene.Field(CheckoutAddressValidationRules)


def _rules(value: dict[str, Any] | None) -> AddressRules:
    if not value:
        return ALL_RULES
    return AddressRules(
        check_required_fields=value.get("check_required_fields", True) is not False,
        check_fields_format=value.get("check_fields_format", True) is not False,
        enable_fields_normalization=value.get("enable_fields_normalization", True) is not False,
    )


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    email = graphene.String()
    save_shipping_address = graphene.Boolean()
    shipping_address = graphene.Field(AddressInput)
    save_billing_address = graphene.Boolean()
    billing_address = graphene.Field(AddressInput)
    language_code = graphene.Argument(LanguageCodeEnum)
    validation_rules = graphene.Field(CheckoutValidationRules)
    metadata = graphene.List(graphene.NonNull("marketplace.graphql.checkout.extras.MetadataInput"))


def _lines(values: list[dict[str, Any]]) -> list[LineInput]:
    lines = []
    for value in values:
        variant_id = decode_optional(value["variant_id"], "ProductVariant", field="variantId")
        assert variant_id is not None
        lines.append(
            LineInput(
                variant_id=variant_id,
                quantity=value["quantity"],
                packaging_option_id=decode_optional(
                    value.get("packaging_option_id"), "PackagingOption", field="packagingOptionId"
                ),
                gift_message=value.get("gift_message") or "",
                metadata=_pairs(value.get("metadata")),
            )
        )
    return lines


def _pairs(items: list[dict[str, str]] | None) -> list[tuple[str, str]]:
    return [(item["key"], item["value"]) for item in items or []]
