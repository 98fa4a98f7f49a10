"""Authenticity certificates: issue, check, revoke.

A certificate is a W3C Verifiable Credential 2.0 secured as a compact JWS (``vc+jwt``),
signed with the marketplace's Ed25519 key. Anyone can verify it offline with the public keys
published at ``/.well-known/jwks.json``; revocation is checked at ``/verify/<serial>``.
The content names the piece, its makers and place, never the buyer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from marketplace.catalog.models import Product, ProductVariant
from marketplace.core.errors import DomainError, NotFound
from marketplace.core.hooks import CertificateIssued, CertificateRevoked
from marketplace.core.input_checks import max_lengths_validate
from marketplace.core.plugins import plugin_manager
from marketplace.vendors.models import Vendor
from marketplace.vendors.permissions import manages_cluster

from .models import Attestation, Certificate, CertificateStatus, ProductionKind
from .selectors import customs_facts, provenance_for
from .signing import SignatureError, active_signing_key, sign, verify

SERIAL_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: read aloud, typed by hand
SERIAL_LENGTH = 20  # 100 bits: unguessable
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
REASON = {"revocation_reason": "reason"}


def new_serial() -> str:
    body = "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(SERIAL_LENGTH))
    return "-".join(body[i : i + 5] for i in range(0, SERIAL_LENGTH, 5))


def verify_url(serial: str) -> str:
    return f"{settings.CERTIFICATE_BASE_URL}{reverse('certificate-verify', args=[serial])}"


def _place(vendor: Vendor) -> dict[str, str]:
    return {"town": vendor.town, "region": vendor.region, "country": str(vendor.country)}


def certificate_facts(
    *, product: Product, variant: ProductVariant | None, serial: str, order_reference: str
) -> dict[str, Any]:
    """The signed facts about the piece (the credential subject)."""
    workshop = product.vendor
    cluster = workshop.cluster
    record = provenance_for(product=product, variant=variant)
    customs = customs_facts(product=product, provenance=record)
    facts: dict[str, Any] = {
        "id": verify_url(serial),
        "type": "CraftedPiece",
        "serial": serial,
        "product": {"name": product.name, "slug": product.slug},
        "workshop": {"name": workshop.name, "slug": workshop.slug, **_place(workshop)},
        "cluster": {"name": cluster.name, "slug": cluster.slug} if cluster else None,
        "placeOfMaking": _place(workshop),
        "materials": [],
        "techniques": [],
        "artisans": [],
        "hsCode": customs.hs_code,
        "originCountry": customs.origin_country,
        "attestations": [
            {
                "cluster": a.cluster.name,
                "attestedAt": a.attested_at.isoformat(),
                "attestedBy": a.attested_by.get_full_name() or "cluster manager",
            }
            for a in Attestation.objects.filter(product=product).select_related(
                "cluster", "attested_by"
            )
        ],
    }
    if variant is not None:
        facts["product"]["sku"] = variant.sku
    if order_reference:
        facts["orderReference"] = order_reference
    if record is not None:
        if record.town or record.country:
            facts["placeOfMaking"] = {
                "town": record.town,
                "region": record.region,
                "country": str(record.country),
            }
        facts["materials"] = [
            {
                "material": m.material.name,
                "compositionPercent": None
                if m.composition_percent is None
                else str(m.composition_percent),
                "hallmark": m.hallmark,
            }
            for m in record.materials.select_related("material")
        ]
        facts["techniques"] = sorted(t.name for t in record.techniques.all())
        facts["artisans"] = sorted(a.name for a in record.artisans.filter(consents_to_display=True))
        facts["yearMade"] = record.year_made
        facts["productionKind"] = record.production_kind
    return facts


@transaction.atomic
def certificate_issue(
    *, product: Product, variant: ProductVariant | None = None, order_reference: str = ""
) -> Certificate:
    """Sign and store a certificate for the product (and unit, when a variant is given).

    Guarantees: a fresh unguessable serial; the stored token verifies with the active key.
    """
    if variant is not None and variant.product_id != product.pk:
        raise DomainError("The variant belongs to another product.", field="variant")
    order_reference = order_reference.strip()
    max_lengths_validate(Certificate, {"order_reference": order_reference})
    key, private_key = active_signing_key()
    serial = new_serial()
    issued_at = timezone.now()
    credential = {
        "@context": [VC_CONTEXT],
        "id": f"urn:uuid:{secrets.token_hex(16)}",
        "type": ["VerifiableCredential", "AuthenticityCertificate"],
        "issuer": {"id": settings.CERTIFICATE_BASE_URL, "name": settings.CERTIFICATE_ISSUER_NAME},
        "validFrom": issued_at.isoformat(timespec="seconds"),
        "credentialSubject": certificate_facts(
            product=product, variant=variant, serial=serial, order_reference=order_reference
        ),
        "credentialStatus": {"id": verify_url(serial), "type": "MarketplaceRevocationCheck"},
    }
    certificate = Certificate.objects.create(
        serial=serial,
        product=product,
        variant=variant,
        order_reference=order_reference,
        signing_key=key,
        token=sign(credential, key=key, private_key=private_key),
        issued_at=issued_at,
    )
    from .tasks import schedule_certificate_pdf

    schedule_certificate_pdf(certificate_id=certificate.pk)
    plugin_manager().certificate_issued(
        CertificateIssued(
            certificate_id=certificate.pk,
            serial=serial,
            product_id=product.pk,
            workshop_id=product.vendor_id,
            cluster_id=product.vendor.cluster_id,
            verify_url=verify_url(serial),
        )
    )
    return certificate


@transaction.atomic
def certificate_issue_for_listed_unique(*, product_id: int) -> Certificate | None:
    """A one-of-a-kind piece gets its certificate as soon as it is listed, and only once
    (the product row is locked so two simultaneous calls cannot issue two)."""
    product = Product.objects.select_for_update().select_related("vendor").get(pk=product_id)
    record = provenance_for(product=product)
    if record is None or record.production_kind != ProductionKind.ONE_OF_A_KIND:
        return None
    if not product.channel_listings.filter(is_published=True).exists():
        return None
    if Certificate.objects.filter(product=product, variant=None, order_reference="").exists():
        return None
    return certificate_issue(product=product)


@dataclass(frozen=True)
class CertificateCheck:
    """What a verifier learns: VALID, REVOKED, UNKNOWN, or INVALID (altered or foreign key)."""

    status: str
    certificate: Certificate | None = None
    facts: dict[str, Any] | None = None
    reason: str = ""


def certificate_check_token(*, token: str) -> CertificateCheck:
    """Verify a token as a third party would, then ask whether its serial is revoked."""
    try:
        _header, credential = verify(token)
    except SignatureError as error:
        return CertificateCheck(status="INVALID", reason=str(error))
    facts = credential.get("credentialSubject") or {}
    certificate = Certificate.objects.filter(serial=str(facts.get("serial", ""))).first()
    if certificate is None:
        return CertificateCheck(status="UNKNOWN", facts=facts, reason="No such serial.")
    if certificate.status == CertificateStatus.REVOKED:
        return CertificateCheck(
            status="REVOKED",
            certificate=certificate,
            facts=facts,
            reason=certificate.revocation_reason,
        )
    return CertificateCheck(status="VALID", certificate=certificate, facts=facts)


def certificate_check(*, serial: str) -> CertificateCheck:
    """The status of the certificate with this serial, its stored token re-verified."""
    certificate = Certificate.objects.filter(serial=serial.strip().upper()).first()
    if certificate is None:
        return CertificateCheck(status="UNKNOWN", reason="No certificate has this serial.")
    return certificate_check_token(token=certificate.token)


@transaction.atomic
def certificate_revoke(*, serial: str, actor: Any, reason: str) -> Certificate:
    """Revoke a certificate. Staff, or a manager of the product's cluster, only; anyone else
    gets the same NotFound as for a serial that does not exist."""
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("product__vendor")
        .filter(serial=serial.strip().upper())
        .first()
    )
    if certificate is None or not manages_cluster(actor, certificate.product.vendor.cluster_id):
        raise NotFound("No certificate has this serial.", field="serial")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the certificate is revoked.", field="reason", code="REQUIRED")
    max_lengths_validate(Certificate, {"revocation_reason": reason}, field_names=REASON)
    if certificate.status == CertificateStatus.REVOKED:
        raise DomainError("The certificate is already revoked.", field="serial", code="INVALID")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.revoked_by = actor
    certificate.save(update_fields=["status", "revoked_at", "revocation_reason", "revoked_by"])
    plugin_manager().certificate_revoked(
        CertificateRevoked(
            certificate_id=certificate.pk,
            serial=certificate.serial,
            product_id=certificate.product_id,
            reason=certificate.revocation_reason,
        ),
        vendor_id=certificate.product.vendor_id,
    )
    return certificate


@transaction.atomic
def certificates_revoke_for_order(*, order_reference: str, reason: str) -> int:
    """The marketplace itself revokes the certificates issued for a sale that was undone (an
    order cancelled before shipping). Returns how many were revoked."""
    revoked = 0
    rows = Certificate.objects.select_for_update().select_related("product")
    for certificate in rows.filter(order_reference=order_reference, status=CertificateStatus.VALID):
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason[:255]
        certificate.save(update_fields=["status", "revoked_at", "revocation_reason"])
        plugin_manager().certificate_revoked(
            CertificateRevoked(
                certificate_id=certificate.pk,
                serial=certificate.serial,
                product_id=certificate.product_id,
                reason=certificate.revocation_reason,
            ),
            vendor_id=certificate.product.vendor_id,
        )
        revoked += 1
    return revoked
