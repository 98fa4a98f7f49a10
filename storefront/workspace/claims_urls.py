"""A listing's labels and claims: /<lang>/workspace/w/<workshop>/listings/<id>/claims/"""

from django.urls import path

from . import listing_claims

urlpatterns = [
    path(
        "w/<slug:slug>/listings/<int:product_id>/claims/",
        listing_claims.listing_claims,
        name="listing-claims",
    ),
]
