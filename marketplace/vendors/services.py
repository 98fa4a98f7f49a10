"""Writes on workshops and clusters: applying, the storefront profile.

Every service takes the actor, scopes the vendor through ``access.py`` (foreign = missing),
validates the whole input before writing, and writes in one transaction. Uploaded documents
go to the private storage under the workshop's prefix; a failure after a file was stored
deletes it again, so a refused application leaves nothing behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from marketplace.accounts.models import Address
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.uploads import EVIDENCE, PHOTO, AcceptedUpload, upload_accept
from marketplace.inventory.models import Warehouse

from . import notify, validation
from .access import access_profile, require_login
from .invitations import invitation_to_accept
from .models import (
    DocumentKind,
    DomainStatus,
    Vendor,
    VendorDocument,
    VendorInvitation,
    VendorKind,
    VendorMembership,
    VendorRole,
    VendorStatus,
)

MAX_DOCUMENTS = 5


@dataclass(frozen=True)
class Application:
    """What an applicant sends; ``documents`` are uploaded files (artisan card first)."""

    name: str
    town: str
    region: str
    country: str
    artisan_card_number: str
    documents: Sequence[Any]
    craft: str = ""
    tagline: str = ""
    story: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    founded_year: int | None = None


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40].strip("-") or "workshop"
    slug = base
    while Vendor.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug


def _workshop_warehouse_create(vendor: Vendor) -> None:
    """Every workshop keeps its stock in a warehouse of its own, at its town: without it,
    its first listing could not record a single piece in stock."""
    slug = f"{vendor.slug}-wh"
    while Warehouse.objects.filter(slug=slug).exists():
        slug = f"{vendor.slug}-wh-{secrets.token_hex(2)}"
    address = Address.objects.create(city=vendor.town, country=vendor.country)
    Warehouse.objects.create(vendor=vendor, name=vendor.name, slug=slug, address=address)


def _cluster_to_join(cluster_id: int | None, invitation: VendorInvitation | None) -> Vendor | None:
    if invitation is not None:
        return invitation.cluster
    if cluster_id is None:
        return None
    cluster = Vendor.objects.filter(
        pk=cluster_id, kind=VendorKind.CLUSTER, status=VendorStatus.APPROVED
    ).first()
    if cluster is None:
        raise NotFound("Couldn't find the cluster.", field="cluster")
    return cluster


def _checked_documents(documents: Sequence[Any]) -> list[AcceptedUpload]:
    if not documents:
        raise DomainError(
            "Add a photo or a scan of your artisan card.", field="documents", code="REQUIRED"
        )
    if len(documents) > MAX_DOCUMENTS:
        raise DomainError(
            f"Send at most {MAX_DOCUMENTS} documents.", field="documents", code="INVALID"
        )
    return [upload_accept(upload=d, field="documents", policy=EVIDENCE) for d in documents]


def _founded(year: int | None) -> int | None:
    if year is None:
        return None
    if not 1800 <= year <= timezone.now().year:
        raise DomainError(
            f"Enter a year between 1800 and {timezone.now().year}.",
            field="founded_year",
            code="INVALID",
        )
    return year


def vendor_apply(
    *,
    actor: Any,
    application: Application,
    cluster_id: int | None = None,
    invitation_token: str | None = None,
) -> Vendor:
    """Apply as a workshop, independent or into an approved cluster (or the cluster of an
    invitation). The workshop starts ``pending``, the actor becomes its owner, the documents
    are stored privately; the cluster's managers (or staff) are told after commit.

    One application at a time: an actor whose workshop is still pending gets ALREADY_APPLIED.
    An invitation is accepted only by the account with its address (``invitations.py``).
    """
    require_login(actor)
    invitation = None
    if invitation_token:
        # Only the invited address may use it: checked before any file is read.
        invitation = invitation_to_accept(actor=actor, token=invitation_token)
    cluster = _cluster_to_join(cluster_id, invitation)
    a = application
    name = validation.text(a.name, field="name", max_length=120, required=True)
    fields: dict[str, Any] = {
        "name": name,
        "craft": validation.text(a.craft, field="craft", max_length=128),
        "tagline": validation.text(a.tagline, field="tagline", max_length=255),
        "town": validation.text(a.town, field="town", max_length=128, required=True),
        "region": validation.text(a.region, field="region", max_length=128, required=True),
        "country": validation.country(a.country),
        "artisan_card_number": validation.artisan_card(a.artisan_card_number),
        "contact_phone": validation.phone(a.contact_phone),
        "contact_email": validation.text(a.contact_email, field="contact_email", max_length=254)
        or actor.email,
        "story": validation.story_blocks(a.story),
        "founded_year": _founded(a.founded_year),
    }
    accepted = _checked_documents(a.documents)
    if VendorMembership.objects.filter(
        user=actor, role=VendorRole.OWNER, vendor__status=VendorStatus.PENDING
    ).exists():
        raise DomainError(
            "Your application is already waiting for review.",
            field=None,
            code="ALREADY_APPLIED",
        )
    stored: list[VendorDocument] = []
    try:
        with transaction.atomic():
            vendor = Vendor.objects.create(
                kind=VendorKind.WORKSHOP,
                cluster=cluster,
                slug=_unique_slug(name),
                status=VendorStatus.PENDING.value,
                **fields,
            )
            VendorMembership.objects.create(user=actor, vendor=vendor, role=VendorRole.OWNER)
            _workshop_warehouse_create(vendor)
            for index, upload in enumerate(accepted):
                document = VendorDocument(
                    vendor=vendor,
                    kind=DocumentKind.ARTISAN_CARD if index == 0 else DocumentKind.OTHER,
                    content_type=upload.content_type,
                    size=upload.content.size,
                )
                document.file.save(upload.name, upload.content, save=False)
                stored.append(document)
                document.save()
            if invitation is not None:
                # Again under the row's lock: two submissions of one link make one workshop.
                invitation_to_accept(actor=actor, token=invitation.token, lock=True)
                VendorInvitation.objects.filter(pk=invitation.pk).update(accepted_by=vendor)
            notify.application_received(vendor)
    except BaseException:
        for document in stored:
            document.file.delete(save=False)
        raise
    return vendor


@dataclass(frozen=True)
class ProfileChange:
    """Storefront fields to change; None leaves a field as it is."""

    tagline: str | None = None
    story: str | None = None
    craft: str | None = None
    primary_color: str | None = None
    secondary_color: str | None = None
    contact_phone: str | None = None
    website: str | None = None
    custom_domain: str | None = None
    logo: Any = None
    banner: Any = None


def vendor_profile_update(*, actor: Any, vendor_id: int, change: ProfileChange) -> Vendor:
    """Change a workshop's (its owner's) or a cluster's (its managers') storefront profile.

    A new custom domain is recorded as requested (staff set up the certificate and DNS); a
    domain another vendor holds answers UNIQUE. Logo and banner are re-encoded images in the
    vendor's prefix of the public media; the old files are deleted after commit.
    """
    with transaction.atomic():
        vendor = access_profile(actor=actor, vendor_id=vendor_id)
        vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
        c = change
        updates: dict[str, Any] = {}
        if c.tagline is not None:
            updates["tagline"] = validation.text(c.tagline, field="tagline", max_length=255)
        if c.craft is not None:
            updates["craft"] = validation.text(c.craft, field="craft", max_length=128)
        if c.story is not None:
            updates["story"] = validation.story_blocks(c.story)
        if c.primary_color is not None:
            updates["primary_color"] = validation.colour(
                c.primary_color, field="primary_color", dark=True
            )
        if c.secondary_color is not None:
            updates["secondary_color"] = validation.colour(
                c.secondary_color, field="secondary_color", dark=False
            )
        if c.contact_phone is not None:
            updates["contact_phone"] = validation.phone(c.contact_phone)
        if c.website is not None:
            updates["website"] = _website(c.website)
        if c.custom_domain is not None:
            domain = validation.hostname(c.custom_domain)
            if domain != vendor.custom_domain:
                if domain and Vendor.objects.filter(custom_domain=domain).exists():
                    raise DomainError(
                        "Another storefront already uses this domain.",
                        field="custom_domain",
                        code="UNIQUE",
                    )
                updates["custom_domain"] = domain
                updates["custom_domain_status"] = (
                    DomainStatus.REQUESTED if domain else DomainStatus.NONE
                )
        images = {
            name: upload_accept(upload=upload, field=name, policy=PHOTO)
            for name, upload in (("logo", c.logo), ("banner", c.banner))
            if upload is not None
        }
        for key, value in updates.items():
            setattr(vendor, key, value)
        old_files = []
        for name, accepted in images.items():
            field = getattr(vendor, name)
            if field:
                old_files.append((field.storage, field.name))
            field.save(f"{vendor.pk}-{accepted.name}", accepted.content, save=False)
        try:
            vendor.save()
        except IntegrityError as error:  # a domain taken by a concurrent request
            raise DomainError(
                "Another storefront already uses this domain.",
                field="custom_domain",
                code="UNIQUE",
            ) from error
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in old_files])
    return vendor


def _website(value: str) -> str:
    url = validation.text(value, field="website", max_length=200)
    if url and not url.startswith(("https://", "http://")):
        url = f"https://{url}"
    if url:
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise DomainError("Enter a web address.", field="website", code="INVALID") from error
    return url
