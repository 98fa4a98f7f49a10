"""A cluster manager runs the cluster: approves, suspends and invites members, and decides
whether members' listings wait for review. Staff do the same for any workshop."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.core.errors import DomainError

from . import invitations, notify, validation
from .access import access_cluster, access_member
from .models import ListingReview, ReviewStatus, Vendor, VendorInvitation, VendorStatus

INVITATIONS_PER_DAY = 50


def cluster_member_approve(*, actor: Any, vendor_id: int) -> Vendor:
    """A pending or suspended member becomes approved: its storefront and listings go live.
    Approving an approved member changes nothing and sends nothing."""
    with transaction.atomic():
        vendor = access_member(actor=actor, vendor_id=vendor_id, lock=True)
        if vendor.status == VendorStatus.APPROVED:
            return vendor
        vendor.status = VendorStatus.APPROVED.value
        vendor.status_note = ""
        vendor.save(update_fields=["status", "status_note", "updated_at"])
        notify.member_approved(vendor)
    return vendor


def cluster_member_suspend(*, actor: Any, vendor_id: int, reason: str) -> Vendor:
    """An approved (or pending) member is suspended: its listings and storefront disappear
    for buyers at once; orders already placed stay to be shipped. The reason is required and
    shown to the workshop."""
    with transaction.atomic():
        vendor = access_member(actor=actor, vendor_id=vendor_id, lock=True)
        note = validation.text(reason, field="reason", max_length=500, required=True)
        if vendor.status == VendorStatus.SUSPENDED:
            raise DomainError(
                "This workshop is already suspended.", field="id", code="INVALID_STATUS"
            )
        vendor.status = VendorStatus.SUSPENDED.value
        vendor.status_note = note
        vendor.save(update_fields=["status", "status_note", "updated_at"])
        notify.member_suspended(vendor)
    return vendor


def workshop_application_reject(*, actor: Any, vendor_id: int, reason: str) -> Vendor:
    """A pending application is refused: the workshop stays hidden, its owner is told why
    (in their language) and may apply again. Only a pending one: an approved workshop is
    suspended instead, so its orders and history stay readable as such."""
    with transaction.atomic():
        vendor = access_member(actor=actor, vendor_id=vendor_id, lock=True)
        note = validation.text(reason, field="reason", max_length=500, required=True)
        if vendor.status != VendorStatus.PENDING:
            raise DomainError(
                "Only an application waiting for review can be rejected.",
                field="id",
                code="INVALID_STATUS",
            )
        vendor.status = VendorStatus.REJECTED.value
        vendor.status_note = note
        vendor.save(update_fields=["status", "status_note", "updated_at"])
        notify.member_rejected(vendor)
    return vendor


def cluster_member_invite(*, actor: Any, cluster_id: int, email: str) -> VendorInvitation:
    """Invite a workshop by e-mail: the link opens the application form with the cluster
    chosen, for the account with that address only. Inviting the same address again sends
    the same link again, or a new one once the old has expired."""
    with transaction.atomic():
        cluster = access_cluster(actor=actor, cluster_id=cluster_id, field="cluster")
        address = validation.text(email, field="email", max_length=254, required=True).lower()
        try:
            validate_email(address)
        except ValidationError as error:
            raise DomainError("Enter a valid e-mail address.", field="email") from error
        since = timezone.now() - timedelta(days=1)
        if (
            VendorInvitation.objects.filter(cluster=cluster, created_at__gte=since).count()
            >= INVITATIONS_PER_DAY
        ):
            raise DomainError(
                f"At most {INVITATIONS_PER_DAY} invitations a day; try again tomorrow.",
                field="email",
                code="INVALID",
            )
        invitation, _created = VendorInvitation.objects.get_or_create(
            cluster=cluster,
            email=address,
            defaults={"token": secrets.token_urlsafe(24), "invited_by": actor},
        )
        if invitation.accepted_by_id is not None:
            raise DomainError(
                "This address already joined through an invitation.", field="email", code="UNIQUE"
            )
        if not _created and invitations.is_expired(invitation):
            # An expired link stays dead: the new mail carries a new one, valid from today.
            invitation.token = secrets.token_urlsafe(24)
            invitation.created_at = timezone.now()
            invitation.invited_by = actor
            invitation.save(update_fields=["token", "created_at", "invited_by"])
        notify.member_invited(invitation)
    return invitation


def cluster_moderation_set(*, actor: Any, cluster_id: int, enabled: bool) -> Vendor:
    """Turn listing review on or off. Turning it on keeps what members sell today on sale:
    their published products get an approved review, only new listings wait."""
    with transaction.atomic():
        cluster = access_cluster(actor=actor, cluster_id=cluster_id)
        cluster = Vendor.objects.select_for_update().get(pk=cluster.pk)
        if cluster.moderates_listings == enabled:
            return cluster
        cluster.moderates_listings = enabled
        cluster.save(update_fields=["moderates_listings", "updated_at"])
        if enabled:
            now = timezone.now()
            live = Product.objects.filter(
                vendor__cluster=cluster, channel_listings__is_published=True
            ).exclude(listing_review__isnull=False)
            ListingReview.objects.bulk_create(
                [
                    ListingReview(
                        product_id=pk,
                        status=ReviewStatus.APPROVED.value,
                        submitted_at=now,
                        decided_at=now,
                        decided_by=actor,
                        reason="",
                    )
                    for pk in live.values_list("pk", flat=True).distinct()
                ]
            )
    return cluster
