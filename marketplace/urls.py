from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from marketplace.catalog.views import thumbnail_view
from marketplace.graphql.view import MarketplaceGraphQLView

urlpatterns = [
    path("graphql/", MarketplaceGraphQLView.as_view(), name="graphql"),
    path(
        "thumbnail/<int:media_id>/<int:size>/<str:image_format>/",
        thumbnail_view,
        name="thumbnail",
    ),
    path("", include("storefront.urls")),
]

if settings.SERVE_MEDIA and not settings.AWS_STORAGE_BUCKET_NAME:
    # Local media for the demo and small installs; behind a CDN/S3 in production.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
