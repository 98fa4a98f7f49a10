"""A small world for the vendor workspace tests: cluster A (Constantine) with workshop A and
a pending applicant, another cluster (Batna) with workshop B, and the seven actors of the
permission matrix; orders with parcels to report on."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import Product
from marketplace.channels.models import Channel
from marketplace.orders.models import Order, VendorOrder
from marketplace.vendors.models import Vendor, VendorMembership, VendorStatus
from tests.factories import CatalogBuilder, ClusterFactory, WorkshopFactory

PASSWORD = "pw-123456789"
ACTORS = (
    "anonymous",
    "buyer",
    "owner_a",
    "owner_b",
    "manager_a",
    "manager_other",
    "staff",
)


@dataclass
class VendorWorld:
    catalog: CatalogBuilder
    cluster_a: Vendor
    cluster_b: Vendor
    workshop_a: Vendor
    workshop_b: Vendor
    applicant: Vendor
    product_a: Product
    users: dict[str, User] = field(default_factory=dict)

    def client(self, actor: str) -> Client:
        client = Client()
        if actor != "anonymous":
            client.force_login(self.users[actor])
        return client


def _user(actor: str, *, staff: bool = False) -> User:
    user = User.objects.create_user(f"{actor.replace('_', '-')}@example.com", PASSWORD)
    if staff:
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.refresh_from_db()
    return user


def build() -> VendorWorld:
    catalog = CatalogBuilder()
    cluster_b = ClusterFactory(slug="batna", name="Batna Silver Cluster", town="Batna")
    workshop_b = WorkshopFactory(slug="fidda", name="Fidda", cluster=cluster_b, town="Batna")
    applicant = WorkshopFactory(
        slug="nouveau",
        name="Atelier Nouveau",
        cluster=catalog.cluster,
        status=VendorStatus.PENDING,
        artisan_card_number="25-1234",
    )
    world = VendorWorld(
        catalog=catalog,
        cluster_a=catalog.cluster,
        cluster_b=cluster_b,
        workshop_a=catalog.workshop,
        workshop_b=workshop_b,
        applicant=applicant,
        product_a=catalog.product("Chased tray"),
    )
    world.users["buyer"] = _user("buyer")
    for actor, vendor, role in (
        ("owner_a", world.workshop_a, "owner"),
        ("owner_b", workshop_b, "owner"),
        ("manager_a", world.cluster_a, "manager"),
        ("manager_other", cluster_b, "manager"),
    ):
        world.users[actor] = _user(actor)
        VendorMembership.objects.create(user=world.users[actor], vendor=vendor, role=role)
    applicant_owner = _user("applicant")
    world.users["applicant"] = applicant_owner
    VendorMembership.objects.create(user=applicant_owner, vendor=applicant, role="owner")
    world.users["staff"] = _user("staff", staff=True)
    return world


def parcel(
    vendor: Vendor,
    *,
    channel: Channel,
    country: str,
    goods: str,
    days_ago: int = 0,
    status: str = "UNFULFILLED",
) -> VendorOrder:
    """An order with one parcel of ``vendor``'s, placed ``days_ago`` days ago."""
    amount = Decimal(goods)
    address = Address.objects.create(city="Paris", country=country, street_address_1="1 rue")
    order = Order.objects.create(
        number=Order.objects.count() + 1000,
        checkout_token=uuid.uuid4(),
        channel=channel,
        user_email="buyer@example.com",
        currency=channel.currency_code,
        shipping_address=address,
        goods_total=amount,
        packaging_total=0,
        shipping_total=0,
        discount_total=0,
        total=amount,
    )
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return VendorOrder.objects.create(order=order, vendor=vendor, goods_total=amount, status=status)


def png_upload(name: str = "card.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (320, 200), "#c8a165").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def svg_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "card.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml",
    )


def rows(*models: Any) -> list[Any]:
    """Every row of the given models, as plain values (to prove nothing changed)."""
    return [list(model.objects.order_by("pk").values()) for model in models]
