"""A small world for the Orders and Money pages: two workshops in two clusters, the seven
actors of the permission matrix, and paid orders written straight to the tables (the
checkout's own tests cover how orders come to be; these pages start from a placed one)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.test import Client

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import Product, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.orders.models import Order, OrderLine, VendorOrder
from marketplace.payments.models import Transaction
from marketplace.vendors.models import Vendor, VendorMembership, VendorRole
from tests.factories import CatalogBuilder, ClusterFactory, WorkshopFactory

ACTORS = ("anonymous", "buyer", "artisan_a", "artisan_b", "manager_a", "manager_other", "staff")
ALLOWED = {"artisan_a", "staff"}


@dataclass
class World:
    catalog: CatalogBuilder
    workshop_a: Vendor
    workshop_b: Vendor
    users: dict[str, User | None]
    product: Product
    ewer: Product

    def client(self, actor: str) -> Client:
        client = Client()
        user = self.users[actor]
        if user is not None:
            client.force_login(user)
        return client


def _user(email: str, vendor: Vendor | None = None, role: str = "", staff: bool = False) -> User:
    user = User.objects.create_user(email, "pw-123456789", is_staff=staff)
    if vendor is not None:
        VendorMembership.objects.create(user=user, vendor=vendor, role=role)
    return user


def build_world(catalog: CatalogBuilder) -> World:
    other_cluster = ClusterFactory(slug="batna", name="Batna Silver")
    workshop_b = WorkshopFactory(slug="fidda", name="Atelier Fidda", cluster=other_cluster)
    users: dict[str, User | None] = {
        "anonymous": None,
        "buyer": _user("claire@example.com"),
        "artisan_a": _user("souika@example.com", catalog.workshop, VendorRole.OWNER),
        "artisan_b": _user("fidda@example.com", workshop_b, VendorRole.OWNER),
        "manager_a": _user("manager@example.com", catalog.cluster, VendorRole.MANAGER),
        "manager_other": _user("batna@example.com", other_cluster, VendorRole.MANAGER),
        "staff": _user("staff@example.com", staff=True),
    }
    product = catalog.product(
        "Chased tray", prices={"international": "100.00", "tunisia": "330.000"}, stock=500
    )
    ewer = catalog.product(
        "Ewer", prices={"international": "250.00", "tunisia": "820.000"}, stock=500
    )
    return World(catalog, catalog.workshop, workshop_b, users, product, ewer)


def place_order(
    world: World,
    *,
    pieces: list[tuple[Product, int]],
    number: int,
    country: str = "FR",
    customs_form: str = "CN23",
    gift_message: str = "Joyeux anniversaire, Leila",
    vendor: Vendor | None = None,
    commission: str = "0.1200",
    cluster_fee: str = "0.0300",
) -> VendorOrder:
    """A paid order (EUR) with one parcel of ``pieces`` from ``vendor`` (workshop A): stock
    allocated as checkout does, packaging and a gift message on the first line."""
    buyer = world.users["buyer"]
    goods = sum((Decimal("100.00") * q if p == world.product else Decimal("250.00") * q
                 for p, q in pieces), Decimal(0))  # fmt: skip
    packaging, shipping = Decimal("6.00"), Decimal("15.00")
    address = Address.objects.create(
        first_name="Claire",
        last_name="Martin",
        street_address_1="12 rue des Arts",
        postal_code="75011",
        city="Paris",
        country=country,
    )
    order = Order.objects.create(
        number=number,
        checkout_token=uuid.uuid4(),
        channel=world.catalog.eur,
        user=buyer,
        user_email=buyer.email if buyer else "guest@example.com",
        language_code="fr",
        currency="EUR",
        shipping_address=address,
        billing_address=address,
        goods_total=goods,
        packaging_total=packaging,
        shipping_total=shipping,
        discount_total=0,
        total=goods + packaging + shipping,
    )
    parcel = VendorOrder.objects.create(
        order=order,
        vendor=vendor or world.workshop_a,
        shipping_method_name="Colissimo International",
        shipping_price=shipping,
        goods_total=goods,
        packaging_total=packaging,
        customs_form=customs_form,
        commission_rate=Decimal(commission),
        cluster_fee_rate=Decimal(cluster_fee),
    )
    for index, (product, quantity) in enumerate(pieces):
        variant = ProductVariant.objects.filter(product=product).first()
        assert variant is not None
        stock = Stock.objects.get(product_variant=variant)
        Stock.objects.filter(pk=stock.pk).update(
            quantity_allocated=F("quantity_allocated") + quantity
        )
        unit = Decimal("100.00") if product == world.product else Decimal("250.00")
        OrderLine.objects.create(
            order=order,
            vendor_order=parcel,
            variant=variant,
            product_name=product.name,
            variant_name=variant.name,
            product_sku=variant.sku or "",
            quantity=quantity,
            currency="EUR",
            unit_price=unit,
            total_price=unit * quantity,
            packaging_name="Gift box" if index == 0 else "",
            packaging_unit_price=packaging / pieces[0][1] if index == 0 else Decimal(0),
            gift_message=gift_message if index == 0 else "",
            customs_description="Copperware",
            hs_code="741810" if product == world.product else "741999",
            origin_country="DZ",
            unit_weight_kg=Decimal("1.800"),
            allocations=[[stock.pk, quantity]],
        )
    Transaction.objects.create(
        checkout_token=order.checkout_token,
        order=order,
        channel=world.catalog.eur,
        gateway_id="marketplace.payments.demo",
        name="Demo",
        currency="EUR",
        amount_requested=order.total,
        charged=order.total,
        idempotency_key=f"k-{number}",
    )
    return parcel


def as_staff(world: World) -> Any:
    return world.users["staff"]
