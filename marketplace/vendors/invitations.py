"""A cluster's invitation belongs to the address it was sent to.

Only the account that logs in with that address may apply through it; the link is valid for
``VENDOR_INVITATION_DAYS`` (14) after it was (last) sent, and only once. Anyone else who opens
it learns that it is for another address, shown masked: the link must not tell a stranger
whom the cluster invited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.utils import timezone

from marketplace.core.errors import DomainError, NotFound

from .models import VendorInvitation, VendorStatus


class InvitationState(StrEnum):
    VALID = "valid"
    MISSING = "missing"  # no such token, or the cluster no longer takes members
    EXPIRED = "expired"
    USED = "used"
    OTHER_ADDRESS = "other_address"


@dataclass(frozen=True)
class InvitationCheck:
    state: InvitationState
    invitation: VendorInvitation | None = None
    masked_email: str = ""


def valid_for() -> timedelta:
    return timedelta(days=int(getattr(settings, "VENDOR_INVITATION_DAYS", 14)))


def expires_at(invitation: VendorInvitation) -> datetime:
    created: datetime = invitation.created_at
    return created + valid_for()


def is_expired(invitation: VendorInvitation) -> bool:
    return timezone.now() >= expires_at(invitation)


def mask_email(address: str) -> str:
    """``kamel@example.com`` -> ``k•••@e•••.com``: enough for its owner to recognise it,
    not enough to learn it (nor its length)."""
    local, _at, domain = address.partition("@")
    host, dot, suffix = domain.rpartition(".")
    if not dot:
        host, suffix = domain, ""
    masked_host = f"{host[:1]}•••" if host else "•••"
    return f"{local[:1]}•••@{masked_host}{dot}{suffix}"


def _same_address(actor: Any, invitation: VendorInvitation) -> bool:
    email = str(getattr(actor, "email", "") or "")
    return bool(email) and email.strip().lower() == invitation.email.strip().lower()


def invitation_check(*, actor: Any, token: str) -> InvitationCheck:
    """What opening the link means for ``actor``; reads only. Used, expired and foreign are
    told apart from a missing token only once the token itself is known (it is a secret)."""
    invitation = (
        VendorInvitation.objects.select_related("cluster").filter(token=token).first()
        if token
        else None
    )
    if invitation is None or invitation.cluster.status != VendorStatus.APPROVED:
        return InvitationCheck(InvitationState.MISSING)
    masked = mask_email(invitation.email)
    if invitation.accepted_by_id is not None:
        return InvitationCheck(InvitationState.USED, invitation, masked)
    if is_expired(invitation):
        return InvitationCheck(InvitationState.EXPIRED, invitation, masked)
    if not _same_address(actor, invitation):
        return InvitationCheck(InvitationState.OTHER_ADDRESS, invitation, masked)
    return InvitationCheck(InvitationState.VALID, invitation, masked)


def invitation_to_accept(*, actor: Any, token: str, lock: bool = False) -> VendorInvitation:
    """The invitation ``actor`` may apply through, or the DomainError saying why not.
    ``lock`` takes the row (inside the application's transaction) so it is used only once."""
    if lock:
        VendorInvitation.objects.select_for_update().filter(token=token).first()
    check = invitation_check(actor=actor, token=token)
    if check.state == InvitationState.VALID and check.invitation is not None:
        return check.invitation
    if check.state == InvitationState.USED:
        raise DomainError(
            "This invitation has already been used.", field="invitation", code="INVITATION_USED"
        )
    if check.state == InvitationState.EXPIRED:
        raise DomainError(
            "This invitation has expired; ask the cluster to send it again.",
            field="invitation",
            code="INVITATION_EXPIRED",
        )
    if check.state == InvitationState.OTHER_ADDRESS:
        raise DomainError(
            f"This invitation was sent to {check.masked_email}: log in with that address to "
            "accept it.",
            field="invitation",
            code="INVITATION_FOR_ANOTHER_ADDRESS",
        )
    raise NotFound("This invitation is not valid any more.", field="invitation")
