"""Issue 11: what the cluster's manager does on the packaging, shipping and fee pages, and
what bad input gets: the field named, in the page's words, and nothing half-saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.packaging.models import PackagingOption
from marketplace.payouts.models import ClusterFeeRateChange, PayoutAccount
from marketplace.shipping.models import ShippingMethod, ShippingZone

from .cluster_settings_world import settings_of, settings_rows
from .vendor_world import VendorWorld

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/cluster/constantine/"
BOX = {
    "name": "Gift box",
    "kind": "gift",
    "description": "Kraft box with the cluster's seal",
    "material": "Kraft",
    "recyclable": "on",
    "length_cm": "32.5",
    "width_cm": "24",
    "height_cm": "12",
    "added_weight_kg": "0.350",
    "extra_lead_days": "1",
    "price_international": "6.50",
    "price_tunisia": "12.345",
}


def _post(vw: VendorWorld, path: str, data: dict[str, Any], actor: str = "manager_a") -> Any:
    return vw.client(actor).post(BASE + path, data)


def _errors(response: Any) -> dict[str, str]:
    form = response.context["form"]
    return {name or "__all__": " ".join(errs) for name, errs in form.errors.items()}


def test_a_packaging_option_is_created_with_exact_prices_per_market(vw: VendorWorld) -> None:
    data = {**BOX, "products": [vw.product_a.pk], "tr_fr_name": "Boîte cadeau"}
    response = _post(vw, "packaging/new/", data)
    assert response.status_code == 302
    option = PackagingOption.objects.get(vendor=vw.cluster_a)
    assert (option.name, option.kind, option.recyclable) == ("Gift box", "gift", True)
    assert option.length_cm == Decimal("32.5") and option.added_weight_kg == Decimal("0.350")
    prices = {row.currency: row.price_amount for row in option.channel_listings.all()}
    assert prices == {"EUR": Decimal("6.50"), "TND": Decimal("12.345")}
    assert [p.pk for p in option.products.all()] == [vw.product_a.pk]
    assert option.translations.get(language_code="fr").name == "Boîte cadeau"
    listing = vw.client("manager_a").get(BASE + "packaging/")
    html = listing.content.decode()
    assert "Gift box" in html and "12.345" in html


def test_editing_drops_a_market_left_empty_and_retiring_keeps_the_option(
    vw: VendorWorld,
) -> None:
    s = settings_of(vw, vw.cluster_a)
    data = {**BOX, "name": "Renamed box", "price_tunisia": "", "price_international": "7.00"}
    assert _post(vw, f"packaging/{s.option.pk}/", data).status_code == 302
    s.option.refresh_from_db()
    assert s.option.name == "Renamed box"
    assert [(r.currency, r.price_amount) for r in s.option.channel_listings.all()] == [
        ("EUR", Decimal("7.00"))
    ]
    assert _post(vw, f"packaging/{s.option.pk}/retire/", {"retired": "1"}).status_code == 302
    s.option.refresh_from_db()
    assert s.option.is_active is False
    page = vw.client("manager_a").get(BASE + "packaging/").content.decode()
    assert 'id="packaging-retired"' in page and 'data-action="restore"' in page
    _post(vw, f"packaging/{s.option.pk}/retire/", {"retired": "0"})
    s.option.refresh_from_db()
    assert s.option.is_active is True


@pytest.mark.parametrize(
    "change, field",
    [
        ({"price_international": "6.505"}, "price_international"),  # EUR has 2 decimals
        ({"price_tunisia": "1.2345"}, "price_tunisia"),  # TND has 3
        ({"price_international": "-1"}, "price_international"),
        ({"price_international": "", "price_tunisia": ""}, "__all__"),
        ({"length_cm": "0"}, "length_cm"),
        ({"height_cm": "abc"}, "height_cm"),
        ({"name": ""}, "name"),
        ({"name": "x" * 129}, "name"),
        ({"kind": "crate"}, "kind"),
        ({"added_weight_kg": "-0.1"}, "added_weight_kg"),
        ({"tr_ar_description": "علبة", "tr_ar_name": ""}, "tr_ar_name"),
    ],
)
def test_bad_packaging_input_names_the_field_and_saves_nothing(
    vw: VendorWorld, change: dict[str, str], field: str
) -> None:
    before = settings_rows()
    response = _post(vw, "packaging/new/", {**BOX, **change})
    assert response.status_code == 400
    assert field in _errors(response), _errors(response)
    assert f'data-field="{field}"'.encode() in response.content
    assert settings_rows() == before


def test_packaging_cannot_name_a_piece_of_another_cluster(vw: VendorWorld) -> None:
    foreign = vw.catalog.product("Silver ring", vendor=vw.workshop_b)
    before = settings_rows()
    response = _post(vw, "packaging/new/", {**BOX, "products": [foreign.pk]})
    assert response.status_code == 400 and "products" in _errors(response)
    assert settings_rows() == before


def test_a_zone_and_a_method_with_weight_brackets_in_two_markets(vw: VendorWorld) -> None:
    assert (
        _post(vw, "shipping/zones/new/", {"name": "Europe", "countries": ["FR", "DE", "IT"]})
    ).status_code == 302
    zone = ShippingZone.objects.get(vendor=vw.cluster_a)
    assert [c.code for c in zone.countries] == ["DE", "FR", "IT"]
    data = {
        "zone": zone.pk,
        "name": "Tracked parcel",
        "carrier": "Post",
        "min_delivery_days": "8",
        "max_delivery_days": "15",
        "is_active": "on",
        "kg_international_0": "10",
        "price_international_0": "42.00",
        "kg_international_1": "2",
        "price_international_1": "18.00",
        "price_international_2": "75.00",  # no weight: any weight
        "free_international": "400.00",
        "price_tunisia_0": "30.500",
    }
    assert _post(vw, "shipping/methods/new/", data).status_code == 302
    method = ShippingMethod.objects.get(zone=zone)
    assert (method.min_delivery_days, method.max_delivery_days) == (8, 15)
    eur = method.channel_listings.get(currency="EUR")
    assert eur.free_above == Decimal("400.00")
    assert [(r.max_weight_kg, r.price) for r in eur.rates.order_by("max_weight_kg")] == [
        (Decimal("2.000"), Decimal("18.00")),
        (Decimal("10.000"), Decimal("42.00")),
        (None, Decimal("75.00")),
    ]
    tnd = method.channel_listings.get(currency="TND")
    assert [(r.max_weight_kg, r.price) for r in tnd.rates.all()] == [(None, Decimal("30.500"))]
    page = vw.client("manager_a").get(BASE + "shipping/").content.decode()
    assert "Tracked parcel" in page and "30.500" in page

    # the edit form shows the brackets, sorted; removing the Tunisian price drops that market
    edit = vw.client("manager_a").get(BASE + f"shipping/methods/{method.pk}/")
    assert edit.context["form"].initial["kg_international_0"] == "2"
    data.pop("price_tunisia_0")
    assert _post(vw, f"shipping/methods/{method.pk}/", data).status_code == 302
    assert list(method.channel_listings.values_list("currency", flat=True)) == ["EUR"]


METHOD = {"name": "Courier", "price_international_0": "30.00"}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"kg_international_0": "2", "price_international_0": ""}, "price_international_0"),
        ({"price_international_0": "30.005"}, "price_international_0"),
        ({"price_tunisia_0": "3.0001"}, "price_tunisia_0"),
        ({"price_international_1": "40.00"}, "kg_international_1"),  # a second open bracket
        (
            {"kg_international_0": "2", "kg_international_1": "2", "price_international_1": "9"},
            "kg_international_1",
        ),
        ({"kg_international_0": "-1"}, "kg_international_0"),
        ({"free_tunisia": "100.000"}, "free_tunisia"),  # free in a market without a price
        ({"min_delivery_days": "9", "max_delivery_days": "3"}, "max_delivery_days"),
        ({"max_delivery_days": "1000"}, "max_delivery_days"),
        ({"name": ""}, "name"),
        ({"zone": "999999"}, "zone"),
    ],
)
def test_bad_method_input_names_the_field_and_saves_nothing(
    vw: VendorWorld, change: dict[str, str], field: str
) -> None:
    s = settings_of(vw, vw.cluster_a)
    before = settings_rows()
    response = _post(vw, "shipping/methods/new/", {"zone": s.zone.pk, **METHOD, **change})
    assert response.status_code == 400
    assert field in _errors(response), _errors(response)
    assert settings_rows() == before
    # the same on an edit: the method and its rate table stay as they were
    response = _post(
        vw, f"shipping/methods/{s.method.pk}/", {"zone": s.zone.pk, **METHOD, **change}
    )
    assert response.status_code == 400
    assert settings_rows() == before


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "Europe", "countries": []}, "countries"),
        ({"name": "Europe", "countries": ["XX"]}, "countries"),
        ({"name": "", "countries": ["FR"]}, "name"),
    ],
)
def test_bad_zone_input_names_the_field(vw: VendorWorld, data: dict[str, Any], field: str) -> None:
    before = settings_rows()
    response = _post(vw, "shipping/zones/new/", data)
    assert response.status_code == 400 and field in _errors(response)
    assert settings_rows() == before


def test_deleting_a_method_then_its_zone(vw: VendorWorld) -> None:
    s = settings_of(vw, vw.cluster_a)
    assert _post(vw, f"shipping/methods/{s.method.pk}/delete/", {}).status_code == 302
    assert not ShippingMethod.objects.filter(pk=s.method.pk).exists()
    assert _post(vw, f"shipping/zones/{s.zone.pk}/delete/", {}).status_code == 302
    assert not ShippingZone.objects.filter(pk=s.zone.pk).exists()
    assert vw.client("manager_a").get(BASE + "shipping/methods/new/").status_code == 302


def test_the_fee_page_shows_what_a_member_keeps_of_a_hundred(vw: VendorWorld) -> None:
    response = vw.client("manager_a").get(BASE + "fee/")
    html = response.content.decode()
    assert 'id="fee-default"' in html  # no rate chosen yet: the marketplace's 3 %
    assert "3.00 %" in html
    assert "€85.00" in html  # 100.00 - 12.00 commission - 3.00 fee

    assert _post(vw, "fee/", {"rate_percent": "4.5", "note": "Fair stand"}).status_code == 302
    assert PayoutAccount.objects.get(vendor=vw.cluster_a).cluster_fee_rate == Decimal("0.0450")
    change = ClusterFeeRateChange.objects.get()
    assert (change.previous_rate, change.new_rate) == (None, Decimal("0.0450"))
    assert change.changed_by == vw.users["manager_a"] and change.note == "Fair stand"
    html = vw.client("manager_a").get(BASE + "fee/").content.decode()
    assert "€83.50" in html and "4.50 %" in html and "manager-a@example.com" in html

    # staff may change it too; saving the same rate again records nothing
    assert _post(vw, "fee/", {"rate_percent": "5"}, actor="staff").status_code == 302
    assert _post(vw, "fee/", {"rate_percent": "5.00"}, actor="staff").status_code == 302
    rows = list(ClusterFeeRateChange.objects.order_by("pk"))
    assert [(r.previous_rate, r.new_rate) for r in rows][-1] == (
        Decimal("0.0450"),
        Decimal("0.0500"),
    )
    assert len(rows) == 2 and rows[-1].changed_by == vw.users["staff"]


@pytest.mark.parametrize("value", ["20.01", "-1", "2.555", "abc", ""])
def test_a_fee_out_of_bounds_is_refused_and_nothing_changes(vw: VendorWorld, value: str) -> None:
    before = settings_rows()
    response = _post(vw, "fee/", {"rate_percent": value})
    assert response.status_code == 400
    assert "rate_percent" in _errors(response)
    assert b'data-field="rate_percent"' in response.content
    assert settings_rows() == before


def test_the_lists_cost_the_same_queries_for_few_or_many(vw: VendorWorld) -> None:
    client = vw.client("manager_a")
    settings_of(vw, vw.cluster_a, label="1")

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(BASE + path).status_code == 200
        return len(queries)

    few = {path: count(path) for path in ("packaging/", "shipping/")}
    for n in range(2, 9):
        settings_of(vw, vw.cluster_a, label=str(n))
    assert {path: count(path) for path in few} == few
