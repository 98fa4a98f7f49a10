"""The listing pages of a workshop: /<lang>/workspace/w/<workshop>/listings/…"""

from django.urls import path

from . import listings, listings_bulk

urlpatterns = [
    path("w/<slug:slug>/listings/", listings.listing_list, name="listings"),
    path("w/<slug:slug>/listings/new/", listings.listing_new, name="listing-new"),
    path("w/<slug:slug>/listings/import/", listings_bulk.listing_import, name="listings-import"),
    path("w/<slug:slug>/listings/export/", listings_bulk.listing_export, name="listings-export"),
    path("w/<slug:slug>/listings/<int:product_id>/", listings.listing_edit, name="listing-edit"),
    path(
        "w/<slug:slug>/listings/<int:product_id>/photos/<int:media_id>/delete/",
        listings.photo_delete,
        name="listing-photo-delete",
    ),
]
