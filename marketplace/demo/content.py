"""Demo collections, pages and menus."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from marketplace.catalog.models import Category, Collection, CollectionChannelListing, Product
from marketplace.channels.models import Channel
from marketplace.content.models import Menu, MenuItem, Page, PageTranslation, PageType
from marketplace.vendors.models import Vendor, VendorKind


def _rich(text: str) -> dict[str, Any]:
    return {"time": 0, "blocks": [{"type": "paragraph", "data": {"text": text}}], "version": "2.24"}


def seed_collections(*, channels: dict[str, Channel]) -> None:
    since = timezone.now() - timedelta(days=30)
    definitions = {
        "one-of-a-kind": ("One of a kind", Product.objects.filter(metadata__one_of_a_kind="true")),
        "for-the-table": (
            "For the table",
            Product.objects.filter(category__slug__in=["trays", "coffee-tea-sets"]),
        ),
        "silver-of-the-aures": (
            "Silver of the Aurès",
            Product.objects.filter(product_type__slug="silver-jewellery"),
        ),
    }
    for slug, (name, products) in definitions.items():
        collection, _ = Collection.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": _rich(name)}
        )
        collection.products.set(products)
        for channel in channels.values():
            CollectionChannelListing.objects.update_or_create(
                collection=collection,
                channel=channel,
                defaults={"is_published": True, "published_at": since},
            )


def seed_content(*, categories: dict[str, Category]) -> None:
    page_type, _ = PageType.objects.update_or_create(slug="story", defaults={"name": "Story"})
    since = timezone.now() - timedelta(days=30)
    about, _ = Page.objects.update_or_create(
        slug="about",
        defaults={
            "page_type": page_type,
            "title": "About the marketplace",
            "content": _rich(
                "We connect the craft clusters of Algeria and Tunisia with buyers everywhere. "
                "Every piece is made by a named workshop and ships from its town."
            ),
            "is_published": True,
            "published_at": since,
        },
    )
    PageTranslation.objects.update_or_create(
        page=about, language_code="fr", defaults={"title": "À propos de la place de marché"}
    )
    PageTranslation.objects.update_or_create(
        page=about, language_code="ar", defaults={"title": "عن السوق"}
    )
    for cluster in Vendor.objects.filter(kind=VendorKind.CLUSTER):
        Page.objects.update_or_create(
            slug=f"{cluster.slug}-story",
            defaults={
                "page_type": page_type,
                "vendor": cluster,
                "title": f"The story of the {cluster.name}",
                "content": cluster.story,
                "is_published": True,
                "published_at": since,
            },
        )
    Page.objects.update_or_create(
        slug="draft-press-kit",
        defaults={"page_type": page_type, "title": "Press kit (draft)", "is_published": False},
    )

    navbar, _ = Menu.objects.update_or_create(slug="navbar", defaults={"name": "navbar"})
    for order, slug in enumerate(["homeware", "jewellery"]):
        top, _ = MenuItem.objects.update_or_create(
            menu=navbar,
            category=categories[slug],
            parent=None,
            defaults={"name": categories[slug].name, "sort_order": order},
        )
        for child_order, child in enumerate(
            c for c in categories.values() if c.parent_id == top.category_id
        ):
            MenuItem.objects.update_or_create(
                menu=navbar,
                category=child,
                parent=top,
                defaults={"name": child.name, "sort_order": child_order, "level": 1},
            )
    footer, _ = Menu.objects.update_or_create(slug="footer", defaults={"name": "footer"})
    MenuItem.objects.update_or_create(
        menu=footer, page=about, defaults={"name": "About", "sort_order": 0}
    )
