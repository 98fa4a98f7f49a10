"""Mail about applications, members and listings, sent by Celery once the change commits."""

from __future__ import annotations

from django.db import transaction

from .models import ListingReview, Vendor, VendorInvitation


def _after_commit(task_name: str, **kwargs: object) -> None:
    from . import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(lambda: task.delay(**kwargs))


def application_received(vendor: Vendor) -> None:
    _after_commit("send_application_received", vendor_id=vendor.pk)


def member_approved(vendor: Vendor) -> None:
    _after_commit("send_member_status", vendor_id=vendor.pk)


def member_suspended(vendor: Vendor) -> None:
    _after_commit("send_member_status", vendor_id=vendor.pk)


def member_rejected(vendor: Vendor) -> None:
    _after_commit("send_member_status", vendor_id=vendor.pk)


def member_invited(invitation: VendorInvitation) -> None:
    _after_commit("send_invitation", invitation_id=invitation.pk)


def listing_submitted(review: ListingReview) -> None:
    _after_commit("send_listing_submitted", review_id=review.pk)


def listing_decided(review: ListingReview) -> None:
    _after_commit("send_listing_decided", review_id=review.pk)
