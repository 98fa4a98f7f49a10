"""Listing review in clusters that moderate: a member submits a product, a manager of its
cluster (or staff) approves or rejects it with a reason. Until approved, buyers do not see
it (``catalog.selectors.products_visible`` asks ``vendors.selectors.listing_visible_q``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError

from . import notify, validation
from .access import access_moderated_product, access_own_product
from .models import ListingReview, ReviewStatus


def is_moderated(product: Product) -> bool:
    cluster = product.vendor.cluster
    return bool(cluster is not None and cluster.moderates_listings)


def product_submit_for_review(*, actor: Any, product_id: int) -> ListingReview:
    """The workshop asks its cluster to review a listing (again, after a rejection).
    Outside a moderating cluster there is nothing to submit (NOT_MODERATED)."""
    with transaction.atomic():
        product = access_own_product(actor=actor, product_id=product_id)
        if not is_moderated(product):
            raise DomainError(
                "Your cluster publishes listings without review.",
                field="id",
                code="NOT_MODERATED",
            )
        review = ListingReview.objects.select_for_update().filter(product=product).first()
        if review is not None and review.status == ReviewStatus.PENDING:
            return review
        if review is not None and review.status == ReviewStatus.APPROVED:
            raise DomainError(
                "This listing is already approved.", field="id", code="INVALID_STATUS"
            )
        review = review or ListingReview(product=product)
        review.status = ReviewStatus.PENDING.value
        review.submitted_at = timezone.now()
        review.decided_at = None
        review.decided_by = None
        review.save()
        notify.listing_submitted(review)
    return review


def _decide(*, actor: Any, product_id: int, status: str, reason: str) -> ListingReview:
    product = access_moderated_product(actor=actor, product_id=product_id)
    review = ListingReview.objects.select_for_update().filter(product=product).first()
    if review is None or review.status != ReviewStatus.PENDING:
        raise DomainError(
            "This listing is not waiting for review.", field="id", code="INVALID_STATUS"
        )
    review.status = status
    review.reason = reason
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.save()
    notify.listing_decided(review)
    return review


def product_approve(*, actor: Any, product_id: int) -> ListingReview:
    """A manager of the product's cluster (or staff) approves a listing waiting for review:
    it becomes visible wherever its channel listings publish it."""
    with transaction.atomic():
        return _decide(
            actor=actor, product_id=product_id, status=ReviewStatus.APPROVED.value, reason=""
        )


def product_reject(*, actor: Any, product_id: int, reason: str) -> ListingReview:
    """Reject with a reason the workshop reads; it may fix the listing and submit again."""
    with transaction.atomic():
        note = validation.text(reason, field="reason", max_length=500, required=True)
        return _decide(
            actor=actor, product_id=product_id, status=ReviewStatus.REJECTED.value, reason=note
        )
