"""Which vendors a viewer may see: buyers see approved ones only."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import ListingReview, ReviewStatus, Vendor, VendorKind, VendorStatus


def vendors_visible(*, kind: str, see_all: bool = False) -> QuerySet[Vendor]:
    vendors = Vendor.objects.filter(kind=kind)
    return vendors if see_all else vendors.filter(status=VendorStatus.APPROVED)


def workshops_visible(*, see_all: bool = False) -> QuerySet[Vendor]:
    return vendors_visible(kind=VendorKind.WORKSHOP, see_all=see_all)


def clusters_visible(*, see_all: bool = False) -> QuerySet[Vendor]:
    return vendors_visible(kind=VendorKind.CLUSTER, see_all=see_all)


def _in_language(lookup: str, language_code: str) -> Any:
    """The translations of ``lookup`` in one language, as ``in_language`` on each object."""
    from django.db.models import Prefetch

    from .models import VendorTranslation

    return Prefetch(
        lookup,
        queryset=VendorTranslation.objects.filter(language_code=language_code),
        to_attr="in_language",
    )


def vendor_for_storefront(*, slug: str, kind: str, language_code: str) -> Vendor | None:
    """An approved workshop or cluster with its cluster and the page language's
    translation (``in_language``) loaded."""
    return (
        vendors_visible(kind=kind)
        .select_related("cluster")
        .prefetch_related(
            _in_language("translations", language_code),
            _in_language("cluster__translations", language_code),
        )
        .filter(slug=slug)
        .first()
    )


def vendors_for_storefront(*, vendors: QuerySet[Vendor], language_code: str) -> QuerySet[Vendor]:
    return vendors.select_related("cluster").prefetch_related(
        _in_language("translations", language_code)
    )


def listing_visible_q(product_ref: str = "pk") -> Any:
    """Products buyers may see as far as listing review goes: outside clusters that moderate,
    or with an approved review. ``product_ref`` names the product's key in the outer query."""
    approved = ListingReview.objects.filter(
        product_id=OuterRef(product_ref), status=ReviewStatus.APPROVED
    )
    return (
        Q(vendor__cluster__isnull=True)
        | Q(vendor__cluster__moderates_listings=False)
        | Exists(approved)
    )


def making_of_photos(*, vendor_id: int, language_code: str | None) -> list[Any]:
    """A vendor's making-of photos in order, each with ``caption`` in the page's language
    (else the first one written) and ``alt_text`` (the alt, else the caption): one query."""
    from .models import MakingOfPhoto

    photos = list(MakingOfPhoto.objects.filter(vendor_id=vendor_id).order_by("sort_order", "pk"))
    for photo in photos:
        photo.caption = photo.caption_in(language_code or "")  # type: ignore[attr-defined]
        photo.alt_text = photo.alt or photo.caption  # type: ignore[attr-defined]
    return photos
