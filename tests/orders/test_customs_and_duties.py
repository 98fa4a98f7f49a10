"""International parcels: customs data per line, CN22 or CN23 by declared value in SDR, a
duties estimate from the table by destination and HS chapter, charged only where the channel
ships duties-paid; and a plugin quoting live shipping rates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.channels.models import Channel
from marketplace.core.plugins import reset_plugin_manager
from marketplace.orders.models import Order, OrderLine
from marketplace.shipping.customs import customs_form, in_sdr
from marketplace.shipping.models import (
    DutyRate,
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
)
from tests.commerce import Shop, checkout_ready, complete, pay

pytestmark = pytest.mark.django_db

CUSTOMS = """query($id: ID) { checkout(id: $id) { totalPrice { gross { amount } } dutiesMode
  dutiesEstimate { amount } dutiesPrice { amount }
  deliveryGroups { vendor { slug } customs { form declaredValue { amount currency }
    dutiesEstimate { amount } lines { description hsCode originCountry quantity value { amount }
    weight { value } dutyRate } } } } }"""


@pytest.fixture
def shop(catalog):
    DutyRate.objects.create(destination="", hs_chapter="", rate=Decimal("0.0200"), note="default")
    DutyRate.objects.create(
        destination="FR", hs_chapter="74", rate=Decimal("0.0400"), note="copper into France"
    )
    DutyRate.objects.create(
        destination="", hs_chapter="71", rate=Decimal("0.0250"), note="jewellery"
    )
    shop = Shop(catalog)
    from marketplace.catalog.models import ProductType

    silver = ProductType.objects.create(
        name="Silver jewellery", slug="silver", hs_code="711311", weight_kg=Decimal("0.080")
    )
    shop.bracelet.product_type = silver
    shop.bracelet.save()
    return shop


def lines(shop, trays=1):
    return [
        {"variantId": shop.variant_id(shop.tray), "quantity": trays},
        {"variantId": shop.variant_id(shop.bracelet), "quantity": 1},
    ]


def test_each_parcel_abroad_carries_its_declaration_and_duty_estimate(gql, shop):
    checkout = gql.data(CUSTOMS, {"id": checkout_ready(gql, lines(shop))})["checkout"]
    assert checkout["dutiesMode"] == "DAP"
    parcels = {g["vendor"]["slug"]: g["customs"] for g in checkout["deliveryGroups"]}
    assert parcels["souika"] == {
        "form": "CN22",
        "declaredValue": {"amount": 100.0, "currency": "EUR"},
        "dutiesEstimate": {"amount": 4.0},
        "lines": [
            {
                "description": "Copperware",
                "hsCode": "741810",
                "originCountry": "DZ",
                "quantity": 1,
                "value": {"amount": 100.0},
                "weight": {"value": 1.5},
                "dutyRate": "0.0400",
            }
        ],
    }
    assert parcels["fidda"]["lines"][0]["hsCode"] == "711311"
    assert parcels["fidda"]["dutiesEstimate"] == {"amount": 1.5}  # 2.5 % of 60
    assert checkout["dutiesEstimate"] == {"amount": 5.5}
    assert checkout["dutiesPrice"] == {"amount": 0.0}  # DAP: paid at the door, not here
    assert checkout["totalPrice"]["gross"]["amount"] == 200.0


def test_above_300_sdr_the_parcel_needs_a_cn23(gql, shop):
    checkout = gql.data(CUSTOMS, {"id": checkout_ready(gql, lines(shop, trays=4))})["checkout"]
    parcels = {g["vendor"]["slug"]: g["customs"]["form"] for g in checkout["deliveryGroups"]}
    assert parcels == {"souika": "CN23", "fidda": "CN22"}  # 400 EUR is about 342 SDR
    assert customs_form(declared_value=Decimal("351.00"), currency="EUR") == "CN22"
    assert customs_form(declared_value=Decimal("351.01"), currency="EUR") == "CN23"
    assert in_sdr(Decimal("1197"), "TND") == Decimal("300")


def test_duties_paid_channels_charge_the_estimate_and_keep_it_on_the_order(gql, shop):
    Channel.objects.filter(slug="international").update(duties_mode="DDP")
    checkout_id = checkout_ready(gql, lines(shop))
    checkout = gql.data(CUSTOMS, {"id": checkout_id})["checkout"]
    assert checkout["dutiesMode"] == "DDP"
    assert checkout["dutiesPrice"] == {"amount": 5.5}
    assert checkout["totalPrice"]["gross"]["amount"] == 205.5
    pay(gql, checkout_id)
    assert complete(gql, checkout_id)["errors"] == []
    order = Order.objects.get()
    assert (order.duties_mode, order.duties_total, order.total) == (
        "DDP",
        Decimal("5.500"),
        Decimal("205.500"),
    )
    assert {vo.vendor.slug: vo.duties for vo in order.vendor_orders.all()} == {
        "souika": Decimal("4.000"),
        "fidda": Decimal("1.500"),
    }
    tray = OrderLine.objects.get(product_name="Tray")
    assert (tray.hs_code, tray.origin_country, tray.customs_description) == (
        "741810",
        "DZ",
        "Copperware",
    )


def test_a_domestic_parcel_has_no_customs(gql, shop, catalog):
    Channel.objects.filter(slug="international").update(countries=["FR", "DE", "DZ"])
    algiers = {
        "firstName": "Nadia",
        "lastName": "Benali",
        "streetAddress1": "3 rue Didouche Mourad",
        "city": "Alger",
        "postalCode": "16000",
        "country": "DZ",
    }
    checkout = gql.data(CUSTOMS, {"id": checkout_ready(gql, lines(shop), address=algiers)})[
        "checkout"
    ]
    assert [g["customs"] for g in checkout["deliveryGroups"]] == [None, None]
    assert checkout["dutiesEstimate"] == {"amount": 0.0}


def test_tunisian_dinar_orders_keep_three_decimals(gql, shop):
    tunis = {
        "firstName": "Amine",
        "lastName": "Ben Salah",
        "streetAddress1": "5 rue de Marseille",
        "city": "Tunis",
        "postalCode": "1001",
        "country": "TN",
    }
    checkout_id = checkout_ready(gql, lines(shop), channel="tunisia", address=tunis)
    paid = pay(gql, checkout_id)
    assert paid["transaction"]["chargedAmount"] == {"amount": 583.5, "currency": "TND"}
    order = complete(gql, checkout_id)["order"]
    assert order["total"]["gross"] == {"amount": 583.5, "currency": "TND"}  # 330 + 198.5 + 30 + 25
    assert Order.objects.get().total == Decimal("583.500")


def test_a_plugin_quotes_live_rates_for_the_methods_it_rates(gql, shop, catalog, settings):
    settings.PLUGINS = [
        "plugins.demo_payments.plugin.DemoPaymentsPlugin",
        "plugins.weight_courier.plugin.WeightCourierPlugin",
    ]
    reset_plugin_manager()
    zone = ShippingZone.objects.create(vendor=catalog.cluster, name="Courier", countries=["FR"])
    courier = ShippingMethod.objects.create(
        zone=zone, name="Courier by weight", rated_by="weight_courier"
    )
    ShippingMethodChannelListing.objects.create(method=courier, channel=catalog.eur, currency="EUR")
    query = """query($id: ID) { checkout(id: $id) { deliveryGroups { vendor { slug }
      weight { chargeable { value } } shippingMethods { name price { amount } } } } }"""
    groups = gql.data(query, {"id": checkout_ready(gql, lines(shop, trays=2))})["checkout"][
        "deliveryGroups"
    ]
    souika = next(g for g in groups if g["vendor"]["slug"] == "souika")
    assert souika["weight"]["chargeable"]["value"] == 3.0
    assert {m["name"]: m["price"]["amount"] for m in souika["shippingMethods"]} == {
        "Colissimo International": 15.0,
        "Courier by weight": 22.5,  # 9.00 + 3 kg at 4.50
    }
    settings.PLUGINS = ["plugins.demo_payments.plugin.DemoPaymentsPlugin"]
    reset_plugin_manager()
    groups = gql.data(query, {"id": checkout_ready(gql, lines(shop))})["checkout"]["deliveryGroups"]
    souika = next(g for g in groups if g["vendor"]["slug"] == "souika")
    assert [m["name"] for m in souika["shippingMethods"]] == ["Colissimo International"]
    reset_plugin_manager()
