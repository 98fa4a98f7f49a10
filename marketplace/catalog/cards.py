"""Reads of the shop's product cards and product page.

A page of cards is the shop's most frequent read: 24 cards a catalog page, 8 on the home
page. A card shows a name, a workshop, a price and one picture, so it loads those columns
only; full rows (JSON metadata, descriptions, the cluster) would be decoded and built into
objects per card for nothing. The product page needs the full rows and loads them.
"""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
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


def _in_language(translations: QuerySet[ProductTranslation], language_code: str) -> Prefetch:
    return Prefetch(
        "translations",
        queryset=translations.filter(language_code=language_code),
        to_attr="in_language",
    )


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
    """One visible product with what its page shows: full rows of the product, its workshop
    and cluster, category and type; variants with their price in the channel, pictures and
    translations in the page's language."""
    from .models import (
        CategoryTranslation,
        ProductVariantChannelListing,
        ProductVariantTranslation,
    )

    variants = ProductVariant.objects.order_by("sort_order", "pk").prefetch_related(
        Prefetch(
            "channel_listings",
            queryset=ProductVariantChannelListing.objects.filter(channel=channel),
            to_attr="in_channel",
        ),
        Prefetch(
            "translations",
            queryset=ProductVariantTranslation.objects.filter(language_code=language_code),
            to_attr="in_language",
        ),
    )
    return (
        _in_channel(products_visible(channel=channel))
        .select_related("vendor", "vendor__cluster", "category", "product_type")
        .prefetch_related(
            _pictures(ProductMedia.objects.all()),
            _in_language(ProductTranslation.objects.all(), language_code),
            Prefetch("variants", queryset=variants, to_attr="variants_in_channel"),
            Prefetch(
                "category__translations",
                queryset=CategoryTranslation.objects.filter(language_code=language_code),
                to_attr="in_language",
            ),
        )
        .filter(slug=slug)
        .first()
    )
