from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django.db.models import Prefetch

from marketplace.graphql.core.context import register_batch
from marketplace.graphql.core.dataloader import DataLoader
from marketplace.provenance.models import Artisan, Attestation, Claim, Provenance
from marketplace.provenance.selectors import claims_showing


def _records() -> Any:
    return Provenance.objects.select_related(
        "product__vendor", "product__product_type"
    ).prefetch_related(
        "materials__material",
        "techniques",
        "photos",
        Prefetch("artisans", queryset=Artisan.objects.filter(consents_to_display=True)),
    )


def _register_nested(context: Any, rows: list[Provenance]) -> None:
    """Techniques and materials of all records form batches, so their translations load once."""
    register_batch(context, [t for r in rows for t in r.techniques.all()])
    register_batch(context, [m.material for r in rows for m in r.materials.all()])


class ProductProvenanceLoader(DataLoader[int, Provenance]):
    """The product-level record of each product (variants may override)."""

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Provenance]:
        rows = list(_records().filter(product_id__in=keys, variant__isnull=True))
        _register_nested(self.context, rows)
        return {r.product_id: r for r in rows}


class VariantProvenanceLoader(DataLoader[int, Provenance]):
    def batch_load(self, keys: Sequence[int]) -> Mapping[int, Provenance]:
        rows = list(_records().filter(variant_id__in=keys))
        _register_nested(self.context, rows)
        return {r.variant_id: r for r in rows if r.variant_id is not None}


class ClaimsByProductLoader(DataLoader[int, list[Claim]]):
    default: ClassVar[list[Any]] = []
    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[Claim]]:
        grouped: dict[int, list[Claim]] = defaultdict(list)
        for claim in claims_showing().filter(product_id__in=keys):
            grouped[claim.product_id].append(claim)
        return grouped


class AttestationsByProductLoader(DataLoader[int, list[Attestation]]):
    default: ClassVar[list[Any]] = []
    registers_results = False

    def batch_load(self, keys: Sequence[int]) -> Mapping[int, list[Attestation]]:
        grouped: dict[int, list[Attestation]] = defaultdict(list)
        rows = Attestation.objects.filter(product_id__in=keys).select_related(
            "cluster", "attested_by"
        )
        for row in rows:
            grouped[row.product_id].append(row)
        return grouped
