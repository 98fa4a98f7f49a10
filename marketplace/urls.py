from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from marketplace.catalog.views import thumbnail_view
from marketplace.core.admin_site import site as backoffice
from marketplace.core.metrics import metrics_view
from marketplace.core.plugins import plugin_manager
from marketplace.core.private_links import private_document
from marketplace.core.views import media
from marketplace.graphql.view import MarketplaceGraphQLView
from marketplace.provenance.views import jwks_view
from marketplace.wholesale.views import wholesale_pdf

urlpatterns = [
    path("graphql/", MarketplaceGraphQLView.as_view(), name="graphql"),
    path(
        "thumbnail/<int:media_id>/<int:size>/<str:image_format>/",
        thumbnail_view,
        name="thumbnail",
    ),
    path(".well-known/jwks.json", jwks_view, name="jwks"),
    path("metrics", metrics_view, name="metrics"),
    path("wholesale/pdf/<str:signed>/", wholesale_pdf, name="wholesale-pdf"),
    path("private/<str:signed>/", private_document, name="private-document"),
    path("admin/", backoffice.urls),  # staff only, two-factor (marketplace/core/admin_site.py)
    path("", include("storefront.urls")),
]
# Plugins' own endpoints (a payment provider's webhook, say) under /plugins/<name>/.
urlpatterns[-1:-1] = [
    path(f"plugins/{plugin.name}/", include(list(plugin.urls())))
    for plugin in plugin_manager().plugins
    if plugin.urls()
]

# The shop, in the buyer's language: /fr/, /ar/, /en/ (see storefront/shop/urls.py).
urlpatterns += i18n_patterns(
    path("workspace/certificates/", include("storefront.workspace.authenticity_urls")),
    path("workspace/", include("storefront.workspace.urls")),
    path("", include("storefront.shop.urls")),
)

if settings.SERVE_MEDIA and not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media, name="media"))
