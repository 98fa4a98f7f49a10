"""Mail about claims, each in its reader's language, sent after the write commits: a new claim
to its verifiers (the cluster's managers; staff for an independent workshop), a decision to
the workshop's owners (verified until a date, or rejected with the verifier's reason)."""

from __future__ import annotations

from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.vendors.models import VendorRole

from .models import Claim


def _link(language: str, name: str, **kwargs: object) -> str:
    with translation.override(language):
        return (settings.PUBLIC_URL or "http://127.0.0.1:8000") + reverse(name, kwargs=kwargs)


def _mail(users: Iterable[User], message: object) -> int:
    sent = 0
    for user in users:
        language = user.language_code or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = message(user)  # type: ignore[operator]
        sent += send_mail(subject, body, None, [user.email])
    return sent


def _claim(claim_id: int) -> Claim | None:
    return Claim.objects.select_related("product__vendor__cluster").filter(pk=claim_id).first()


@shared_task
def claim_received_mail(*, claim_id: int) -> int:
    """Tell the claim's verifiers there is evidence to check."""
    claim = _claim(claim_id)
    if claim is None:
        return 0
    workshop = claim.product.vendor
    if workshop.cluster_id is None:
        verifiers = list(User.objects.filter(is_staff=True, is_active=True))
    else:
        verifiers = list(
            User.objects.filter(
                is_active=True,
                vendor_memberships__vendor_id=workshop.cluster_id,
                vendor_memberships__role=VendorRole.MANAGER,
            )
        )

    def message(user: User) -> tuple[str, str]:
        facts = {"title": claim.title, "workshop": workshop.name, "piece": claim.product.name}
        if workshop.cluster is not None:
            where = _link(
                user.language_code or settings.LANGUAGE_CODE,
                "workspace:vendors:provenance",
                slug=workshop.cluster.slug,
            )
        else:
            where = (settings.PUBLIC_URL or "http://127.0.0.1:8000") + "/admin/"
        return (
            _("A claim to verify: %(title)s") % facts,
            _("%(workshop)s claims %(title)s for %(piece)s and sent its evidence.") % facts
            + "\n\n"
            + _("Check it and decide here: %(url)s") % {"url": where},
        )

    return _mail(verifiers, message)


@shared_task
def claim_decided_mail(*, claim_id: int) -> int:
    """Tell the workshop's owners what the verifier decided."""
    claim = _claim(claim_id)
    if claim is None or (claim.verified_at is None and claim.rejected_at is None):
        return 0
    owners = User.objects.filter(
        is_active=True,
        vendor_memberships__vendor=claim.product.vendor,
        vendor_memberships__role=VendorRole.OWNER,
    )

    def message(user: User) -> tuple[str, str]:
        facts = {"title": claim.title, "piece": claim.product.name}
        url = _link(
            user.language_code or settings.LANGUAGE_CODE,
            "workspace:listing-claims",
            slug=claim.product.vendor.slug,
            product_id=claim.product_id,
        )
        if claim.rejected_at is not None:
            subject = _("Claim rejected: %(title)s") % facts
            body = _("The evidence for %(title)s on %(piece)s was not accepted: %(reason)s") % {
                **facts,
                "reason": claim.rejection_reason,
            }
        else:
            subject = _("Claim verified: %(title)s") % facts
            body = _("%(title)s is verified: buyers see its badge on %(piece)s.") % facts
            if claim.valid_until is not None:
                body += " " + _("It shows until %(date)s.") % {
                    "date": date_format(claim.valid_until, "DATE_FORMAT")
                }
        return subject, body + "\n\n" + url

    return _mail(owners, message)


def schedule_claim_received(*, claim_id: int) -> None:
    transaction.on_commit(lambda: claim_received_mail.delay(claim_id=claim_id))


def schedule_claim_decided(*, claim_id: int) -> None:
    transaction.on_commit(lambda: claim_decided_mail.delay(claim_id=claim_id))
