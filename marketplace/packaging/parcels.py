"""A parcel's weight for the shipping quote: actual, volumetric, and the one carriers charge.

Volumetric weight follows the carriers' rule: length x width x height in centimetres divided
by 5000 gives kilograms. Packaging counts twice: its own weight, and its outer size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from marketplace.core.errors import DomainError

VOLUMETRIC_DIVISOR_CM3_PER_KG = Decimal(5000)
GRAMS = Decimal("0.001")


@dataclass(frozen=True)
class ParcelItem:
    """One piece in the parcel: its own weight and size, and the packaging chosen for it."""

    quantity: int
    weight_kg: Decimal
    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    packaging_weight_kg: Decimal = Decimal(0)
    packaging_length_cm: Decimal | None = None
    packaging_width_cm: Decimal | None = None
    packaging_height_cm: Decimal | None = None

    def outer_volume_cm3(self) -> Decimal:
        """The packed size when packaging is chosen, else the piece's own."""
        if self.packaging_length_cm is not None:
            assert self.packaging_width_cm is not None and self.packaging_height_cm is not None
            return self.packaging_length_cm * self.packaging_width_cm * self.packaging_height_cm
        return self.length_cm * self.width_cm * self.height_cm


@dataclass(frozen=True)
class ParcelWeight:
    actual_kg: Decimal
    volumetric_kg: Decimal

    @property
    def chargeable_kg(self) -> Decimal:
        return max(self.actual_kg, self.volumetric_kg)


def parcel_weight(*, items: Iterable[ParcelItem]) -> ParcelWeight:
    """Sum actual weights (pieces and packaging) and volumetric weights over the items,
    rounded half-up to the gram."""
    actual = Decimal(0)
    volume = Decimal(0)
    for item in items:
        if item.quantity <= 0:
            raise DomainError("Quantity must be positive.", field="quantity")
        sizes = (item.weight_kg, item.length_cm, item.width_cm, item.height_cm)
        if any(value < 0 for value in sizes) or item.packaging_weight_kg < 0:
            raise DomainError("Weights and sizes must not be negative.", field="items")
        actual += (item.weight_kg + item.packaging_weight_kg) * item.quantity
        volume += item.outer_volume_cm3() * item.quantity
    return ParcelWeight(
        actual_kg=actual.quantize(GRAMS, rounding=ROUND_HALF_UP),
        volumetric_kg=(volume / VOLUMETRIC_DIVISOR_CM3_PER_KG).quantize(
            GRAMS, rounding=ROUND_HALF_UP
        ),
    )
