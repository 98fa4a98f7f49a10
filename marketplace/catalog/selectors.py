"""Reads of the catalog: who may see which product, filters, search and sorting.

The API and the web pages both go through these, so visibility rules live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    BooleanField,
    Exists,
    F,
    FilteredRelation,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from marketplace.channels.models import Channel
from marketplace.core.errors import DomainError
from marketplace.inventory.models import Stock
from marketplace.vendors.models import VendorStatus
from marketplace.vendors.selectors import listing_visible_q

from .models import (
    Collection,
    CollectionChannelListing,
    Product,
    ProductChannelListing,
    ProductVariant,
)

SEARCH_CONFIG = "simple"  # language-neutral: names are in French, Arabic and English


def products_visible(
    *,
    channel: Channel | None,
    see_unpublished: bool = False,
    listing_only: bool = False,
    now: datetime | None = None,
) -> QuerySet[Product]:
    """Products a buyer may see in ``channel``.

    Buyers see published products of approved workshops (approved by their cluster when it
    reviews listings: ``vendors.selectors.listing_visible_q``); ``listing_only`` also hides those
    marked invisible in listings (they stay reachable by slug, as in Saleor). Staff
    (``see_unpublished``) see everything listed in the channel, or everything when no channel.
    ``now``: the moment publication dates are compared with (default: now).
    """
    products = Product.objects.all()
    if see_unpublished:
        if channel is not None:
            products = products.filter(
                Exists(
                    ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
                )
            )
        return products
    if channel is None or not channel.is_active:
        return products.none()
    # One explicit join to the channel's listing (unique per product and channel): it filters
    # visibility and serves price and date sorting, so lists can walk an index in order.
    visible = Q(listing__is_published=True) & (
        Q(listing__published_at__isnull=True) | Q(listing__published_at__lte=now or timezone.now())
    )
    if listing_only:
        visible &= Q(listing__visible_in_listings=True)
    return products.annotate(
        listing=FilteredRelation("channel_listings", condition=Q(channel_listings__channel=channel))
    ).filter(visible, listing_visible_q(), vendor__status=VendorStatus.APPROVED)


SEARCH_MAX_LENGTH = 256
SEARCH_MAX_TERMS = 64


def search_text_check(text: str) -> str:
    """The search text, stripped, or a DomainError on ``search`` when it is longer than
    ``SEARCH_MAX_LENGTH`` characters or ``SEARCH_MAX_TERMS`` words. PostgreSQL builds one
    nested query node per word: thousands of words exhaust its stack after seconds of work."""
    text = text.strip()
    if len(text) > SEARCH_MAX_LENGTH:
        raise DomainError(
            f"Ensure the search has at most {SEARCH_MAX_LENGTH} characters (it has {len(text)}).",
            field="search",
            code="INVALID",
        )
    terms = len(text.split())
    if terms > SEARCH_MAX_TERMS:
        raise DomainError(
            f"Ensure the search has at most {SEARCH_MAX_TERMS} words (it has {terms}).",
            field="search",
            code="INVALID",
        )
    return text


class _IsAnyOf(Func):
    """``value = ANY(array)``. With the array from an uncorrelated ``ArraySubquery`` the
    planner computes it once and answers it from ``value``'s index, so it can OR that index
    with another one (a bitmap OR); ``value IN (subquery)`` inside an OR is a filter instead."""

    arity = 2
    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def search_products(products: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Full-text matches (any language's names, workshop, cluster, category, description)
    plus exact SKU matches, ranked. Both are conditions on the product row that an index
    answers (the GIN on the search document, the primary key for the SKUs' products), so
    PostgreSQL ORs two bitmaps instead of matching the catalog against an id set.
    Raises DomainError (``search_text_check``) for a search too long to run."""
    text = search_text_check(text)
    if not text:
        return products
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    by_sku = ProductVariant.objects.filter(sku__iexact=text).order_by().values("product_id")
    return products.filter(
        Q(search_vector=query) | _IsAnyOf(F("pk"), ArraySubquery(by_sku))
    ).annotate(search_rank=SearchRank(F("search_vector"), query))


@dataclass
class ProductFilters:
    ids: Sequence[int] | None = None
    slugs: Sequence[str] | None = None
    names: Sequence[str] | None = None
    category_ids: Sequence[int] | None = None
    collection_ids: Sequence[int] | None = None
    product_type_ids: Sequence[int] | None = None
    vendor_ids: Sequence[int] | None = None
    cluster_ids: Sequence[int] | None = None
    has_category: bool | None = None
    price_gte: Decimal | None = None
    price_lte: Decimal | None = None
    in_stock: bool | None = None
    is_available: bool | None = None
    updated_gte: datetime | None = None
    updated_lte: datetime | None = None
    updated_in: Sequence[datetime] | None = None
    metadata: dict[str, str | None] = field(default_factory=dict)
    attributes: dict[str, Sequence[str]] = field(default_factory=dict)
    # the product's listing in the channel asked for
    is_published: bool | None = None
    visible_in_listings: bool | None = None
    published_from: datetime | None = None
    available_from: datetime | None = None
    # stock held in these warehouses, within these quantities
    stock_warehouse_ids: Sequence[int] | None = None
    stock_quantity_gte: int | None = None
    stock_quantity_lte: int | None = None


def _stock_available(product_ref: str = "pk") -> Exists:
    return Exists(
        Stock.objects.filter(
            product_variant__product=OuterRef(product_ref), quantity__gt=F("quantity_allocated")
        )
    )


def filter_products(
    products: QuerySet[Product], *, filters: ProductFilters, channel: Channel | None
) -> QuerySet[Product]:
    f = filters
    if f.ids is not None:
        products = products.filter(pk__in=f.ids)
    if f.slugs is not None:
        products = products.filter(slug__in=f.slugs)
    if f.names is not None:
        products = products.filter(name__in=f.names)
    if f.category_ids is not None:
        products = products.filter(category_id__in=f.category_ids)
    if f.collection_ids is not None:
        members = Collection.products.through.objects.filter(
            product_id=OuterRef("pk"), collection_id__in=f.collection_ids
        )
        products = products.filter(Exists(members))
    if f.product_type_ids is not None:
        products = products.filter(product_type_id__in=f.product_type_ids)
    if f.vendor_ids is not None:
        products = products.filter(vendor_id__in=f.vendor_ids)
    if f.cluster_ids is not None:
        products = products.filter(vendor__cluster_id__in=f.cluster_ids)
    if f.has_category is not None:
        products = products.filter(category__isnull=not f.has_category)
    if f.in_stock is not None:
        products = products.filter(_stock_available() if f.in_stock else ~_stock_available())
    if f.updated_gte is not None:
        products = products.filter(updated_at__gte=f.updated_gte)
    if f.updated_lte is not None:
        products = products.filter(updated_at__lte=f.updated_lte)
    if f.updated_in is not None:
        products = products.filter(updated_at__in=f.updated_in)
    for key, value in f.metadata.items():
        lookup = {"metadata__has_key": key} if value is None else {f"metadata__{key}": value}
        products = products.filter(**lookup)
    for attribute_slug, value_slugs in f.attributes.items():
        chosen = Product.attribute_values.through.objects.filter(
            product_id=OuterRef("pk"),
            attributevalue__attribute__slug=attribute_slug,
            attributevalue__slug__in=value_slugs,
        )
        products = products.filter(Exists(chosen))
    if (
        f.stock_warehouse_ids is not None
        or f.stock_quantity_gte is not None
        or f.stock_quantity_lte is not None
    ):
        stocks = Stock.objects.filter(product_variant__product=OuterRef("pk"))
        if f.stock_warehouse_ids is not None:
            stocks = stocks.filter(warehouse_id__in=f.stock_warehouse_ids)
        if f.stock_quantity_gte is not None:
            stocks = stocks.filter(quantity__gte=f.stock_quantity_gte)
        if f.stock_quantity_lte is not None:
            stocks = stocks.filter(quantity__lte=f.stock_quantity_lte)
        products = products.filter(Exists(stocks))
    if channel is not None:
        listing = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
        if f.is_published is not None:
            products = products.filter(
                Exists(listing.filter(is_published=True))
                if f.is_published
                else ~Exists(listing.filter(is_published=True))
            )
        if f.visible_in_listings is not None:
            products = products.filter(
                Exists(listing.filter(visible_in_listings=f.visible_in_listings))
            )
        if f.published_from is not None:
            products = products.filter(
                Exists(listing.filter(is_published=True, published_at__lte=f.published_from))
            )
        if f.available_from is not None:
            products = products.filter(
                Exists(listing.filter(available_for_purchase_at__lte=f.available_from))
            )
        if f.price_gte is not None:
            products = products.filter(
                Exists(listing.filter(discounted_price_amount__gte=f.price_gte))
            )
        if f.price_lte is not None:
            products = products.filter(
                Exists(listing.filter(discounted_price_amount__lte=f.price_lte))
            )
        if f.is_available is not None:
            now = timezone.now()
            available = listing.filter(
                available_for_purchase_at__isnull=False, available_for_purchase_at__lte=now
            )
            products = products.filter(Exists(available) if f.is_available else ~Exists(available))
    return products


SORT_FIELDS = {
    "NAME": ("name", "slug"),
    "CREATED_AT": ("created_at",),
    "LAST_MODIFIED_AT": ("updated_at",),
    "LAST_MODIFIED": ("updated_at",),
    "RATING": ("rating",),
    "TYPE": ("product_type__name",),
}
CHANNEL_SORT_FIELDS = {
    "PRICE": "discounted_price_amount",
    "MINIMAL_PRICE": "discounted_price_amount",
    "PUBLISHED_AT": "published_at",
    "PUBLICATION_DATE": "published_at",
    "DATE": "published_at",
    "PUBLISHED": "is_published",
}


NULLABLE_SORT_KEYS = {"rating", "sort_value", "search_rank"} | {
    f"listing__{column}" for column in CHANNEL_SORT_FIELDS.values()
}


class SortError(ValueError):
    pass


def sort_products(
    products: QuerySet[Product], *, field_name: str, descending: bool, channel: Channel | None
) -> QuerySet[Product]:
    """Order by the field, then by pk so that pages never overlap."""
    if field_name == "RANK":
        if "search_rank" not in products.query.annotations:
            raise SortError("Sorting by RANK is only available with a search.")
        keys: list[str] = ["search_rank"]
    elif field_name in SORT_FIELDS:
        keys = list(SORT_FIELDS[field_name])
    elif field_name in CHANNEL_SORT_FIELDS:
        if channel is None:
            raise SortError(f"Sorting by {field_name} requires a channel.")
        column = CHANNEL_SORT_FIELDS[field_name]
        if "listing" in products.query._filtered_relations:  # type: ignore[attr-defined]
            keys = [f"listing__{column}"]
        else:  # staff lists have no listing join: read the value per row
            listing = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
            products = products.annotate(sort_value=Subquery(listing.values(column)[:1]))
            keys = ["sort_value"]
    else:
        raise SortError(f"Sorting by {field_name} is not supported.")
    ordering = [
        F(k).desc(nulls_last=True) if descending else F(k).asc(nulls_last=True) for k in keys
    ]
    ordering.append(F("pk").desc() if descending else F("pk").asc())
    return products.order_by(*ordering)


def collections_visible(*, channel: Channel | None, see_unpublished: bool) -> QuerySet[Collection]:
    collections = Collection.objects.all()
    if see_unpublished:
        return collections
    if channel is None:
        return collections.none()
    now = timezone.now()
    listing = CollectionChannelListing.objects.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=now),
        collection=OuterRef("pk"),
        channel=channel,
        is_published=True,
    )
    return collections.filter(Exists(listing))


def category_descendant_ids(category_id: int) -> list[int]:
    """The category and everything below it (the tree is small: a handful of levels)."""
    from .models import Category

    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, frontier = [category_id], [category_id]
    while frontier:
        frontier = [child for parent in frontier for child in children.get(parent, [])]
        found.extend(frontier)
    return found


def category_ancestors(category_id: int) -> list[Any]:
    """From the root down to the category's parent."""
    from .models import Category

    chain: list[Any] = []
    current = Category.objects.filter(pk=category_id).values("parent_id").first()
    parent_id = current["parent_id"] if current else None
    while parent_id is not None:
        parent = Category.objects.get(pk=parent_id)
        chain.insert(0, parent)
        parent_id = parent.parent_id
    return chain


def products_named(*, product_ids: Sequence[int], language_code: str) -> dict[int, str]:
    """Each product's name in the language, where a translation gives one (one query)."""
    from .models import ProductTranslation

    rows = ProductTranslation.objects.filter(
        product_id__in=list(product_ids), language_code=language_code
    ).exclude(name="")
    return dict(rows.values_list("product_id", "name"))


def products_first_picture(*, product_ids: Sequence[int]) -> dict[int, Any]:
    """The first picture of each product (one query)."""
    from .models import ProductMedia

    pictures: dict[int, Any] = {}
    for media in ProductMedia.objects.filter(product_id__in=list(product_ids)).order_by(
        "product_id", "sort_order", "pk"
    ):
        pictures.setdefault(media.product_id, media)
    return pictures


def attribute_value_slugs(attribute_slug: str, *, names: Sequence[str]) -> list[str]:
    """The slugs of an attribute's values with these names (filters name values by name)."""
    from .models import AttributeValue

    found = AttributeValue.objects.filter(attribute__slug=attribute_slug, name__in=list(names))
    return list(found.values_list("slug", flat=True))
