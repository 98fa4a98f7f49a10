"""The product page: gallery, variants, price, stock, provenance, packaging, add to basket."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from marketplace.inventory.services import stock_available
from marketplace.packaging.selectors import packaging_offers_for_page
from marketplace.provenance.selectors import attestations_for_page, provenance_for_page

from ..templatetags.shop import tr
from .common import page, shop_channel
from .forms import AddToBasketForm


def product(request: HttpRequest, slug: str) -> HttpResponse:
    from marketplace.catalog.cards import product_for_page

    channel = shop_channel(request)
    lang = translation.get_language() or "en"
    item = product_for_page(slug=slug, channel=channel, language_code=lang)
    if item is None:
        raise Http404(_("This piece is not sold here."))
    variants = item.page_variants  # type: ignore[attr-defined]
    free = stock_available(variant_ids=[v.pk for v in variants])
    for variant in variants:
        variant.price = variant.page_price
        variant.free = free.get(variant.pk, 0) if variant.track_inventory else 50
    record, claims = provenance_for_page(product=item, language_code=lang)
    offers = packaging_offers_for_page(
        product=item, cluster_id=item.vendor.cluster_id, channel=channel, language_code=lang
    )
    in_stock = any(v.free > 0 for v in variants)
    pictures = getattr(item, "pictures", [])
    form = AddToBasketForm(initial={"variant": next((v.pk for v in variants if v.free > 0), None)})
    return page(
        request,
        "shop/product.html",
        {
            "product": item,
            "variants": variants,
            "in_stock": in_stock,
            "provenance": record,
            "claims": claims,
            "attestations": attestations_for_page(product=item),
            "offers": offers,
            "form": form,
            "one_of_a_kind": item.metadata.get("one_of_a_kind") == "true",
            "json_ld": _json_ld(request, item, variants, in_stock, channel.currency_code),
            # Shared links show the piece's first photo (OpenGraph needs an absolute URL).
            "og_image": request.build_absolute_uri(pictures[0].image.url) if pictures else "",
            "og_image_alt": (pictures[0].alt or tr(item, "name")) if pictures else "",
        },
        title=f"{tr(item, 'name')} — {tr(item.vendor, 'name')}",
        description=item.seo_description or item.description_plaintext[:160],
    )


def _json_ld(
    request: HttpRequest, item: Any, variants: list[Any], in_stock: bool, currency: str
) -> str:
    """schema.org Product/Offer for search engines: the workshop is the brand."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": tr(item, "name"),
        "sku": variants[0].sku if variants else "",
        "description": item.description_plaintext,
        "image": [request.build_absolute_uri(m.image.url) for m in item.pictures[:4]],
        "brand": {"@type": "Brand", "name": item.vendor.name},
        "countryOfOrigin": str(item.vendor.country),
        "offers": [
            {
                "@type": "Offer",
                "sku": v.sku,
                "price": str(v.price),
                "priceCurrency": currency,
                "availability": "https://schema.org/InStock"
                if v.free > 0
                else "https://schema.org/OutOfStock",
                "seller": {"@type": "Organization", "name": item.vendor.name},
            }
            for v in variants
        ],
    }
    # Inside <script>: "<" escaped so no text can close the element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))
