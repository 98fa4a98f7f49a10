"""Product fields of Saleor 3.23 that the product type does not carry itself, most of them
deprecated there and still answered: ``descriptionJson``, ``attribute(slug)``,
``variant(id, sku)``, ``availableForPurchase`` (a date), ``chargeTaxes`` (false: prices here
are charged as listed) and ``externalReference`` (kept in the product's metadata)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.core.context import ChannelContext
from marketplace.graphql.core.ids import decode_id


class DescriptionJson(graphene.ObjectType):
    class Meta:
        abstract = True

    description_json = graphene.JSONString(deprecation_reason="Use `description`.")

    @staticmethod
    def resolve_description_json(root: Any, info: Any) -> Any:
        return getattr(root, "node", root).description


class ProductSaleorFields(DescriptionJson):
    class Meta:
        abstract = True

    attribute = graphene.Field(
        "marketplace.graphql.catalog.attributes.SelectedAttribute",
        slug=graphene.String(required=True),
        deprecation_reason="Use `assignedAttribute`.",
    )
    variant = graphene.Field(
        "marketplace.graphql.catalog.variants.ProductVariant",
        id=graphene.ID(),
        sku=graphene.String(),
        deprecation_reason="Use `productVariant` or `productVariants`.",
    )
    available_for_purchase = graphene.Date(deprecation_reason="Use `availableForPurchaseAt`.")
    charge_taxes = graphene.Boolean(
        required=True, deprecation_reason="Prices here are charged as listed: always false."
    )
    external_reference = graphene.String()
    images = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.media.ProductImage"),
        deprecation_reason="Use `media`.",
    )
    image_by_id = graphene.Field(
        "marketplace.graphql.catalog.media.ProductImage",
        id=graphene.ID(required=True),
        deprecation_reason="Use `mediaById`.",
    )
    media_by_id = graphene.Field(
        "marketplace.graphql.catalog.media.ProductMedia", id=graphene.ID(required=True)
    )

    @classmethod
    def resolve_attribute(cls, root: Any, info: Any, slug: str) -> Any:
        selected = cls.resolve_attributes(root, info)
        return next((s for s in selected if s.attribute.slug == slug), None)

    @classmethod
    def resolve_variant(
        cls, root: ChannelContext[Any], info: Any, id: str | None = None, sku: str | None = None
    ) -> Any:
        variants = cls.resolve_variants(root, info)
        if id is not None:
            pk = decode_id(id, "ProductVariant")
            return next((v for v in variants if v.node.pk == pk), None)
        if sku is not None:
            return next((v for v in variants if v.node.sku == sku), None)
        return None

    @classmethod
    def resolve_available_for_purchase(cls, root: Any, info: Any) -> Any:
        moment = cls.resolve_available_for_purchase_at(root, info)
        return moment.date() if moment else None

    @staticmethod
    def resolve_charge_taxes(root: Any, info: Any) -> bool:
        return False

    @staticmethod
    def resolve_external_reference(root: Any, info: Any) -> str | None:
        value = getattr(root, "node", root).metadata.get("external_reference")
        return None if value is None else str(value)

    @classmethod
    def _pictures(cls, root: Any, info: Any) -> list[Any]:
        return [m for m in cls._media(root, info) if m.type == "IMAGE"]

    @classmethod
    def resolve_images(cls, root: Any, info: Any) -> list[Any]:
        return cls._pictures(root, info)

    @classmethod
    def resolve_image_by_id(cls, root: Any, info: Any, id: str) -> Any:
        pk = decode_id(id, "ProductImage")
        return next((m for m in cls._pictures(root, info) if m.pk == pk), None)

    @classmethod
    def resolve_media_by_id(cls, root: Any, info: Any, id: str) -> Any:
        pk = decode_id(id, "ProductMedia")
        return next((m for m in cls._media(root, info) if m.pk == pk), None)
