from decimal import Decimal as D

import pytest

from marketplace.core.errors import DomainError
from marketplace.packaging.parcels import ParcelItem, parcel_weight


def tray(**overrides):
    values = dict(
        quantity=1, weight_kg=D("1.200"), length_cm=D("40"), width_cm=D("40"), height_cm=D("6")
    )
    values.update(overrides)
    return ParcelItem(**values)


def test_volumetric_weight_is_length_width_height_over_5000():
    weight = parcel_weight(items=[tray()])
    assert weight.actual_kg == D("1.200")
    assert weight.volumetric_kg == D("1.920")  # 40 x 40 x 6 / 5000
    assert weight.chargeable_kg == D("1.920")


def test_packaging_adds_its_weight_and_replaces_the_outer_size():
    crate = tray(
        packaging_weight_kg=D("0.850"),
        packaging_length_cm=D("50"),
        packaging_width_cm=D("50"),
        packaging_height_cm=D("15"),
    )
    weight = parcel_weight(items=[crate])
    assert weight.actual_kg == D("2.050")
    assert weight.volumetric_kg == D("7.500")  # 50 x 50 x 15 / 5000
    assert weight.chargeable_kg == D("7.500")


def test_quantities_and_several_items_add_up():
    bracelet = ParcelItem(
        quantity=3, weight_kg=D("0.080"), length_cm=D("8"), width_cm=D("8"), height_cm=D("3")
    )
    weight = parcel_weight(items=[tray(), bracelet])
    assert weight.actual_kg == D("1.440")
    assert weight.volumetric_kg == D("2.035")  # (40x40x6 + 3 x 8x8x3) / 5000 = 2.0352
    assert weight.chargeable_kg == D("2.035")


def test_dense_pieces_are_charged_by_actual_weight():
    anvil = ParcelItem(
        quantity=1, weight_kg=D("9.000"), length_cm=D("20"), width_cm=D("10"), height_cm=D("10")
    )
    weight = parcel_weight(items=[anvil])
    assert weight.volumetric_kg == D("0.400")
    assert weight.chargeable_kg == D("9.000")


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (tray(quantity=0), "quantity"),
        (tray(weight_kg=D("-1")), "items"),
        (tray(packaging_weight_kg=D("-0.1")), "items"),
    ],
)
def test_bad_items_are_refused(item, field):
    with pytest.raises(DomainError) as error:
        parcel_weight(items=[item])
    assert error.value.field == field
