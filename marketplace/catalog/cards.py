"""Reads of the shop's product cards and product page.

A page of cards is the shop's most frequent read: 24 cards a catalog page, 8 on the home
page. A card shows a name, a workshop, a price and one picture, so it loads those columns
only; full rows (JSON metadata, descriptions, the cluster) would be decoded and built into
objects per card for nothing. The product page needs the full rows of the product and its
workshop and loads them, with what else it shows as joins and subqueries.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from marketplace.channels.models import Channel

from .models import Product, ProductMedia, ProductTranslation, ProductVariant
from .selectors import products_visible

# What shop/components/card.html reads. A column left out here costs one query per card
# when the template reads it (tests/shop guard the query counts of the pages).
CARD_PRODUCT_FIELDS = ("slug", "name", "vendor__name", "vendor__town")


def _in_channel(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.annotate(
        card_price=F("listing__discounted_price_amount"),
        card_available_at=F("listing__available_for_purchase_at"),
    )


def _pictures(media: QuerySet[ProductMedia]) -> Prefetch:
    return Prefetch("media", queryset=media.order_by("sort_order", "pk"), to_attr="pictures")


def product_cards(*, products: QuerySet[Product], language_code: str) -> QuerySet[Product]:
    """Products ready for a shop card, in one query whatever the page size: slug, workshop
    (name and town), the name in the page's language where a translation gives one, else
    the product's (``card_name``), cheapest price in the channel (``card_price``),
    one-of-a-kind (``card_unique``) and the first picture (``card_picture_id`` and
    ``card_picture_alt``, None without one). ``products`` must come from
    ``products_visible`` with a channel (its listing join gives the price). Other fields
    are not loaded: reading one is a query per card."""
    translated = ProductTranslation.objects.filter(
        product=OuterRef("pk"), language_code=language_code
    ).values("name")[:1]
    first_picture = ProductMedia.objects.filter(product=OuterRef("pk")).order_by("sort_order", "pk")
    unique = ExpressionWrapper(Q(metadata__one_of_a_kind="true"), output_field=BooleanField())
    # Subqueries in the select list: PostgreSQL runs them after the sort, for the rows the
    # page returns and those an OFFSET skips, each through the product's index. Two prefetch
    # queries (pictures, translations) cost more than that in Django alone.
    return (
        _in_channel(products)
        .select_related("vendor")
        .only(*CARD_PRODUCT_FIELDS)
        .annotate(
            card_name=Coalesce(NullIf(Subquery(translated), Value("")), F("name")),
            card_unique=unique,
            card_picture_id=Subquery(first_picture.values("pk")[:1]),
            card_picture_alt=Subquery(first_picture.values("alt")[:1]),
        )
    )


def product_for_page(*, slug: str, channel: Channel, language_code: str) -> Product | None:
    """One visible product with what its page shows, in three queries: the product's row
    with its workshop, cluster and category, its translation and its category's name in
    the page's language; its pictures; its variants sold in the channel, each with its
    price there (``page_price``) and its name in the language.

    Translations come as joined columns rather than prefetch queries (a query costs more in
    Django than the join in PostgreSQL); they are set as ``in_language`` rows, which the
    shop's ``tr`` filter reads, so the page shows the same fallback to the object's own
    value. Variants are ``page_variants``, in their order; JSON metadata is left out of the
    variants and pictures, which the page does not read."""
    from .models import (
        CategoryTranslation,
        ProductVariantChannelListing,
        ProductVariantTranslation,
    )

    listing = ProductVariantChannelListing.objects.filter(variant=OuterRef("pk"), channel=channel)
    variant_name = ProductVariantTranslation.objects.filter(
        product_variant=OuterRef("pk"), language_code=language_code
    ).values("name")[:1]
    variants = (
        ProductVariant.objects.filter(Exists(listing))
        .only("product_id", "sku", "name", "sort_order", "track_inventory")
        .annotate(
            page_price=Subquery(listing.values("price_amount")[:1]),
            page_name=Subquery(variant_name),
        )
        .order_by("sort_order", "pk")
    )
    media = ProductMedia.objects.only("product_id", "image", "alt", "sort_order")
    category_name = CategoryTranslation.objects.filter(
        category=OuterRef("category_id"), language_code=language_code
    ).values("name")[:1]
    item = (
        _in_channel(products_visible(channel=channel))
        .annotate(
            translation=FilteredRelation(
                "translations", condition=Q(translations__language_code=language_code)
            ),
            page_translation_id=F("translation__id"),
            page_name=F("translation__name"),
            page_description=F("translation__description"),
            page_category_name=Subquery(category_name),
        )
        .select_related("vendor", "vendor__cluster", "category")
        .prefetch_related(
            _pictures(media), Prefetch("variants", queryset=variants, to_attr="page_variants")
        )
        .filter(slug=slug)
        .first()
    )
    if item is None:
        return None
    item.in_language = _translated(  # type: ignore[attr-defined]
        item.page_translation_id, name=item.page_name, description=item.page_description
    )
    if item.category is not None:
        name = item.page_category_name
        item.category.in_language = _translated(name, name=name)  # type: ignore[attr-defined]
    for variant in item.page_variants:
        variant.in_language = _translated(  # type: ignore[attr-defined]
            variant.page_name, name=variant.page_name
        )
    return item


def _translated(found: object, **fields: object) -> list[SimpleNamespace]:
    """An ``in_language`` list as a prefetch of the translation gives it: its one row when
    there is one (``found`` not None), else none."""
    return [] if found is None else [SimpleNamespace(**fields)]
