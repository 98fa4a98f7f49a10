"""What the listing pages read: a workshop's listings with status and stock, the editor's
choices (categories, kinds of piece, makers, techniques, materials, packaging) and a listing
as the editor shows it. Reads only, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from marketplace.catalog.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.channels.models import Channel
from marketplace.channels.selectors import channels_active
from marketplace.packaging.models import PackagingOption
from marketplace.provenance.models import Artisan, Material, Provenance, Technique
from marketplace.vendors.models import Vendor

LANGUAGE_KEY = "language"  # product metadata: the language the workshop wrote the listing in
STATUSES = ("draft", "published")


def listing_language(product: Product) -> str:
    """The language a listing was written in (its own name and description)."""
    language = (product.metadata or {}).get(LANGUAGE_KEY, "")
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def workshop_listings(*, workshop: Vendor, status: str = "") -> QuerySet[Product]:
    """The workshop's products, newest first, with what the list shows: stock left,
    markets published in, variants, prices per market (``listings``), languages translated
    (``languages``). Pictures come from ``catalog.selectors.products_first_picture``."""
    products = (
        Product.objects.filter(vendor=workshop)
        .select_related("product_type", "category", "listing_review")
        .annotate(
            published_in=Count(
                "channel_listings", filter=Q(channel_listings__is_published=True), distinct=True
            ),
        )
        .prefetch_related(
            Prefetch(
                "channel_listings",
                queryset=ProductChannelListing.objects.select_related("channel").order_by(
                    "channel__slug"
                ),
                to_attr="listings",
            ),
            Prefetch("provenance_records", queryset=Provenance.objects.filter(variant=None)),
        )
        .order_by("-updated_at", "-pk")
    )
    if status == "published":
        products = products.filter(published_in__gt=0)
    elif status == "draft":
        products = products.filter(published_in=0)
    return products


def stock_left(*, product_ids: list[int]) -> dict[int, int]:
    """Units free to sell per product (quantity - allocated, over every variant), one query."""
    from marketplace.inventory.models import Stock

    rows = (
        Stock.objects.filter(product_variant__product_id__in=product_ids)
        .values("product_variant__product_id")
        .annotate(left=Sum(F("quantity") - F("quantity_allocated")))
    )
    return {row["product_variant__product_id"]: row["left"] or 0 for row in rows}


def translated_languages(*, product_ids: list[int]) -> dict[int, set[str]]:
    from marketplace.catalog.models import ProductTranslation

    out: dict[int, set[str]] = {}
    rows = ProductTranslation.objects.filter(product_id__in=product_ids).exclude(name="")
    for product_id, language in rows.values_list("product_id", "language_code"):
        out.setdefault(product_id, set()).add(language)
    return out


def listing_counts(*, workshop: Vendor) -> dict[str, int]:
    published = ProductChannelListing.objects.filter(
        product__vendor=workshop, is_published=True
    ).values("product_id")
    total = Product.objects.filter(vendor=workshop).count()
    live = Product.objects.filter(vendor=workshop, pk__in=published).count()
    return {"all": total, "published": live, "draft": total - live}


@dataclass
class EditorChoices:
    channels: list[Channel]
    choices: dict[str, list[tuple[Any, str]]]
    hs_codes: dict[int, str]  # product type id → its HS code
    type_weights: dict[int, Decimal]
    packaging: list[tuple[PackagingOption, str]] = field(default_factory=list)


def _category_label(category: Category, by_id: dict[int, Category], names: dict[int, str]) -> str:
    label = names.get(category.pk) or category.name
    parent = by_id.get(category.parent_id) if category.parent_id else None
    if parent is not None:
        return f"{names.get(parent.pk) or parent.name} / {label}"
    return label


def editor_choices(*, workshop: Vendor, language_code: str) -> EditorChoices:
    """Everything the editor offers, in the page's language where a translation exists."""
    categories = list(Category.objects.all())
    by_id = {c.pk: c for c in categories}
    names = dict(
        CategoryTranslation.objects.filter(language_code=language_code)
        .exclude(name="")
        .values_list("category_id", "name")
    )
    category_choices = sorted(
        ((c.pk, _category_label(c, by_id, names)) for c in categories), key=lambda c: c[1]
    )
    types = list(ProductType.objects.all())
    techniques = Technique.objects.prefetch_related("translations")
    materials = Material.objects.prefetch_related("translations")

    def named(obj: Any) -> str:
        for row in obj.translations.all():
            if row.language_code == language_code and row.name:
                return str(row.name)
        return str(obj.name)

    vendor_ids = [workshop.pk] + ([workshop.cluster_id] if workshop.cluster_id else [])
    packaging = list(
        PackagingOption.objects.filter(vendor_id__in=vendor_ids, is_active=True)
        .select_related("vendor")
        .prefetch_related("product_types", "products", "translations", "channel_listings__channel")
    )
    return EditorChoices(
        channels=list(channels_active()),
        choices={
            "category": category_choices,
            "product_type": [
                (t.pk, f"{t.name} · HS {t.hs_code}" if t.hs_code else t.name) for t in types
            ],
            "artisans": [(a.pk, a.name) for a in Artisan.objects.filter(workshop=workshop)],
            "techniques": [(t.slug, named(t)) for t in techniques],
            "materials": [(m.slug, named(m)) for m in materials],
            "packaging": [
                (o.pk, named(o))
                for o in packaging
                if o.vendor_id == workshop.pk and not o.product_types.all() and o.products.all()
            ],
        },
        hs_codes={t.pk: t.hs_code for t in types},
        type_weights={t.pk: t.weight_kg for t in types},
        packaging=[(o, named(o)) for o in packaging],
    )


def packaging_offered(
    *, choices: EditorChoices, workshop: Vendor, product: Product | None, type_id: int | None
) -> list[dict[str, Any]]:
    """The workshop's and its cluster's options a buyer may choose for this piece (or, for a
    new piece, for its kind), with their prices per market."""
    from marketplace.packaging.selectors import option_applies

    from ..templatetags.shop import money

    out = []
    for option, name in choices.packaging:
        if product is not None:
            applies = option_applies(option, product, workshop.cluster_id)
        else:
            types = {t.pk for t in option.product_types.all()}
            applies = not option.products.all() and (not types or type_id in types)
        if applies:
            prices = " · ".join(
                money(entry.price_amount, entry.currency) for entry in option.channel_listings.all()
            )
            out.append({"option": option, "name": name, "prices": prices})
    return out


def listing_for_editor(*, workshop: Vendor, product_id: int) -> Product | None:
    """One of the workshop's products with its variants (prices, stock), listings, media,
    translations and provenance; None for a product of another workshop."""
    variants = ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
        Prefetch(
            "channel_listings",
            queryset=ProductVariantChannelListing.objects.select_related("channel"),
        ),
        "stocks",
    )
    provenance = Provenance.objects.filter(variant=None).prefetch_related(
        "artisans", "techniques", "materials__material"
    )
    return (
        Product.objects.filter(vendor=workshop, pk=product_id)
        .select_related("product_type", "category", "vendor__cluster", "listing_review")
        .prefetch_related(
            Prefetch("variants", queryset=variants, to_attr="editor_variants"),
            Prefetch(
                "channel_listings",
                queryset=ProductChannelListing.objects.select_related("channel"),
                to_attr="listings",
            ),
            Prefetch("media", queryset=ProductMedia.objects.order_by("sort_order", "pk")),
            "translations",
            Prefetch("provenance_records", queryset=provenance, to_attr="records"),
        )
        .first()
    )


def missing_translations(product: Product | None, language: str) -> list[tuple[str, str]]:
    """(code, name) of the languages the listing has no title in yet."""
    done = {language}
    if product is not None:
        done |= {t.language_code for t in product.translations.all() if t.name}
    return [(code, name) for code, name in settings.LANGUAGES if code not in done]


def moderated(workshop: Vendor) -> bool:
    """Does the workshop's cluster review listings before buyers see them?"""
    return bool(workshop.cluster_id and workshop.cluster and workshop.cluster.moderates_listings)


def status_label(product: Product, *, published: bool, moderated: bool) -> tuple[str, str]:
    """(code, label): draft, published, or, in a moderating cluster, waiting or rejected."""
    if not published:
        return "draft", _("Draft")
    review = getattr(product, "listing_review", None)
    if moderated and (review is None or review.status != "approved"):
        if review is not None and review.status == "rejected":
            return "rejected", _("Rejected by your cluster")
        return "review", _("Waiting for your cluster's review")
    return "published", _("Published")
