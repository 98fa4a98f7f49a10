"""Stock per warehouse: only the warehouses of the workshop that makes the piece, each row
locked while it changes (a checkout allocating the same stock waits, then sees the new
quantity)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant
from marketplace.core.errors import DomainError, NotFound
from marketplace.inventory.models import Stock, Warehouse

from .access import variant_for_actor

MAX_QUANTITY = 1_000_000


@dataclass(frozen=True)
class StockLine:
    warehouse_id: int
    quantity: int


class StockError(DomainError):
    """A problem with one line of the input; ``index`` says which."""

    def __init__(self, message: str, *, field: str, code: str, index: int) -> None:
        super().__init__(message, field=field, code=code)
        self.index = index


def stocks_set(*, actor: Any, variant: ProductVariant, lines: Sequence[StockLine]) -> list[Stock]:
    """Set the variant's quantity in each warehouse (the caller checked the variant).

    A warehouse of another workshop is NOT_FOUND, as a missing one; a quantity below what
    paid orders already hold (allocated) is refused."""
    vendor_id = variant.product.vendor_id
    warehouses = {
        w.pk: w
        for w in Warehouse.objects.filter(
            vendor_id=vendor_id, pk__in=[line.warehouse_id for line in lines]
        )
    }
    seen: set[int] = set()
    for index, line in enumerate(lines):
        if line.warehouse_id not in warehouses:
            raise StockError(
                _("No warehouse of this workshop with this id."),
                field="warehouse",
                code="NOT_FOUND",
                index=index,
            )
        if line.warehouse_id in seen:
            raise StockError(
                _("The warehouse is given twice."),
                field="warehouse",
                code="DUPLICATED_INPUT_ITEM",
                index=index,
            )
        seen.add(line.warehouse_id)
        if not 0 <= line.quantity <= MAX_QUANTITY:
            raise StockError(
                _("The quantity must be between 0 and %(max)s.") % {"max": MAX_QUANTITY},
                field="quantity",
                code="INVALID",
                index=index,
            )
    locked = {
        stock.warehouse_id: stock
        for stock in Stock.objects.select_for_update()
        .filter(product_variant=variant, warehouse_id__in=list(warehouses))
        .order_by("pk")
    }
    result: list[Stock] = []
    for index, line in enumerate(lines):
        stock = locked.get(line.warehouse_id)
        if stock is None:
            stock = Stock(
                product_variant=variant, warehouse_id=line.warehouse_id, quantity=line.quantity
            )
        elif line.quantity < stock.quantity_allocated:
            raise StockError(
                _("%(n)s of this piece are already sold and waiting to ship here.")
                % {"n": stock.quantity_allocated},
                field="quantity",
                code="INVALID",
                index=index,
            )
        stock.quantity = line.quantity
        stock.save()
        result.append(stock)
    return result


@transaction.atomic
def variant_stocks_update(
    *,
    actor: Any,
    lines: Sequence[StockLine],
    variant_id: int | None = None,
    sku: str | None = None,
) -> ProductVariant:
    """Set the actor's variant's stock in the workshop's own warehouses."""
    variant = variant_for_actor(actor=actor, variant_id=variant_id, sku=sku, field="variantId")
    stocks_set(actor=actor, variant=variant, lines=lines)
    return variant


def workshop_warehouse(*, vendor_id: int) -> Warehouse:
    """The workshop's first warehouse (every workshop has one), for imports."""
    warehouse = Warehouse.objects.filter(vendor_id=vendor_id).order_by("pk").first()
    if warehouse is None:
        raise NotFound(_("The workshop has no warehouse yet."), field="warehouse")
    return warehouse
