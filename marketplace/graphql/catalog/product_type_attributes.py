"""Saleor's attribute lists of a product type. Attributes here are not assigned to product
types ahead of time: a type's product (or variant) attributes are the attributes its products
(or their variants) carry values of, loaded once for every product type in the answer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import graphene

from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductVariant as VariantModel
from marketplace.graphql.core.dataloader import DataLoader, load_for


class TypeAttributesLoader(DataLoader[tuple[int, str], list[AttributeModel]]):
    """Key: (product type id, "product" or "variant")."""

    default: ClassVar[list[Any]] = []

    def batch_load(self, keys: Sequence[tuple[int, str]]) -> Mapping[Any, list[AttributeModel]]:
        type_ids = {key[0] for key in keys}
        pairs: set[tuple[int, str, int]] = set()
        if any(kind == "product" for _, kind in keys):
            on_products = ProductModel.attribute_values.through.objects.filter(
                product__product_type_id__in=type_ids
            ).values_list("product__product_type_id", "attributevalue__attribute_id")
            pairs |= {(type_id, "product", attr) for type_id, attr in on_products.distinct()}
        if any(kind == "variant" for _, kind in keys):
            on_variants = VariantModel.attribute_values.through.objects.filter(
                productvariant__product__product_type_id__in=type_ids
            ).values_list(
                "productvariant__product__product_type_id", "attributevalue__attribute_id"
            )
            pairs |= {(type_id, "variant", attr) for type_id, attr in on_variants.distinct()}
        attributes = AttributeModel.objects.in_bulk({attr for _, _, attr in pairs})
        found: dict[tuple[int, str], list[AttributeModel]] = defaultdict(list)
        for type_id, kind, attr in sorted(pairs, key=lambda p: (attributes[p[2]].slug, p[2])):
            found[(type_id, kind)].append(attributes[attr])
        return found


def type_attributes(info: Any, root: Any, kind: str) -> list[AttributeModel]:
    return load_for(info.context, root, TypeAttributesLoader, key=lambda t: (t.pk, kind)) or []


class AssignedVariantAttribute(graphene.ObjectType):
    attribute = graphene.Field("marketplace.graphql.catalog.attributes.Attribute", required=True)
    variant_selection = graphene.Boolean(required=True)


def _scope_keeps(scope: Any, selection: bool) -> bool:
    value = str(getattr(scope, "value", scope) or "all")
    return value == "all" or (value == "variant_selection") == selection


class ProductTypeAttributeFields(graphene.ObjectType):
    class Meta:
        abstract = True

    product_attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.attributes.Attribute")
    )
    variant_attributes = graphene.List(
        graphene.NonNull("marketplace.graphql.catalog.attributes.Attribute"),
        variant_selection=graphene.Argument(
            "marketplace.graphql.catalog.variants.VariantAttributeScope"
        ),
        deprecation_reason="Use `assignedVariantAttributes`.",
    )
    assigned_variant_attributes = graphene.List(
        graphene.NonNull(AssignedVariantAttribute),
        variant_selection=graphene.Argument(
            "marketplace.graphql.catalog.variants.VariantAttributeScope"
        ),
    )
    products = graphene.Field(
        "marketplace.graphql.catalog.products.ProductCountableConnection",
        channel=graphene.String(),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        deprecation_reason="Use the top-level `products` query with the `productTypes` filter.",
    )

    @staticmethod
    def resolve_product_attributes(root: Any, info: Any) -> list[AttributeModel]:
        return type_attributes(info, root, "product")

    @staticmethod
    def resolve_variant_attributes(
        root: Any, info: Any, variant_selection: Any = None
    ) -> list[AttributeModel]:
        # every variant attribute here is a dropdown a buyer chooses by
        keep = _scope_keeps(variant_selection, True)
        return type_attributes(info, root, "variant") if keep else []

    @staticmethod
    def resolve_assigned_variant_attributes(
        root: Any, info: Any, variant_selection: Any = None
    ) -> list[AssignedVariantAttribute]:
        if not _scope_keeps(variant_selection, True):
            return []
        return [
            AssignedVariantAttribute(attribute=a, variant_selection=True)
            for a in type_attributes(info, root, "variant")
        ]

    @staticmethod
    def resolve_products(root: Any, info: Any, **args: Any) -> Any:
        from marketplace.catalog.selectors import ProductFilters
        from marketplace.graphql.core.context import request_state

        from .product_list import resolve_product_connection

        # Every product of a page names the same few types: answer each type's list once.
        known = request_state(info.context).setdefault("product_type_products", {})
        key = (root.pk, tuple(sorted((k, str(v)) for k, v in args.items())))
        if key not in known:
            known[key] = resolve_product_connection(
                info, args, restrict=ProductFilters(product_type_ids=[root.pk])
            )
        return known[key]
