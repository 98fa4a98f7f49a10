"""Claim kinds and statuses in the page's language (the model's labels are the API's
English words)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from marketplace.provenance.models import ClaimKind

KIND_LABELS = {
    ClaimKind.GEOGRAPHICAL_INDICATION: _("Geographical indication"),
    ClaimKind.CRAFT_LABEL: _("Craft label"),
    ClaimKind.CLUSTER_LABEL: _("Cluster label"),
    ClaimKind.FAIR_TRADE_AUDIT: _("Fair-trade audit"),
}


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind.value, KIND_LABELS[kind]) for kind in ClaimKind]


def claim_status(claim: Any, today: Any) -> str:
    """pending, verified, expired or rejected: what the workshop and the verifier read."""
    if claim.rejected_at is not None:
        return "rejected"
    if claim.verified_at is None:
        return "pending"
    if claim.valid_until is not None and claim.valid_until < today:
        return "expired"
    return "verified"


STATUS_LABELS = {
    "pending": _("Waiting for verification"),
    "verified": _("Verified"),
    "expired": _("Expired"),
    "rejected": _("Rejected"),
}


def label_claims(claims: Any, today: Any) -> None:
    """Set ``kind_label``, ``status`` and ``status_label`` on each claim, for the templates."""
    for claim in claims:
        claim.kind_label = KIND_LABELS.get(claim.kind, claim.kind)
        claim.status = claim_status(claim, today)
        claim.status_label = STATUS_LABELS[claim.status]
