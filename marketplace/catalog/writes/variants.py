"""A product's variants (sizes, finishes): create, change, delete, and many at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant
from marketplace.catalog.services import product_listing_refresh_prices
from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo, max_lengths_validate

from .access import product_for_actor, variant_for_actor
from .common import UNSET, AttributeChoice, attribute_values_resolve, metadata_merge, weight_parse
from .listings import PriceInput, variant_prices_set
from .stocks import StockLine, stocks_set


@dataclass
class VariantData:
    """The writable fields of a variant; ``UNSET`` leaves a field as it is on update."""

    sku: Any = UNSET
    name: Any = UNSET
    track_inventory: Any = UNSET
    weight: Any = UNSET
    quantity_limit_per_customer: Any = UNSET
    attributes: Any = UNSET  # Sequence[AttributeChoice]
    metadata: Any = UNSET
    private_metadata: Any = UNSET
    stocks: Sequence[StockLine] = field(default_factory=tuple)
    prices: Sequence[PriceInput] = field(default_factory=tuple)


def _sku(value: Any, *, current: ProductVariant | None, field: str = "sku") -> str:
    sku = str(value or "").strip()
    if not sku:
        raise DomainError(_("Give the variant a SKU."), field=field, code="REQUIRED")
    taken = ProductVariant.objects.filter(sku=sku)
    if current is not None and current.pk:
        taken = taken.exclude(pk=current.pk)
    if taken.exists():
        raise DomainError(
            _("A variant with SKU %(sku)s exists.") % {"sku": echo(sku)}, field=field, code="UNIQUE"
        )
    return sku


def _apply(variant: ProductVariant, data: VariantData) -> Any:
    if data.sku is not UNSET:
        variant.sku = _sku(data.sku, current=variant)
    if data.name is not UNSET:
        variant.name = " ".join(str(data.name or "").split())
    if data.track_inventory is not UNSET and data.track_inventory is not None:
        variant.track_inventory = bool(data.track_inventory)
    if data.weight is not UNSET:
        variant.weight_kg = weight_parse(data.weight)
    if data.quantity_limit_per_customer is not UNSET:
        limit = data.quantity_limit_per_customer
        if limit is not None and limit < 1:
            raise DomainError(
                _("The limit per customer must be at least 1."),
                field="quantityLimitPerCustomer",
                code="INVALID",
            )
        variant.quantity_limit_per_customer = limit
    if data.metadata is not UNSET:
        variant.metadata = metadata_merge(variant.metadata, data.metadata, field="metadata")
    if data.private_metadata is not UNSET:
        variant.private_metadata = metadata_merge(
            variant.private_metadata, data.private_metadata, field="privateMetadata"
        )
    max_lengths_validate(
        ProductVariant,
        {
            "sku": variant.sku,
            "name": variant.name,
            "quantity_limit_per_customer": variant.quantity_limit_per_customer,
        },
    )
    if data.attributes is UNSET:
        return UNSET
    return attribute_values_resolve(list(data.attributes))


def _create(*, actor: Any, product: Any, data: VariantData, sort_order: int) -> ProductVariant:
    variant = ProductVariant(product=product, sort_order=sort_order)
    if data.sku is UNSET:
        data.sku = ""
    values = _apply(variant, data)
    try:
        with transaction.atomic():
            variant.save()
    except IntegrityError:  # another request took the SKU between the check and the insert
        raise DomainError(_("This SKU was just taken."), field="sku", code="UNIQUE") from None
    if values is not UNSET and values:
        variant.attribute_values.set(values)
    if data.stocks:
        stocks_set(actor=actor, variant=variant, lines=data.stocks)
    if data.prices:
        variant_prices_set(variant=variant, prices=data.prices)
    return variant


def _next_sort_order(product_id: int) -> int:
    highest = ProductVariant.objects.filter(product_id=product_id).aggregate(m=Max("sort_order"))
    return (highest["m"] if highest["m"] is not None else -1) + 1


@transaction.atomic
def variant_create(*, actor: Any, product_id: int, data: VariantData) -> ProductVariant:
    """A new variant of the actor's product, with its stock and prices when given."""
    product = product_for_actor(actor=actor, product_id=product_id, field="product", lock=True)
    variant = _create(
        actor=actor, product=product, data=data, sort_order=_next_sort_order(product.pk)
    )
    product_listing_refresh_prices(product_ids=[product.pk])
    return variant


@transaction.atomic
def variant_update(
    *, actor: Any, data: VariantData, variant_id: int | None = None, sku: str | None = None
) -> ProductVariant:
    """Change the given fields of the actor's variant (found by id or by SKU)."""
    variant = variant_for_actor(actor=actor, variant_id=variant_id, sku=sku, lock=True)
    values = _apply(variant, data)
    variant.save()
    if values is not UNSET:
        variant.attribute_values.set(values)
    if data.stocks:
        stocks_set(actor=actor, variant=variant, lines=data.stocks)
    return variant


@transaction.atomic
def variant_delete(
    *, actor: Any, variant_id: int | None = None, sku: str | None = None
) -> ProductVariant:
    """Delete the actor's variant; the product's cheapest listed price follows."""
    variant = variant_for_actor(actor=actor, variant_id=variant_id, sku=sku, lock=True)
    pk, product_id = variant.pk, variant.product_id
    try:
        with transaction.atomic():
            variant.delete()
    except ProtectedError:
        raise DomainError(
            _("An issued certificate names this variant: it cannot be deleted."),
            field="id",
            code="INVALID",
        ) from None
    variant.pk = pk
    product_listing_refresh_prices(product_ids=[product_id])
    return variant


@dataclass
class BulkResult:
    """One input row of a bulk create: the variant, or the errors that refused it."""

    variant: ProductVariant | None
    errors: list[DomainError]


@transaction.atomic
def variant_bulk_create(
    *,
    actor: Any,
    product_id: int,
    variants: Sequence[VariantData],
    reject_everything: bool = True,
) -> list[BulkResult]:
    """Create many variants of the actor's product.

    Each row is created in its own savepoint. With ``reject_everything`` (Saleor's default
    policy) one bad row leaves none created; otherwise the good rows stay and each bad row
    carries its error. The product not being the actor's raises ``NotFound`` for all."""
    product = product_for_actor(actor=actor, product_id=product_id, field="product", lock=True)
    sort_order = _next_sort_order(product.pk)
    results: list[BulkResult] = []
    seen: set[str] = set()
    for data in variants:
        sku = str(data.sku).strip() if data.sku is not UNSET and data.sku else ""
        if sku and sku in seen:
            error = DomainError(_("The SKU is given twice."), field="sku", code="UNIQUE")
            results.append(BulkResult(variant=None, errors=[error]))
            continue
        seen.add(sku)
        try:
            with transaction.atomic():
                variant = _create(actor=actor, product=product, data=data, sort_order=sort_order)
        except DomainError as error:
            results.append(BulkResult(variant=None, errors=[error]))
            continue
        sort_order += 1
        results.append(BulkResult(variant=variant, errors=[]))
    if reject_everything and any(result.errors for result in results):
        transaction.set_rollback(True)
        return [BulkResult(variant=None, errors=result.errors) for result in results]
    product_listing_refresh_prices(product_ids=[product.pk])
    return results


__all__ = [
    "UNSET",
    "AttributeChoice",
    "BulkResult",
    "VariantData",
    "variant_bulk_create",
    "variant_create",
    "variant_delete",
    "variant_update",
]
