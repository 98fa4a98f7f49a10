"""Writes to the catalog that keep derived data (search, cheapest price, tree levels) true."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import Min, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from marketplace.core.errors import DomainError
from marketplace.core.input_checks import echo

from .models import (
    Category,
    ProductChannelListing,
    ProductTranslation,
    ProductVariantChannelListing,
)
from .selectors import SEARCH_CONFIG


def _translated_names() -> Coalesce:
    names = (
        ProductTranslation.objects.filter(product=OuterRef("pk"))
        .values("product")
        .annotate(text=StringAgg("name", delimiter=" "))
        .values("text")[:1]
    )
    return Coalesce(Subquery(names), Value(""), output_field=TextField())


def product_update_search_vector(*, product_ids: Iterable[int]) -> int:
    """Rebuild the search document of the given products from every language's names,
    the description, the workshop, its cluster and the category. Returns rows updated."""
    from .models import Product

    ids = list(product_ids)
    if not ids:
        return 0
    vector = (
        SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector(_translated_names(), weight="A", config=SEARCH_CONFIG)
        + SearchVector("vendor__name", weight="B", config=SEARCH_CONFIG)
        + SearchVector("vendor__cluster__name", weight="B", config=SEARCH_CONFIG)
        + SearchVector("category__name", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description_plaintext", weight="C", config=SEARCH_CONFIG)
    )
    # UPDATE … SET col = <expression with joins> is not allowed: compute, then write by pk.
    rows = (
        Product.objects.filter(pk__in=ids).annotate(document=vector).values_list("pk", "document")
    )
    products = [Product(pk=pk, search_vector=document) for pk, document in rows]
    Product.objects.bulk_update(products, ["search_vector"], batch_size=1000)
    return len(products)


def product_listing_refresh_prices(*, product_ids: Iterable[int]) -> None:
    """Store each listing's cheapest variant price, used to sort and filter by price."""
    cheapest = (
        ProductVariantChannelListing.objects.filter(
            variant__product_id=OuterRef("product_id"), channel_id=OuterRef("channel_id")
        )
        .values("variant__product_id")
        .annotate(lowest=Min("price_amount"))
        .values("lowest")[:1]
    )
    ProductChannelListing.objects.filter(product_id__in=list(product_ids)).update(
        discounted_price_amount=Subquery(cheapest)
    )


@transaction.atomic
def category_create(
    *, name: str, slug: str, parent: Category | None = None, description: dict | None = None
) -> Category:
    """Create a category one level below its parent; slugs are unique across the tree."""
    if Category.objects.filter(slug=slug).exists():
        raise DomainError(f"A category with slug {echo(slug)} exists.", field="slug", code="UNIQUE")
    return Category.objects.create(
        name=name,
        slug=slug,
        parent=parent,
        level=(parent.level + 1) if parent else 0,
        description=description or {},
    )
