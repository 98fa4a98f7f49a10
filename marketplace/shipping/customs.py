"""Customs for international parcels: a declaration per parcel (CN22 up to 300 SDR, CN23
above, per the UPU's rules) and an estimate of import duties from the DutyRate table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import F

from marketplace.checkout.models import CheckoutLine
from marketplace.core.money import quantize
from marketplace.core.query_templates import AnyOf, QueryTemplate
from marketplace.provenance.models import Provenance

from .models import DutyRate

CN22_LIMIT_SDR = Decimal(300)


@dataclass(frozen=True)
class CustomsLine:
    line_id: object
    description: str
    hs_code: str
    origin_country: str
    quantity: int
    value: Decimal
    weight_kg: Decimal
    duty_rate: Decimal


@dataclass(frozen=True)
class CustomsDeclaration:
    form: str  # "CN22" or "CN23"
    currency: str
    declared_value: Decimal
    duties: Decimal
    lines: list[CustomsLine]


def in_sdr(amount: Decimal, currency: str) -> Decimal:
    """The amount in Special Drawing Rights, at the configured rate (units per SDR)."""
    per_sdr = Decimal(str(settings.CUSTOMS_UNITS_PER_SDR.get(currency.upper(), "0")))
    if per_sdr <= 0:
        raise ValueError(f"No SDR rate configured for {currency}: set CUSTOMS_UNITS_PER_SDR.")
    return amount / per_sdr


def customs_form(*, declared_value: Decimal, currency: str) -> str:
    return "CN22" if in_sdr(declared_value, currency) <= CN22_LIMIT_SDR else "CN23"


# Every checkout total asks both: compiled once (core.query_templates).
_DUTY_RATES: QueryTemplate[DutyRate] = QueryTemplate(
    lambda destination, chapters: DutyRate.objects.filter(
        AnyOf(F("hs_chapter"), chapters), destination__in=[destination, ""]
    ),
    destination="QZ",
    chapters=["~9"],
)
_PROVENANCE: QueryTemplate[Provenance] = QueryTemplate(
    lambda product_ids: Provenance.objects.filter(AnyOf(F("product_id"), product_ids)).only(
        "product_id", "variant_id", "hs_code", "origin_country"
    ),
    product_ids=[-2_000_000_061],
)


def duty_rates(*, destination: str, chapters: Iterable[str]) -> dict[str, Decimal]:
    """The rate per HS chapter for the destination: one query."""
    wanted = set(chapters)
    rows = _DUTY_RATES.rows(destination=destination, chapters=sorted(wanted | {""}))

    def best(chapter: str) -> Decimal:
        for country, chap in ((destination, chapter), (destination, ""), ("", chapter), ("", "")):
            for row in rows:
                if str(row.destination) == country and row.hs_chapter == chap:
                    return Decimal(row.rate)
        return Decimal(0)

    return {chapter: best(chapter) for chapter in wanted}


def customs_facts_for(lines: Sequence[CheckoutLine]) -> dict[int, tuple[str, str]]:
    """(HS code, origin) per variant: provenance first (variant's, then product's), then the
    product type and the workshop. One query."""
    product_ids = sorted({line.variant.product_id for line in lines})
    records = _PROVENANCE.rows(product_ids=product_ids) if product_ids else []
    by_product = {r.product_id: r for r in records if r.variant_id is None}
    by_variant = {r.variant_id: r for r in records if r.variant_id is not None}
    facts = {}
    for line in lines:
        product = line.variant.product
        hs, origin = "", ""
        for record in (by_variant.get(line.variant_id), by_product.get(product.pk)):
            if record is not None:
                hs = hs or record.hs_code
                origin = origin or str(record.origin_country or "")
        facts[line.variant_id] = (
            hs or product.product_type.hs_code,
            origin or str(product.vendor.country),
        )
    return facts


def parcel_declaration(
    *,
    lines: Sequence[CheckoutLine],
    line_totals: Mapping[object, Decimal],
    unit_weights: Mapping[object, Decimal],
    facts: Mapping[int, tuple[str, str]],
    destination: str,
    currency: str,
    rates: Mapping[str, Decimal],
) -> CustomsDeclaration:
    customs_lines = []
    for line in lines:
        hs, origin = facts[line.variant_id]
        customs_lines.append(
            CustomsLine(
                line_id=line.pk,
                description=line.variant.product.product_type.name,
                hs_code=hs,
                origin_country=origin,
                quantity=line.quantity,
                value=line_totals[line.pk],
                weight_kg=unit_weights[line.pk] * line.quantity,
                duty_rate=rates.get(hs[:2], Decimal(0)),
            )
        )
    declared = sum((c.value for c in customs_lines), Decimal(0))
    duties = quantize(sum((c.value * c.duty_rate for c in customs_lines), Decimal(0)), currency)
    return CustomsDeclaration(
        form=customs_form(declared_value=declared, currency=currency),
        currency=currency,
        declared_value=declared,
        duties=duties,
        lines=customs_lines,
    )
