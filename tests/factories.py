"""factory-boy factories and a builder for small, explicit catalogs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from marketplace.accounts.models import Address
from marketplace.catalog.models import (
    Category,
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.services import (
    product_listing_refresh_prices,
    product_update_search_vector,
)
from marketplace.channels.models import Channel
from marketplace.inventory.models import Stock, Warehouse
from marketplace.vendors.models import Vendor, VendorKind, VendorStatus


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel
        django_get_or_create = ("slug",)

    name = factory.LazyAttribute(lambda o: o.slug.title())
    slug = factory.Sequence(lambda n: f"channel-{n}")
    currency_code = "EUR"
    default_country = "FR"
    countries = ["FR", "DE"]


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    kind = VendorKind.CLUSTER
    slug = factory.Sequence(lambda n: f"cluster-{n}")
    name = factory.Sequence(lambda n: f"Cluster {n}")
    town = "Constantine"
    region = "Constantine"
    country = "DZ"
    status = VendorStatus.APPROVED


class WorkshopFactory(ClusterFactory):
    kind = VendorKind.WORKSHOP
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    name = factory.Sequence(lambda n: f"Workshop {n}")


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType
        django_get_or_create = ("slug",)

    name = "Copperware"
    slug = "copperware"
    weight_kg = Decimal("1.200")
    hs_code = "741810"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


def png_bytes(colour: str = "orange") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return buffer.getvalue()


class CatalogBuilder:
    """Builds products listed and priced in channels, with stock and media, in few lines."""

    def __init__(self) -> None:
        self.eur = ChannelFactory(slug="international", currency_code="EUR")
        self.tnd = ChannelFactory(
            slug="tunisia", currency_code="TND", default_country="TN", countries=["TN"]
        )
        self.cluster = ClusterFactory(slug="constantine", name="Constantine Cluster")
        self.workshop = WorkshopFactory(slug="souika", name="Atelier Souika", cluster=self.cluster)
        self.product_type = ProductTypeFactory()
        self.category = CategoryFactory(slug="trays", name="Trays")
        self.warehouse = Warehouse.objects.create(
            vendor=self.workshop,
            name="Souika",
            slug="souika-wh",
            address=Address.objects.create(city="Constantine", country="DZ"),
        )
        self._count = 0

    def product(
        self,
        name: str | None = None,
        *,
        vendor: Vendor | None = None,
        category: Category | None = None,
        prices: dict[str, str] | None = None,
        stock: int = 5,
        published: bool = True,
        published_at: Any = None,
        visible_in_listings: bool = True,
        media: int = 1,
        variants: int = 1,
        description: str = "",
    ) -> Product:
        self._count += 1
        name = name or f"Product {self._count}"
        product = Product.objects.create(
            vendor=vendor or self.workshop,
            product_type=self.product_type,
            category=category if category is not None else self.category,
            name=name,
            slug=f"{name.lower().replace(' ', '-')}-{self._count}",
            description_plaintext=description,
            weight_kg=Decimal("1.5"),
        )
        prices = prices if prices is not None else {"international": "10.00", "tunisia": "33.571"}
        since = timezone.now() - timedelta(days=1)
        for slug in prices:
            channel = Channel.objects.get(slug=slug)
            ProductChannelListing.objects.create(
                product=product,
                channel=channel,
                currency=channel.currency_code,
                is_published=published,
                published_at=published_at or since,
                visible_in_listings=visible_in_listings,
                available_for_purchase_at=since,
            )
        for index in range(variants):
            variant = ProductVariant.objects.create(
                product=product,
                sku=f"{product.slug}-v{index}".upper(),
                name=f"V{index}",
                sort_order=index,
            )
            for slug, amount in prices.items():
                channel = Channel.objects.get(slug=slug)
                ProductVariantChannelListing.objects.create(
                    variant=variant,
                    channel=channel,
                    currency=channel.currency_code,
                    price_amount=Decimal(amount) + index,
                )
            Stock.objects.create(warehouse=self.warehouse, product_variant=variant, quantity=stock)
        for index in range(media):
            item = ProductMedia(product=product, alt=f"{name} {index}", sort_order=index)
            item.image.save(f"{product.slug}-{index}.png", ContentFile(png_bytes()), save=False)
            item.save()
        product_listing_refresh_prices(product_ids=[product.pk])
        product_update_search_vector(product_ids=[product.pk])
        return product

    def collection(
        self, slug: str, products: list[Product], *, published: bool = True
    ) -> Collection:
        collection = Collection.objects.create(name=slug.title(), slug=slug)
        collection.products.set(products)
        for channel in (self.eur, self.tnd):
            CollectionChannelListing.objects.create(
                collection=collection, channel=channel, is_published=published
            )
        return collection
