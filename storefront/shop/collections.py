"""Collections: the marketplace's curated selections (published per channel), each a page of
pieces with the catalog's filters and stable URLs."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from marketplace.catalog.models import Collection, CollectionTranslation
from marketplace.catalog.selectors import (
    ProductFilters,
    collections_visible,
    products_first_picture,
)
from marketplace.channels.models import Channel

from .browse import _catalog, _filter_choices, _lang
from .common import page, shop_channel


def _translated(collections: QuerySet[Collection], language_code: str) -> QuerySet[Collection]:
    return collections.prefetch_related(
        Prefetch(
            "translations",
            queryset=CollectionTranslation.objects.filter(language_code=language_code),
            to_attr="in_language",
        )
    )


def _visible(channel: Channel) -> QuerySet[Collection]:
    return collections_visible(channel=channel, see_unpublished=False)


def collections_list(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    collections = list(_translated(_visible(channel), _lang()).order_by("name"))
    # One picture per collection: its first piece's (one query for all of them).
    first_ids = dict(
        Collection.products.through.objects.filter(collection__in=collections)
        .order_by("collection_id", "product_id")
        .values_list("collection_id", "product_id")
        .distinct("collection_id")
    )
    pictures = products_first_picture(product_ids=list(first_ids.values()))
    for collection in collections:
        collection.picture = pictures.get(first_ids.get(collection.pk, 0))  # type: ignore[attr-defined]
    return page(
        request,
        "shop/collections.html",
        {"collections": collections},
        title=_("Collections"),
        description=_("Selections of pieces from every workshop, chosen by the marketplace."),
    )


def collection(request: HttpRequest, slug: str) -> HttpResponse:
    channel = shop_channel(request)
    found = _translated(_visible(channel).filter(slug=slug), _lang()).first()
    if found is None:
        raise Http404(_("No collection here."))
    form, products = _catalog(request, channel, base=ProductFilters(collection_ids=[found.pk]))
    translated = next(iter(getattr(found, "in_language", [])), None)
    title = (translated.name if translated and translated.name else "") or found.name
    return page(
        request,
        "shop/collection.html",
        {"collection": found, "form": form, "products": products, **_filter_choices()},
        title=found.seo_title or title,
        description=found.seo_description,
    )
