"""robots.txt and sitemap.xml: every public shop page, in every language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.views.decorators.http import require_GET

from marketplace.catalog.selectors import products_visible
from marketplace.channels.selectors import channel_for
from marketplace.vendors.selectors import clusters_visible, workshops_visible

SITEMAP_MAX_URLS = 50_000  # the sitemap protocol's limit per file


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    private = ["basket/", "checkout/", "order/", "market/"]
    lines = ["User-agent: *"]
    lines += [f"Disallow: /{code}/{path}" for code, _ in settings.LANGUAGES for path in private]
    # Certificate pages are for the buyer holding the parcel; robots would count as scans.
    lines += [
        "Disallow: /graphql/",
        "Disallow: /verify/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Home, catalog, clusters, workshops and listed products of the default market, each
    with its hreflang alternates (four queries whatever the catalog's size)."""
    channel = channel_for(slug=None, country=None, default_slug=settings.DEFAULT_CHANNEL_SLUG)
    pages: list[tuple[str, dict[str, str]]] = [("shop:home", {}), ("shop:catalog", {})]
    pages += [
        ("shop:cluster", {"slug": s}) for s in clusters_visible().values_list("slug", flat=True)
    ]
    pages += [
        ("shop:workshop", {"slug": s}) for s in workshops_visible().values_list("slug", flat=True)
    ]
    if channel is not None:
        products = products_visible(channel=channel, listing_only=True).order_by("pk")
        pages += [("shop:product", {"slug": s}) for s in products.values_list("slug", flat=True)]
    per_page = max(1, SITEMAP_MAX_URLS // len(settings.LANGUAGES))
    rows = []
    for name, kwargs in pages[:per_page]:
        urls = {}
        for code, _ in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = escape(request.build_absolute_uri(reverse(name, kwargs=kwargs)))
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>'
            for code, url in urls.items()
        )
        rows += [f"<url><loc>{url}</loc>{alternates}</url>" for url in urls.values()]
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(rows) + "\n</urlset>\n"
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
