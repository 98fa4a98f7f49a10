"""OrderLine.allocations in Saleor's shape: which warehouse holds each line's pieces.

This is what a workshop needs to call ``orderFulfill`` (its ``stocks[].warehouse``). Only staff
and the people who run the line's workshop see it; to anyone else (the buyer included) it is
null, as in Saleor, where allocations are staff-only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import graphene

from marketplace.inventory.models import Stock
from marketplace.inventory.models import Warehouse as WarehouseModel
from marketplace.orders.models import OrderLine as OrderLineModel
from marketplace.orders.selectors import workshops_run_by

from ..core.connection import connection_args
from ..core.context import request_state, siblings_of
from ..core.dataloader import DataLoader, get_loader
from ..core.types import ObjectWithMetadata

WarehouseClickAndCollectOptionEnum = graphene.Enum(
    "WarehouseClickAndCollectOptionEnum", [(s, s) for s in ("DISABLED", "LOCAL", "ALL")]
)


class Warehouse(graphene.ObjectType):
    """A workshop's warehouse (every workshop has one). Collection points are not offered."""

    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    email = graphene.String(required=True)
    is_private = graphene.Boolean(required=True)
    address = graphene.Field("marketplace.graphql.accounts.types.Address", required=True)
    company_name = graphene.String(
        required=True, deprecation_reason="Use address.companyName instead."
    )
    click_and_collect_option = graphene.Field(WarehouseClickAndCollectOptionEnum, required=True)
    external_reference = graphene.String()
    shipping_zones = graphene.Field(
        graphene.NonNull("marketplace.graphql.shipping.zones.ShippingZoneCountableConnection"),
        description="The zones the workshop ships by: its own, then its cluster's.",
        **connection_args(),
    )

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_shipping_zones(root: WarehouseModel, info: Any, **args: Any) -> Any:
        from marketplace.graphql.shipping.zones import warehouse_shipping_zones

        return warehouse_shipping_zones(root, info, args)

    @staticmethod
    def resolve_company_name(root: WarehouseModel, info: Any) -> str:
        return str(root.address.company_name)

    @staticmethod
    def resolve_click_and_collect_option(root: WarehouseModel, info: Any) -> str:
        return "DISABLED"

    @staticmethod
    def resolve_external_reference(root: WarehouseModel, info: Any) -> None:
        return None


@dataclass(frozen=True, slots=True)
class AllocationValue:
    line_id: str
    stock_id: int
    quantity: int
    warehouse: WarehouseModel


class Allocation(graphene.ObjectType):
    quantity = graphene.Int(required=True)
    warehouse = graphene.Field(Warehouse, required=True)

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root: AllocationValue, info: Any) -> str:
        return f"{root.line_id}:{root.stock_id}"


class WarehouseByStockLoader(DataLoader[int, WarehouseModel | None]):
    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, WarehouseModel | None]:
        stocks = Stock.objects.filter(pk__in=keys).select_related("warehouse__address")
        return {stock.pk: stock.warehouse for stock in stocks}


class WarehouseByVendorLoader(DataLoader[int, WarehouseModel | None]):
    """A workshop's warehouse (its first, when it keeps several)."""

    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, WarehouseModel | None]:
        found: dict[int, WarehouseModel | None] = {}
        rows = WarehouseModel.objects.filter(vendor_id__in=keys).select_related("address")
        for warehouse in rows.order_by("-pk"):
            found[warehouse.vendor_id] = warehouse
        return found


def _may_see(info: Any, vendor_id: int) -> bool:
    user = info.context.user
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    state = request_state(info.context)
    if "workshops_run" not in state:
        state["workshops_run"] = workshops_run_by(user)
    return vendor_id in state["workshops_run"]


def warehouse_of_parcel(info: Any, vendor_order: Any) -> WarehouseModel | None:
    """The warehouse a parcel leaves from, for staff and the workshop's people only."""
    if not _may_see(info, vendor_order.vendor_id):
        return None
    loader = get_loader(info.context, WarehouseByVendorLoader)
    loader.prime(  # every workshop of the listed orders at once: a longer list costs no more
        parcel.vendor_id
        for order in siblings_of(info.context, vendor_order.order)
        for parcel in order.vendor_orders.all()
    )
    return loader.load(vendor_order.vendor_id)


def resolve_allocations(root: OrderLineModel, info: Any) -> list[AllocationValue] | None:
    if not _may_see(info, root.vendor_order.vendor_id):
        return None
    loader = get_loader(info.context, WarehouseByStockLoader)
    loader.prime(
        stock_id for line in siblings_of(info.context, root) for stock_id, _ in line.allocations
    )
    found = []
    for stock_id, quantity in root.allocations:
        warehouse = loader.load(stock_id)
        if warehouse is not None:  # a stock since deleted has no warehouse to ship from
            found.append(AllocationValue(str(root.pk), stock_id, quantity, warehouse))
    return found
