"""Browsing: the marketplace home, cluster and workshop storefronts, the catalog."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.catalog.cards import product_cards
from marketplace.catalog.models import Category, Product
from marketplace.catalog.selectors import (
    ProductFilters,
    category_descendant_ids,
    filter_products,
    products_visible,
    search_products,
    sort_products,
)
from marketplace.channels.models import Channel
from marketplace.packaging.models import PackagingOption
from marketplace.vendors.models import VendorKind
from marketplace.vendors.selectors import (
    clusters_visible,
    making_of_photos,
    vendor_for_storefront,
    workshops_visible,
)

from .browse_filters import filter_choices, provenance_filter
from .common import page, shop_channel
from .forms import SORTS, CatalogFilterForm
from .vendor_cards import vendor_cards

PAGE_SIZE = 24


def _lang() -> str:
    return translation.get_language() or "en"


def _cards(products: QuerySet[Product]) -> QuerySet[Product]:
    return product_cards(products=products, language_code=_lang())


def _catalog(
    request: HttpRequest, channel: Channel, *, base: ProductFilters | None = None
) -> tuple[CatalogFilterForm, Any]:
    """The filter form and the page of products it selects (stable URLs: ?q=&sort=&page=)."""
    form = CatalogFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = base or ProductFilters()
    if data.get("category"):
        found = Category.objects.filter(slug=data["category"]).values_list("pk", flat=True)
        filters.category_ids = [i for pk in found for i in category_descendant_ids(pk)] or [0]
    if data.get("cluster"):
        filters.cluster_ids = list(
            clusters_visible().filter(slug=data["cluster"]).values_list("pk", flat=True)
        ) or [0]
    if data.get("material"):
        filters.attributes = {"material": [data["material"]]}
    filters.price_gte = data.get("price_min")
    filters.price_lte = data.get("price_max")
    if data.get("availability"):
        filters.in_stock = data["availability"] == "ready"
    if data.get("unique"):
        filters.metadata = {"one_of_a_kind": "true"}
    products = filter_products(
        products_visible(channel=channel, listing_only=True), filters=filters, channel=channel
    )
    products = provenance_filter(
        products, technique=data.get("technique") or "", region=data.get("region") or ""
    )
    products = search_products(products, data.get("q") or "")
    field_name, descending = SORTS.get(data.get("sort") or "", SORTS[""])
    products = sort_products(
        products, field_name=field_name, descending=descending, channel=channel
    )
    paginator = Paginator(_cards(products), PAGE_SIZE)
    return form, paginator.get_page(request.GET.get("page"))


def _filter_choices() -> dict[str, Any]:
    return filter_choices(language_code=_lang())


def home(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    lang = _lang()
    clusters = list(vendor_cards(clusters_visible(), language_code=lang))
    workshops = list(
        vendor_cards(workshops_visible(), language_code=lang).order_by("founded_year", "name")[:6]
    )
    featured = list(
        _cards(
            sort_products(
                products_visible(channel=channel, listing_only=True),
                field_name="RATING",
                descending=True,
                channel=channel,
            )
        )[:8]
    )
    return page(
        request,
        "shop/home.html",
        {"clusters": clusters, "workshops": workshops, "featured": featured},
        title=_("Hand-made in the Maghreb, sold by the artisans"),
        description=_(
            "Hammered copper from Constantine, silver from Batna, copper from Kairouan: "
            "pieces sold directly by their workshops, with a signed certificate of origin."
        ),
    )


def catalog(request: HttpRequest) -> HttpResponse:
    channel = shop_channel(request)
    form, products = _catalog(request, channel)
    return page(
        request,
        "shop/catalog.html",
        {"form": form, "products": products, **_filter_choices()},
        title=_("All pieces"),
    )


def cluster(request: HttpRequest, slug: str) -> HttpResponse:
    channel = shop_channel(request)
    vendor = vendor_for_storefront(slug=slug, kind=VendorKind.CLUSTER, language_code=_lang())
    if vendor is None:
        raise Http404(_("No cluster here."))
    members = list(vendor_cards(workshops_visible().filter(cluster=vendor), language_code=_lang()))
    form, products = _catalog(request, channel, base=ProductFilters(cluster_ids=[vendor.pk]))
    packaging = list(
        PackagingOption.objects.filter(vendor=vendor, is_active=True).order_by("sort_order")
    )
    return page(
        request,
        "shop/cluster.html",
        {
            "vendor": vendor,
            "members": members,
            "form": form,
            "products": products,
            "packaging": packaging,
            "making_of": making_of_photos(vendor_id=vendor.pk, language_code=_lang()),
        },
        title=vendor.name,
        description=vendor.tagline,
    )


def workshop(request: HttpRequest, slug: str) -> HttpResponse:
    channel = shop_channel(request)
    vendor = vendor_for_storefront(slug=slug, kind=VendorKind.WORKSHOP, language_code=_lang())
    if vendor is None:
        raise Http404(_("No workshop here."))
    form, products = _catalog(request, channel, base=ProductFilters(vendor_ids=[vendor.pk]))
    return page(
        request,
        "shop/workshop.html",
        {
            "vendor": vendor,
            "form": form,
            "products": products,
            "making_of": making_of_photos(vendor_id=vendor.pk, language_code=_lang()),
        },
        title=vendor.name,
        description=vendor.tagline,
    )
