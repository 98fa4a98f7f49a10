"""The services behind the cluster's settings pages, called as the API and the CLI would:
each scopes its object to the actor (foreign = missing) and writes all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.core.errors import DomainError, NotFound, PermissionDenied
from marketplace.packaging.models import PackagingOption
from marketplace.packaging.services import PackagingInput, packaging_option_create
from marketplace.payouts.fees import cluster_fee_rate_set, rate_validate
from marketplace.shipping.services import (
    ChannelRatesInput,
    MethodInput,
    RateInput,
    ZoneInput,
    shipping_method_update,
    shipping_zone_create,
    shipping_zone_delete,
)

from .cluster_settings_world import settings_of, settings_rows
from .vendor_world import VendorWorld

pytestmark = pytest.mark.django_db


def test_a_workshop_ships_by_its_own_zones_and_never_touches_the_clusters(
    vw: VendorWorld,
) -> None:
    zone = shipping_zone_create(
        actor=vw.users["owner_a"],
        vendor_id=vw.workshop_a.pk,
        data=ZoneInput(name="Home", countries=["dz"]),
    )
    assert [c.code for c in zone.countries] == ["DZ"]
    s = settings_of(vw, vw.cluster_a)
    before = settings_rows()
    for actor in ("owner_a", "owner_b", "manager_other", "buyer"):
        with pytest.raises(NotFound):
            shipping_zone_delete(actor=vw.users[actor], zone_id=s.zone.pk)
    with pytest.raises(PermissionDenied):
        shipping_zone_delete(actor=None, zone_id=s.zone.pk)
    assert settings_rows() == before


def test_a_method_cannot_move_into_another_vendors_zone(vw: VendorWorld) -> None:
    mine, theirs = settings_of(vw, vw.cluster_a), settings_of(vw, vw.cluster_b, label="B")
    before = settings_rows()
    with pytest.raises(NotFound):
        shipping_method_update(
            actor=vw.users["manager_a"],
            method_id=mine.method.pk,
            data=MethodInput(name="Moved"),
            zone_id=theirs.zone.pk,
        )
    assert settings_rows() == before


@pytest.mark.parametrize(
    "rates, code",
    [
        ([RateInput(None, Decimal("1.005"))], "PRECISION"),
        ([RateInput(None, Decimal("1")), RateInput(None, Decimal("2"))], "UNIQUE"),
        ([RateInput(Decimal("0"), Decimal("1"))], "INVALID"),
        ([], "REQUIRED"),
    ],
)
def test_a_bad_rate_table_leaves_the_method_as_it_was(
    vw: VendorWorld, rates: list[RateInput], code: str
) -> None:
    s = settings_of(vw, vw.cluster_a)
    before = settings_rows()
    with pytest.raises(DomainError) as error:
        shipping_method_update(
            actor=vw.users["manager_a"],
            method_id=s.method.pk,
            data=MethodInput(
                name="Renamed", listings={"international": ChannelRatesInput(rates=rates)}
            ),
        )
    assert error.value.code == code and error.value.field == "rates:international"
    assert settings_rows() == before


def test_packaging_prices_are_exact_in_each_currency(vw: VendorWorld) -> None:
    data = PackagingInput(
        name="Box",
        kind="gift",
        length_cm=Decimal("10"),
        width_cm=Decimal("10"),
        height_cm=Decimal("10"),
        prices={"tunisia": Decimal("9.999"), "international": Decimal("4.005")},
    )
    with pytest.raises(DomainError) as error:
        packaging_option_create(actor=vw.users["manager_a"], vendor_id=vw.cluster_a.pk, data=data)
    assert (error.value.field, error.value.code) == ("prices", "PRECISION")
    assert not PackagingOption.objects.exists()


def test_the_fee_has_bounds_and_only_managers_or_staff_set_it(vw: VendorWorld) -> None:
    for bad in (Decimal("-0.01"), Decimal("0.2001"), Decimal("0.03255"), Decimal("NaN")):
        with pytest.raises(DomainError):
            rate_validate(bad)
    assert rate_validate(Decimal("0.2")) == Decimal("0.2000")
    before = settings_rows()
    for actor in ("owner_a", "manager_other", "buyer"):
        with pytest.raises(NotFound):
            cluster_fee_rate_set(
                actor=vw.users[actor], cluster_id=vw.cluster_a.pk, rate=Decimal("0.05")
            )
    with pytest.raises(NotFound):  # a workshop has no cluster fee
        cluster_fee_rate_set(
            actor=vw.users["staff"], cluster_id=vw.workshop_a.pk, rate=Decimal("0.05")
        )
    assert settings_rows() == before
