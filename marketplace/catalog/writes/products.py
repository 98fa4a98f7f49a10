"""Create, change and delete a workshop's products (drafts until a channel listing publishes
them: see ``listings``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category, Product, ProductType
from marketplace.catalog.services import product_update_search_vector
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.input_checks import max_lengths_validate

from .access import product_for_actor, workshop_for_actor
from .common import (
    UNSET,
    AttributeChoice,
    attribute_values_resolve,
    metadata_merge,
    rich_text_plain,
    unique_slug,
    weight_parse,
)


@dataclass
class ProductData:
    """The writable fields of a product; ``UNSET`` leaves a field as it is on update."""

    name: Any = UNSET
    slug: Any = UNSET
    description: Any = UNSET
    category_id: Any = UNSET
    seo_title: Any = UNSET
    seo_description: Any = UNSET
    weight: Any = UNSET
    attributes: Any = UNSET  # Sequence[AttributeChoice]
    metadata: Any = UNSET  # Iterable[{key, value}]
    private_metadata: Any = UNSET


def _clean_name(name: Any) -> str:
    text = " ".join(str(name or "").split())
    if not text:
        raise DomainError(_("Give the product a name."), field="name", code="REQUIRED")
    return text


def _category(category_id: int | None) -> Category | None:
    if category_id is None:
        return None
    category = Category.objects.filter(pk=category_id).first()
    if category is None:
        raise NotFound(_("No category with this id."), field="category")
    return category


def _apply(product: Product, data: ProductData) -> list[Any]:
    """Set the given fields on ``product`` (unsaved); return the attribute values to set."""
    if data.name is not UNSET:
        product.name = _clean_name(data.name)
    if data.slug is not UNSET and data.slug not in (None, product.slug):
        product.slug = unique_slug(Product, wanted=data.slug, name=product.name)
    if data.description is not UNSET:
        product.description, product.description_plaintext = rich_text_plain(data.description)
    if data.category_id is not UNSET:
        product.category = _category(data.category_id)
    if data.seo_title is not UNSET:
        product.seo_title = (data.seo_title or "").strip()
    if data.seo_description is not UNSET:
        product.seo_description = (data.seo_description or "").strip()
    if data.weight is not UNSET:
        product.weight_kg = weight_parse(data.weight)
    if data.metadata is not UNSET:
        product.metadata = metadata_merge(product.metadata, data.metadata, field="metadata")
    if data.private_metadata is not UNSET:
        product.private_metadata = metadata_merge(
            product.private_metadata, data.private_metadata, field="privateMetadata"
        )
    max_lengths_validate(
        Product,
        {
            "name": product.name,
            "slug": product.slug,
            "seo_title": product.seo_title,
            "seo_description": product.seo_description,
        },
        field_names={"seo_title": "seo", "seo_description": "seo"},
    )
    if data.attributes is UNSET:
        return UNSET
    return attribute_values_resolve(list(data.attributes))


@transaction.atomic
def product_create(
    *,
    actor: Any,
    product_type_id: int,
    data: ProductData,
    vendor_id: int | None = None,
) -> Product:
    """A draft product of the actor's workshop (``vendor_id`` when the actor runs several).

    The slug is made from the name when not given; the search document is built at once.
    Not listed in any channel: ``product_channel_listing_update`` publishes it.
    """
    workshop = workshop_for_actor(actor=actor, vendor_id=vendor_id)
    product_type = ProductType.objects.filter(pk=product_type_id).first()
    if product_type is None:
        raise NotFound(_("No product type with this id."), field="productType")
    product = Product(vendor=workshop, product_type=product_type)
    product.name = _clean_name(data.name if data.name is not UNSET else "")
    if data.slug in (UNSET, None, ""):
        data.slug = UNSET
        product.slug = unique_slug(Product, wanted=None, name=product.name)
    values = _apply(product, data)
    if product.weight_kg is None:
        product.weight_kg = product_type.weight_kg
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:  # another request took the slug between the check and the insert
        raise DomainError(_("This slug was just taken."), field="slug", code="UNIQUE") from None
    if values is not UNSET and values:
        product.attribute_values.set(values)
    product_update_search_vector(product_ids=[product.pk])
    return product


@transaction.atomic
def product_update(*, actor: Any, product_id: int, data: ProductData) -> Product:
    """Change the given fields of the actor's product; the search document follows."""
    product = product_for_actor(actor=actor, product_id=product_id, lock=True)
    values = _apply(product, data)
    product.save()
    if values is not UNSET:
        product.attribute_values.set(values)
    product_update_search_vector(product_ids=[product.pk])
    return product


def product_update_fields(*, product: Product, data: ProductData) -> Product:
    """Apply ``data`` to a product the caller already scoped to the actor, and save it (no
    search refresh: bulk callers refresh once at the end)."""
    values = _apply(product, data)
    product.save()
    if values is not UNSET:
        product.attribute_values.set(values)
    return product


@transaction.atomic
def product_delete(*, actor: Any, product_id: int) -> Product:
    """Delete the actor's product with its variants, listings, media and stock.

    Order lines keep their own copy of what was sold. A product that an issued certificate
    (or another protected record) names is refused with INVALID: unpublish it instead.
    Returns the deleted instance with its ``pk`` kept for the answer."""
    product = product_for_actor(actor=actor, product_id=product_id, lock=True)
    pk = product.pk
    try:
        with transaction.atomic():
            product.delete()
    except ProtectedError:
        raise DomainError(
            _("An issued certificate or another record keeps this product: unpublish it instead."),
            field="id",
            code="INVALID",
        ) from None
    product.pk = pk
    return product


def choices_from_pairs(
    pairs: Iterable[tuple[int, Sequence[int], Sequence[str]]],
) -> list[AttributeChoice]:
    """Attribute choices from ``(attribute_id, value_ids, value_names)`` triples."""
    return [
        AttributeChoice(attribute_id=a, value_ids=tuple(ids), value_names=tuple(names))
        for a, ids, names in pairs
    ]


def product_data(values: Mapping[str, Any]) -> ProductData:
    """A ``ProductData`` from a mapping of its field names (missing names stay UNSET)."""
    known = ProductData.__dataclass_fields__
    return ProductData(**{key: value for key, value in values.items() if key in known})


__all__ = [
    "UNSET",
    "ProductData",
    "choices_from_pairs",
    "product_create",
    "product_data",
    "product_delete",
    "product_update",
    "product_update_fields",
]
