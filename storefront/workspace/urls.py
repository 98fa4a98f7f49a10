"""The workspace's pages under /<lang>/workspace/; each section adds its own include here."""

from django.urls import include, path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("wholesale/", include("storefront.workspace.wholesale_urls")),
    path("", include("storefront.workspace.vendors.urls")),
    path("", include("storefront.workspace.listings_urls")),
    path("", include("storefront.workspace.claims_urls")),
    path("", include("storefront.workspace.orders_urls")),
    path("", include("storefront.workspace.cluster_settings.urls")),
]
