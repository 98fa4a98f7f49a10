"""A verifier's other decisions on members' provenance: reject a claim with a reason, take
back an attestation. (Verifying and attesting are ``services.claim_verify`` and
``services.product_attest``.) Scoped like them through ``access.py``: staff or the managers
of the product's cluster; anyone else gets the ``NotFound`` of a missing claim or product.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.errors import DomainError

from .access import access_claim_as_verifier, access_product_as_cluster
from .models import Attestation, Claim
from .notify import schedule_claim_decided

MAX_REASON_CHARS = 500


@transaction.atomic
def claim_reject(*, actor: Any, claim_id: int, reason: str) -> Claim:
    """Refuse a claim's evidence, saying why (the workshop reads it). A verified claim can be
    rejected too (evidence found wanting later): its badge stops showing at once."""
    found = access_claim_as_verifier(actor=actor, claim_id=claim_id)
    text = " ".join((reason or "").split())
    if not text:
        raise DomainError(
            "Say why the claim is rejected: the workshop reads it.",
            field="reason",
            code="REQUIRED",
        )
    if len(text) > MAX_REASON_CHARS:
        raise DomainError(
            f"The reason has at most {MAX_REASON_CHARS} characters.",
            field="reason",
            code="MAX_LENGTH",
        )
    claim = Claim.objects.select_for_update().get(pk=found.pk)
    claim.rejected_by = actor
    claim.rejected_at = timezone.now()
    claim.rejection_reason = text
    claim.verified_by = None
    claim.verified_at = None
    claim.save(
        update_fields=[
            "rejected_by",
            "rejected_at",
            "rejection_reason",
            "verified_by",
            "verified_at",
        ]
    )
    schedule_claim_decided(claim_id=claim.pk)
    return claim


@transaction.atomic
def attestation_withdraw(*, actor: Any, product_id: int) -> bool:
    """Take back the cluster's attestation of a member's product; False if there was none."""
    product = access_product_as_cluster(actor=actor, product_id=product_id)
    deleted, _ = Attestation.objects.filter(
        product=product, cluster_id=product.vendor.cluster_id
    ).delete()
    return deleted > 0
