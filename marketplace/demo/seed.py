"""``marketplace seed``: the demo marketplace, idempotent (a second run changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction

from marketplace.accounts.models import Address, User
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
    Category,
    CategoryTranslation,
    ProductMedia,
    ProductType,
)
from marketplace.catalog.services import (
    product_listing_refresh_prices,
    product_update_search_vector,
)
from marketplace.catalog.tasks import schedule_thumbnails
from marketplace.channels.models import Channel
from marketplace.inventory.models import Warehouse
from marketplace.vendors.models import (
    Vendor,
    VendorKind,
    VendorMembership,
    VendorRole,
    VendorStatus,
    VendorTranslation,
)

from . import data
from .commerce import seed_commerce
from .content import seed_collections, seed_content
from .images import banner_image
from .products import seed_workshop_products
from .provenance import seed_provenance

DEMO_PASSWORD = "artisan-demo-2026"  # printed by `marketplace demo`; demo installs only


@dataclass
class SeedReport:
    logins: list[tuple[str, str]] = field(default_factory=list)
    products: int = 0
    certificates: int = 0


def _channels() -> dict[str, Channel]:
    channels = {}
    for slug, (currency, default_country, countries, name) in data.CHANNELS.items():
        channels[slug], _ = Channel.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "currency_code": currency,
                "default_country": default_country,
                "countries": ",".join(countries),
                "is_active": True,
            },
        )
    return channels


def _categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for slug, (en, fr, ar, parent_slug) in data.CATEGORIES.items():
        parent = categories.get(parent_slug) if parent_slug else None
        category, _ = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": en,
                "parent": parent,
                "level": parent.level + 1 if parent else 0,
                "seo_title": f"{en} — hand-made in the Maghreb",
            },
        )
        for code, name in (("fr", fr), ("ar", ar)):
            CategoryTranslation.objects.update_or_create(
                category=category, language_code=code, defaults={"name": name}
            )
        categories[slug] = category
    return categories


def _product_types() -> dict[str, ProductType]:
    return {
        slug: ProductType.objects.update_or_create(
            slug=slug, defaults={"name": name, "weight_kg": weight, "hs_code": hs_code}
        )[0]
        for slug, (name, weight, hs_code) in data.PRODUCT_TYPES.items()
    }


def _attribute_values() -> dict[tuple[str, str], AttributeValue]:
    values = {}
    for slug, (name, choices) in data.ATTRIBUTES.items():
        attribute, _ = Attribute.objects.update_or_create(slug=slug, defaults={"name": name})
        for order, choice in enumerate(choices):
            values[(slug, choice)], _ = AttributeValue.objects.update_or_create(
                attribute=attribute,
                slug=choice,
                defaults={"name": choice.replace("-", " ").title(), "sort_order": order},
            )
    return values


def _user(email: str, *, first: str, last: str, password: str, staff: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "is_staff": staff}
    )
    if created:
        user.set_password(password)
        user.is_superuser = staff
        user.save()
    return user


def _vendor(slug: str, kind: str, defaults: dict[str, object], colours: tuple[str, str]) -> Vendor:
    vendor, _ = Vendor.objects.update_or_create(
        slug=slug,
        defaults={
            "kind": kind,
            "status": VendorStatus.APPROVED,
            "primary_color": colours[0],
            "secondary_color": colours[1],
            **defaults,
        },
    )
    if not vendor.banner:
        vendor.banner.save(f"{slug}.jpg", ContentFile(banner_image(colours=colours, seed=slug)))
    return vendor


def _story(text: str) -> dict[str, object]:
    """Rich text in the EditorJS shape Saleor uses for descriptions."""
    return {"time": 0, "blocks": [{"type": "paragraph", "data": {"text": text}}], "version": "2.24"}


def _warehouse(vendor: Vendor) -> Warehouse:
    existing = Warehouse.objects.filter(slug=f"{vendor.slug}-workshop").first()
    if existing:
        return existing
    address = Address.objects.create(
        company_name=vendor.name,
        street_address_1="Medina",
        city=vendor.town,
        country=vendor.country,
        country_area=vendor.region,
    )
    return Warehouse.objects.create(
        vendor=vendor,
        name=f"{vendor.name} workshop",
        slug=f"{vendor.slug}-workshop",
        address=address,
        email=vendor.contact_email,
    )


@transaction.atomic
def seed_demo(*, password: str = DEMO_PASSWORD, staff: bool = True) -> SeedReport:
    """Create or refresh the demo marketplace. Safe to run any number of times. New demo
    accounts get ``password``; with ``staff=False`` no staff account is created (what
    `marketplace seed --allow-demo-data` does under production settings)."""
    report = SeedReport()
    channels = _channels()
    categories = _categories()
    product_types = _product_types()
    values = _attribute_values()
    if staff:
        admin = _user(
            "admin@example.com", first="Amina", last="Staff", password=password, staff=True
        )
        report.logins.append((admin.email, "staff: sees everything, GraphiQL introspection"))

    for cluster_slug, (
        en,
        fr,
        ar,
        town,
        region,
        country,
        craft,
        colours,
        tagline,
    ) in data.CLUSTERS.items():
        cluster = _vendor(
            cluster_slug,
            VendorKind.CLUSTER,
            {
                "name": en,
                "town": town,
                "region": region,
                "country": country,
                "craft": craft,
                "tagline": tagline,
                "story": _story(tagline),
                "contact_email": f"contact@{cluster_slug}.example.com",
            },
            colours,
        )
        VendorTranslation.objects.update_or_create(
            vendor=cluster, language_code="fr", defaults={"name": fr}
        )
        VendorTranslation.objects.update_or_create(
            vendor=cluster, language_code="ar", defaults={"name": ar}
        )
        manager = _user(
            f"manager@{cluster_slug}.example.com",
            first=f"{town} cluster",
            last="manager",
            password=password,
        )
        VendorMembership.objects.get_or_create(
            user=manager, vendor=cluster, defaults={"role": VendorRole.MANAGER}
        )
        report.logins.append((manager.email, f"manager of {en}"))

        templates = data.TEMPLATES[cluster_slug]
        workshops = [(s, w) for s, w in data.WORKSHOPS.items() if w[1] == cluster_slug]
        for index, (slug, (name, _cluster, founded)) in enumerate(workshops):
            workshop = _vendor(
                slug,
                VendorKind.WORKSHOP,
                {
                    "name": name,
                    "cluster": cluster,
                    "town": town,
                    "region": region,
                    "country": country,
                    "craft": craft,
                    "founded_year": founded,
                    "tagline": f"{craft} since {founded}",
                    "story": _story(f"{name} has worked in {town} since {founded}. {tagline}"),
                    "contact_email": f"hello@{slug}.example.com",
                },
                colours,
            )
            owner = _user(
                f"owner@{slug}.example.com",
                first=name.split()[-1],
                last="Owner",
                password=password,
            )
            VendorMembership.objects.get_or_create(
                user=owner, vendor=workshop, defaults={"role": VendorRole.OWNER}
            )
            if index == 0:
                report.logins.append((owner.email, f"owner of {name}"))
            warehouse = _warehouse(workshop)
            # Five pieces per workshop, rotating through the cluster's repertoire.
            chosen = [templates[(index + k) % len(templates)] for k in range(5)]
            report.products += seed_workshop_products(
                workshop=workshop,
                warehouse=warehouse,
                templates=chosen,
                categories=categories,
                product_types=product_types,
                values=values,
                channels=channels,
            )

    seed_collections(channels=channels)
    seed_content(categories=categories)
    # A workshop awaiting review: its products must stay invisible to buyers.
    pending_cluster = Vendor.objects.get(slug="constantine-dinanderie")
    _vendor(
        "atelier-nouveau",
        VendorKind.WORKSHOP,
        {
            "name": "Atelier Nouveau",
            "cluster": pending_cluster,
            "status": VendorStatus.PENDING,
            "town": "Constantine",
            "region": "Constantine",
            "country": "DZ",
            "craft": "Hammered copperware (dinanderie)",
        },
        ("#9c4a1a", "#f6e7d8"),
    )

    report.certificates = seed_provenance(channels=channels)
    seed_commerce(channels=channels)

    from marketplace.catalog.models import Product

    ids = list(Product.objects.values_list("pk", flat=True))
    product_listing_refresh_prices(product_ids=ids)
    product_update_search_vector(product_ids=ids)
    first_pictures = ProductMedia.objects.filter(product_id__in=ids, sort_order=0, thumbnails=None)
    schedule_thumbnails(media_ids=list(first_pictures.values_list("pk", flat=True)))
    return report
