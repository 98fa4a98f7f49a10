from __future__ import annotations

from typing import Any

import graphene
from graphql import GraphQLError

from marketplace.graphql.core.context import register_batch
from marketplace.provenance.certificates import CertificateCheck, certificate_check, verify_url
from marketplace.provenance.models import Material as MaterialModel
from marketplace.provenance.models import Technique as TechniqueModel

from .types import CertificateVerification, Material, Technique

SERIAL_MAX_LENGTH = 64


class ProvenanceQueries(graphene.ObjectType):
    certificate = graphene.Field(
        CertificateVerification,
        serial=graphene.String(required=True),
        description="Check an authenticity certificate by the serial on its QR code.",
    )
    techniques = graphene.List(graphene.NonNull(Technique), required=True)
    materials = graphene.List(graphene.NonNull(Material), required=True)

    @staticmethod
    def resolve_certificate(root: Any, info: Any, serial: str) -> CertificateVerification:
        # A serial is what its verify URL can carry: one path segment, never empty.
        if not serial.strip() or "/" in serial or len(serial) > SERIAL_MAX_LENGTH:
            raise GraphQLError("`serial` is not a certificate serial.")
        return verification_of(serial, certificate_check(serial=serial))

    # Registered as batches so that `translation` loads once for the whole list.
    @staticmethod
    def resolve_techniques(root: Any, info: Any) -> Any:
        return register_batch(info.context, TechniqueModel.objects.all())

    @staticmethod
    def resolve_materials(root: Any, info: Any) -> Any:
        return register_batch(info.context, MaterialModel.objects.all())


def verification_of(serial: str, check: CertificateCheck) -> CertificateVerification:
    certificate = check.certificate
    serial = serial.strip().upper()
    return CertificateVerification(
        serial=serial,
        status=check.status,
        reason=check.reason or None,
        issued_at=certificate.issued_at if certificate else None,
        revoked_at=certificate.revoked_at if certificate else None,
        revocation_reason=(certificate.revocation_reason or None) if certificate else None,
        key_id=certificate.signing_key.kid if certificate else None,
        facts=check.facts if check.status in ("VALID", "REVOKED") else None,
        token=certificate.token if certificate and check.status != "INVALID" else None,
        verify_url=verify_url(serial),
    )
