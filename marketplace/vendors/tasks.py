"""Vendor mail, each in its reader's language: applications to the cluster's managers (staff
for an independent workshop), decisions to the workshop's owners, invitations."""

from __future__ import annotations

from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from marketplace.accounts.models import User

from . import invitations
from .models import (
    ListingReview,
    ReviewStatus,
    Vendor,
    VendorInvitation,
    VendorRole,
    VendorStatus,
)


def _base_url() -> str:
    return settings.PUBLIC_URL or "http://127.0.0.1:8000"


def _link(language: str, name: str, **kwargs: object) -> str:
    with translation.override(language):
        return _base_url() + reverse(name, kwargs=kwargs or None)


def _staff_review_link(language: str) -> str:
    """Staff's page of independent applications, through the login page: to anyone not
    logged in as staff the page itself is a 404."""
    with translation.override(language):
        wanted = reverse("workspace:vendors:staff:workshops")
        return _base_url() + reverse("shop:login") + "?" + urlencode({"next": wanted})


def _mail(users: Iterable[User], subject_and_body: object) -> int:
    """Send to each user in their language; ``subject_and_body(user)`` -> (subject, body)."""
    sent = 0
    for user in users:
        language = user.language_code or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = subject_and_body(user)  # type: ignore[operator]
        sent += send_mail(subject, body, None, [user.email])
    return sent


def _owners(vendor: Vendor) -> list[User]:
    return list(
        User.objects.filter(
            vendor_memberships__vendor=vendor, vendor_memberships__role=VendorRole.OWNER
        )
    )


def _reviewers(vendor: Vendor) -> list[User]:
    if vendor.cluster_id is None:
        return list(User.objects.filter(is_staff=True, is_active=True))
    return list(
        User.objects.filter(
            vendor_memberships__vendor_id=vendor.cluster_id,
            vendor_memberships__role=VendorRole.MANAGER,
        )
    )


@shared_task
def send_application_received(*, vendor_id: int) -> int:
    vendor = Vendor.objects.select_related("cluster").get(pk=vendor_id)

    def message(user: User) -> tuple[str, str]:
        facts = {"workshop": vendor.name, "town": vendor.town}
        url = (
            _link(user.language_code, "workspace:vendors:members", slug=vendor.cluster.slug)
            if vendor.cluster
            else _staff_review_link(user.language_code)
        )
        return (
            _("New application: %(workshop)s") % facts,
            _("%(workshop)s (%(town)s) applied to sell on the marketplace.") % facts
            + "\n\n"
            + _("Review the application and its documents: %(url)s") % {"url": url},
        )

    return _mail(_reviewers(vendor), message)


@shared_task
def send_member_status(*, vendor_id: int) -> int:
    vendor = Vendor.objects.get(pk=vendor_id)

    def message(user: User) -> tuple[str, str]:
        facts = {"workshop": vendor.name}
        url = _link(user.language_code, "workspace:vendors:onboarding", slug=vendor.slug)
        if vendor.status == VendorStatus.APPROVED:
            return (
                _("%(workshop)s is approved") % facts,
                _("Your workshop is approved. What is left before your first sale: %(url)s")
                % {"url": url},
            )
        if vendor.status == VendorStatus.REJECTED:
            again = _link(user.language_code, "workspace:vendors:apply")
            return (
                _("%(workshop)s: your application was not accepted") % facts,
                _("Your application was not accepted: %(reason)s") % {"reason": vendor.status_note}
                + "\n\n"
                + _("You can correct what is missing and apply again: %(url)s") % {"url": again},
            )
        return (
            _("%(workshop)s is suspended") % facts,
            _("Your workshop is suspended: %(reason)s") % {"reason": vendor.status_note}
            + "\n\n"
            + _(
                "Your pieces are hidden from buyers until then. Orders already placed must "
                "still be shipped."
            ),
        )

    return _mail(_owners(vendor), message)


@shared_task
def send_invitation(*, invitation_id: int) -> int:
    invitation = VendorInvitation.objects.select_related("cluster").get(pk=invitation_id)
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        url = _link(language, "workspace:vendors:apply") + f"?invitation={invitation.token}"
        facts = {"cluster": invitation.cluster.name}
        until = date_format(timezone.localtime(invitations.expires_at(invitation)), "DATE_FORMAT")
        subject = _("%(cluster)s invites you to sell your pieces") % facts
        body = (
            _("%(cluster)s invites your workshop to join it on the marketplace.") % facts
            + "\n\n"
            + _("Apply here (your account or a new one): %(url)s") % {"url": url}
            + "\n\n"
            + _(
                "The invitation is for %(email)s only: log in or create your account with "
                "this address. The link is valid until %(date)s."
            )
            % {"email": invitation.email, "date": until}
        )
    return send_mail(subject, body, None, [invitation.email])


@shared_task
def send_listing_submitted(*, review_id: int) -> int:
    review = ListingReview.objects.select_related("product__vendor__cluster").get(pk=review_id)
    vendor = review.product.vendor

    def message(user: User) -> tuple[str, str]:
        facts = {"product": review.product.name, "workshop": vendor.name}
        url = (
            _link(user.language_code, "workspace:vendors:moderation", slug=vendor.cluster.slug)
            if vendor.cluster
            else ""
        )
        return (
            _("Listing to review: %(product)s") % facts,
            _("%(workshop)s submitted %(product)s for review.") % facts + f"\n\n{url}",
        )

    return _mail(_reviewers(vendor), message)


@shared_task
def send_listing_decided(*, review_id: int) -> int:
    review = ListingReview.objects.select_related("product__vendor").get(pk=review_id)

    def message(user: User) -> tuple[str, str]:
        facts = {"product": review.product.name, "reason": review.reason}
        if review.status == ReviewStatus.APPROVED:
            return (
                _("%(product)s is approved") % facts,
                _("Your listing %(product)s is approved and visible to buyers.") % facts,
            )
        return (
            _("%(product)s needs changes") % facts,
            _("Your listing %(product)s was not approved: %(reason)s") % facts
            + "\n\n"
            + _("Change it and submit it again."),
        )

    return _mail(_owners(review.product.vendor), message)
