"""The actors of the listing pages' permission matrix, around a catalog of A's workshop:
anonymous, a buyer, the owners of workshops A and B, the managers of A's cluster and of
another cluster, and marketplace staff; plus the vocabulary the editor offers."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.test import Client
from PIL import Image

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductTranslation,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.inventory.models import Stock, Warehouse
from marketplace.provenance.models import Artisan, Material, Provenance, Technique
from marketplace.vendors.models import VendorMembership, VendorRole
from tests.factories import CatalogBuilder, ClusterFactory, WorkshopFactory

PASSWORD = "a-long-pass-123"
ACTORS = ("anonymous", "buyer", "owner_a", "owner_b", "manager_a", "manager_other", "staff")
ALLOWED = {"owner_a", "staff"}


@dataclass
class World:
    catalog: CatalogBuilder
    users: dict[str, User | None]
    product: Product
    workshop_b: Any
    artisan: Artisan

    @property
    def workshop(self) -> Any:
        return self.catalog.workshop

    def client(self, actor: str) -> Client:
        client = Client()
        user = self.users[actor]
        if user is not None:
            client.force_login(user)
        return client


def build_world(catalog: CatalogBuilder) -> World:
    def user(name: str, **extra: Any) -> User:
        return User.objects.create_user(email=f"{name}@example.com", password=PASSWORD, **extra)

    other_cluster = ClusterFactory(slug="batna", name="Batna Cluster")
    workshop_b = WorkshopFactory(slug="fidda", name="Fidda Aures", cluster=other_cluster)
    Warehouse.objects.create(
        vendor=workshop_b,
        name="Fidda",
        slug="fidda-wh",
        address=Address.objects.create(city="Batna", country="DZ"),
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "buyer": user("buyer"),
        "owner_a": user("owner-a"),
        "owner_b": user("owner-b"),
        "manager_a": user("manager-a"),
        "manager_other": user("manager-other"),
        "staff": user("staff", is_staff=True),
    }
    VendorMembership.objects.create(
        user=users["owner_a"], vendor=catalog.workshop, role=VendorRole.OWNER
    )
    VendorMembership.objects.create(user=users["owner_b"], vendor=workshop_b, role=VendorRole.OWNER)
    VendorMembership.objects.create(
        user=users["manager_a"], vendor=catalog.cluster, role=VendorRole.MANAGER
    )
    VendorMembership.objects.create(
        user=users["manager_other"], vendor=other_cluster, role=VendorRole.MANAGER
    )
    Technique.objects.create(slug="chasing", name="Chasing")
    Technique.objects.create(slug="engraving", name="Engraving")
    Material.objects.create(slug="copper", name="Copper")
    Material.objects.create(slug="brass", name="Brass")
    artisan = Artisan.objects.create(
        workshop=catalog.workshop, name="Salim", consents_to_display=True
    )
    product = catalog.product("Chased tray", stock=4)
    return World(
        catalog=catalog, users=users, product=product, workshop_b=workshop_b, artisan=artisan
    )


def jpeg_bytes(size: tuple[int, int] = (640, 480), colour: str = "orange") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def snapshot() -> dict[str, Any]:
    """Every row the listing pages could write, to compare before and after a refusal."""
    return {
        "products": list(Product.objects.order_by("pk").values()),
        "variants": list(ProductVariant.objects.order_by("pk").values()),
        "listings": list(ProductChannelListing.objects.order_by("pk").values()),
        "prices": list(ProductVariantChannelListing.objects.order_by("pk").values()),
        "media": list(ProductMedia.objects.order_by("pk").values()),
        "stock": list(Stock.objects.order_by("pk").values()),
        "provenance": list(Provenance.objects.order_by("pk").values()),
        "translations": list(ProductTranslation.objects.order_by("pk").values()),
    }


def editor_post(world: World, **changes: Any) -> dict[str, Any]:
    """A complete, valid editor form for a new copper tray; ``changes`` override fields."""
    data: dict[str, Any] = {
        "language": "fr",
        "name": "Plateau ciselé aux étoiles",
        "description": "Cuivre martelé et ciselé à la main.\n\nDeux jours de travail.",
        "category": str(world.catalog.category.pk),
        "product_type": str(world.catalog.product_type.pk),
        "availability": "ready_to_ship",
        "home_price": "1000",
        "price_international": "68.00",
        "price_tunisia": "230.935",
        "hs_code": "741810",
        "weight_kg": "1.2",
        "artisans": [str(world.artisan.pk)],
        "techniques": ["chasing"],
        "materials": ["copper"],
        "hours_of_work": "16",
        "year_made": "2025",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "20",
        "variants-0-name": "",
        "variants-0-sku": "",
        "variants-0-stock": "3",
        "action": "draft",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
