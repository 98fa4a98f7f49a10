"""The cluster's settings pages (namespace ``workspace:cluster_settings``)."""

from django.urls import path

from . import fees, packaging, shipping

app_name = "cluster_settings"

urlpatterns = [
    path("cluster/<slug:slug>/packaging/", packaging.packaging_list, name="packaging"),
    path("cluster/<slug:slug>/packaging/new/", packaging.packaging_new, name="packaging-new"),
    path(
        "cluster/<slug:slug>/packaging/<int:option_id>/",
        packaging.packaging_edit,
        name="packaging-edit",
    ),
    path(
        "cluster/<slug:slug>/packaging/<int:option_id>/retire/",
        packaging.packaging_retire,
        name="packaging-retire",
    ),
    path("cluster/<slug:slug>/shipping/", shipping.overview, name="shipping"),
    path("cluster/<slug:slug>/shipping/zones/new/", shipping.zone_new, name="zone-new"),
    path("cluster/<slug:slug>/shipping/zones/<int:zone_id>/", shipping.zone_edit, name="zone-edit"),
    path(
        "cluster/<slug:slug>/shipping/zones/<int:zone_id>/delete/",
        shipping.zone_delete,
        name="zone-delete",
    ),
    path("cluster/<slug:slug>/shipping/methods/new/", shipping.method_new, name="method-new"),
    path(
        "cluster/<slug:slug>/shipping/methods/<int:method_id>/",
        shipping.method_edit,
        name="method-edit",
    ),
    path(
        "cluster/<slug:slug>/shipping/methods/<int:method_id>/delete/",
        shipping.method_delete,
        name="method-delete",
    ),
    path("cluster/<slug:slug>/fee/", fees.fee, name="fee"),
]
