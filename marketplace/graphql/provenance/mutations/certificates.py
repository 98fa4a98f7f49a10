from __future__ import annotations

from typing import Any

import graphene

from marketplace.core.errors import NotFound
from marketplace.graphql.core.mutations import decode, error_type, run
from marketplace.provenance.certificates import (
    certificate_check,
    certificate_issue,
    certificate_revoke,
)

from ..queries import verification_of
from ..types import CertificateVerification

CertificateErrorCode, CertificateError = error_type("Certificate")


class CertificateIssue(graphene.Mutation):
    """Staff issue a signed authenticity certificate for a product or one unit of it."""

    certificate = graphene.Field(CertificateVerification)
    errors = graphene.List(graphene.NonNull(CertificateError), required=True)

    class Arguments:
        product = graphene.ID(required=True)
        variant = graphene.ID()
        order_reference = graphene.String()

    @classmethod
    def mutate(
        cls,
        root: Any,
        info: Any,
        product: str,
        variant: str | None = None,
        order_reference: str | None = None,
    ) -> Any:
        from marketplace.catalog.models import Product, ProductVariant

        def work() -> Any:
            user = info.context.user
            product_id = decode(product, "Product", field="product")
            found = Product.objects.select_related("vendor").filter(pk=product_id).first()
            if found is None or not (user.is_authenticated and user.is_staff):
                raise NotFound("No product with this id.", field="product")
            unit = None
            if variant is not None:
                unit = ProductVariant.objects.filter(
                    pk=decode(variant, "ProductVariant", field="variant"), product=found
                ).first()
                if unit is None:
                    raise NotFound("No variant with this id.", field="variant")
            issued = certificate_issue(
                product=found, variant=unit, order_reference=order_reference or ""
            )
            return verification_of(issued.serial, certificate_check(serial=issued.serial))

        return run(cls, "certificate", work)


class CertificateRevoke(graphene.Mutation):
    """Staff, or the managers of the piece's cluster, revoke a certificate."""

    certificate = graphene.Field(CertificateVerification)
    errors = graphene.List(graphene.NonNull(CertificateError), required=True)

    class Arguments:
        serial = graphene.String(required=True)
        reason = graphene.String(required=True)

    @classmethod
    def mutate(cls, root: Any, info: Any, serial: str, reason: str) -> Any:
        def work() -> Any:
            revoked = certificate_revoke(serial=serial, actor=info.context.user, reason=reason)
            return verification_of(revoked.serial, certificate_check(serial=revoked.serial))

        return run(cls, "certificate", work)
