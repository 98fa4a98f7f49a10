"""One parcel per workshop; rates by weight bracket on the chargeable weight, packaging included."""

from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.catalog.models import ProductVariant
from marketplace.packaging.models import PackagingOption, PackagingOptionChannelListing
from marketplace.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingRate,
    ShippingZone,
)
from tests.factories import ClusterFactory, WorkshopFactory
from tests.helpers import to_global_id

pytestmark = pytest.mark.django_db

VIEW = """checkout { shippingPrice { gross { amount } } totalPrice { gross { amount } }
  shippingMethods { id name price { amount currency } minimumDeliveryDays }
  deliveryGroups { vendor { slug } weight { actual { value } volumetric { value } chargeable { value } }
                   shippingMethods { name price { amount } } selectedMethod { name } } }
errors { field code message }"""
SHIP_TO = (
    """mutation($id: ID) { checkoutShippingAddressUpdate(id: $id, shippingAddress: {streetAddress1: "12 rue des Arts",
  city: "Paris", postalCode: "75011", country: FR}) { """
    + VIEW
    + " } }"
)
CHOOSE = (
    "mutation($id: ID, $m: ID) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $m) { "
    + VIEW
    + " } }"
)
CHOOSE_GROUP = (
    "mutation($id: ID, $v: ID!, $m: ID!) { checkoutDeliveryGroupMethodUpdate(id: $id, vendorId: $v, deliveryMethodId: $m) { "
    + VIEW
    + " } }"
)


def method(
    vendor, name, channel, brackets, *, countries=("FR", "DE"), free_above=None, days=(3, 6)
):
    zone = ShippingZone.objects.create(
        vendor=vendor, name=f"{name} zone", countries=list(countries)
    )
    made = ShippingMethod.objects.create(
        zone=zone,
        name=name,
        carrier=name.split()[0],
        min_delivery_days=days[0],
        max_delivery_days=days[1],
    )
    listing = ShippingMethodChannelListing.objects.create(
        method=made, channel=channel, currency=channel.currency_code, free_above=free_above
    )
    for max_kg, price in brackets:
        ShippingRate.objects.create(listing=listing, max_weight_kg=max_kg, price=Decimal(price))
    return made


@pytest.fixture
def world(gql, catalog):
    rhumel = WorkshopFactory(slug="rhumel", cluster=catalog.cluster)
    fidda = WorkshopFactory(slug="fidda", cluster=ClusterFactory(slug="batna"))
    tray = catalog.product("Tray", prices={"international": "100.00"})
    lantern = catalog.product("Lantern", vendor=rhumel, prices={"international": "80.00"})
    bracelet = catalog.product("Bracelet", vendor=fidda, prices={"international": "60.00"})
    ProductVariant.objects.filter(product=tray).update(
        weight_kg=Decimal("1.200"), length_cm=40, width_cm=40, height_cm=6
    )
    ProductVariant.objects.filter(product=lantern).update(
        weight_kg=Decimal("1.800"), length_cm=20, width_cm=20, height_cm=40
    )
    ProductVariant.objects.filter(product=bracelet).update(
        weight_kg=Decimal("0.080"), length_cm=8, width_cm=8, height_cm=3
    )
    crate = PackagingOption.objects.create(
        vendor=catalog.cluster,
        name="Export crate",
        kind="export_protective",
        added_weight_kg=Decimal("2.000"),
        length_cm=60,
        width_cm=60,
        height_cm=25,
    )
    PackagingOptionChannelListing.objects.create(
        option=crate, channel=catalog.eur, currency="EUR", price_amount=Decimal("28")
    )
    colissimo = method(
        catalog.cluster,
        "Colissimo International",
        catalog.eur,
        [("2.000", "15.00"), ("10.000", "35.00"), (None, "60.00")],
    )
    dhl = method(
        fidda, "DHL Express", catalog.eur, [("1.000", "25.00"), (None, "80.00")], days=(1, 3)
    )
    return {
        "tray": tray,
        "lantern": lantern,
        "bracelet": bracelet,
        "crate": crate,
        "colissimo": colissimo,
        "dhl": dhl,
        "fidda": fidda,
        "rhumel": rhumel,
    }


def basket(gql, *lines):
    payload = [
        {"variantId": to_global_id("ProductVariant", p.variants.get().pk), "quantity": 1, **extra}
        for p, extra in lines
    ]
    result = gql.data(
        'mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "international", lines: $l}) { checkout { id } errors { code } } }',
        {"l": payload},
    )
    assert result["checkoutCreate"]["errors"] == []
    return result["checkoutCreate"]["checkout"]["id"]


def test_a_cluster_method_serves_both_member_parcels(gql, world):
    checkout_id = basket(gql, (world["tray"], {}), (world["lantern"], {}))
    view = gql.data(SHIP_TO, {"id": checkout_id})["checkoutShippingAddressUpdate"]["checkout"]
    groups = {g["vendor"]["slug"]: g for g in view["deliveryGroups"]}
    # tray 1.2 kg actual, 40x40x6/5000 = 1.92 kg volumetric; lantern 1.8 actual, 20x20x40/5000 = 3.2
    assert groups["souika"]["weight"] == {
        "actual": {"value": 1.2},
        "volumetric": {"value": 1.92},
        "chargeable": {"value": 1.92},
    }
    assert groups["rhumel"]["weight"]["chargeable"] == {"value": 3.2}
    assert [(m["name"], m["price"]["amount"]) for m in groups["souika"]["shippingMethods"]] == [
        ("Colissimo International", 15.0)
    ]
    assert [(m["name"], m["price"]["amount"]) for m in groups["rhumel"]["shippingMethods"]] == [
        ("Colissimo International", 35.0)
    ]
    assert [(m["name"], m["price"]) for m in view["shippingMethods"]] == [
        ("Colissimo International", {"amount": 50.0, "currency": "EUR"})
    ]

    chosen = gql.data(CHOOSE, {"id": checkout_id, "m": view["shippingMethods"][0]["id"]})[
        "checkoutDeliveryMethodUpdate"
    ]
    assert chosen["errors"] == []
    assert chosen["checkout"]["shippingPrice"]["gross"]["amount"] == 50.0
    assert chosen["checkout"]["totalPrice"]["gross"]["amount"] == 230.0  # 100 + 80 + 50
    method = gql.data(
        "query($id: ID) { checkout(id: $id) { deliveryMethod { ... on ShippingMethod { name price { amount } } } } }",
        {"id": checkout_id},
    )["checkout"]["deliveryMethod"]
    assert method == {"name": "Colissimo International", "price": {"amount": 50.0}}


def test_packaging_counts_in_the_parcel_weight(gql, world):
    crate = to_global_id("PackagingOption", world["crate"].pk)
    checkout_id = basket(gql, (world["tray"], {"packagingOptionId": crate}))
    view = gql.data(SHIP_TO, {"id": checkout_id})["checkoutShippingAddressUpdate"]["checkout"]
    weight = view["deliveryGroups"][0]["weight"]
    assert weight["actual"] == {"value": 3.2}  # 1.2 kg tray + 2 kg crate
    assert weight["volumetric"] == {"value": 18.0}  # 60 x 60 x 25 / 5000
    assert view["deliveryGroups"][0]["shippingMethods"][0]["price"] == {"amount": 60.0}


def test_parcels_of_different_clusters_each_choose_their_method(gql, world):
    checkout_id = basket(gql, (world["tray"], {}), (world["bracelet"], {}))
    view = gql.data(SHIP_TO, {"id": checkout_id})["checkoutShippingAddressUpdate"]["checkout"]
    assert view["shippingMethods"] == []  # no single method serves both parcels
    colissimo = to_global_id("ShippingMethod", world["colissimo"].pk)
    refused = gql.data(CHOOSE, {"id": checkout_id, "m": colissimo})["checkoutDeliveryMethodUpdate"]
    assert refused["errors"][0]["code"] == "DELIVERY_METHOD_NOT_APPLICABLE"
    gql.data(
        CHOOSE_GROUP,
        {"id": checkout_id, "v": to_global_id("Vendor", world["tray"].vendor_id), "m": colissimo},
    )
    done = gql.data(
        CHOOSE_GROUP,
        {
            "id": checkout_id,
            "v": to_global_id("Vendor", world["fidda"].pk),
            "m": to_global_id("ShippingMethod", world["dhl"].pk),
        },
    )["checkoutDeliveryGroupMethodUpdate"]
    assert done["errors"] == []
    assert {
        g["vendor"]["slug"]: g["selectedMethod"]["name"] for g in done["checkout"]["deliveryGroups"]
    } == {"souika": "Colissimo International", "fidda": "DHL Express"}
    assert done["checkout"]["shippingPrice"]["gross"]["amount"] == 40.0  # 15 + 25
    no_single = gql.data(
        "query($id: ID) { checkout(id: $id) { deliveryMethod { __typename } } }",
        {"id": checkout_id},
    )
    assert no_single["checkout"]["deliveryMethod"] is None  # two methods: none is "the" method
    wrong = gql.data(
        CHOOSE_GROUP,
        {"id": checkout_id, "v": to_global_id("Vendor", world["fidda"].pk), "m": colissimo},
    )
    assert (
        wrong["checkoutDeliveryGroupMethodUpdate"]["errors"][0]["code"]
        == "DELIVERY_METHOD_NOT_APPLICABLE"
    )


def test_free_shipping_above_the_threshold(gql, world, catalog):
    ShippingMethodChannelListing.objects.filter(method=world["colissimo"]).update(
        free_above=Decimal("90")
    )
    checkout_id = basket(gql, (world["tray"], {}))
    view = gql.data(SHIP_TO, {"id": checkout_id})["checkoutShippingAddressUpdate"]["checkout"]
    assert view["shippingMethods"][0]["price"]["amount"] == 0.0


def test_no_methods_before_an_address_or_outside_the_zones(gql, world, catalog):
    checkout_id = basket(gql, (world["tray"], {}))
    colissimo = to_global_id("ShippingMethod", world["colissimo"].pk)
    early = gql.data(CHOOSE, {"id": checkout_id, "m": colissimo})["checkoutDeliveryMethodUpdate"]
    assert early["errors"][0]["code"] == "SHIPPING_ADDRESS_NOT_SET"
    ShippingZone.objects.update(countries=["DE"])
    view = gql.data(SHIP_TO, {"id": checkout_id})["checkoutShippingAddressUpdate"]["checkout"]
    assert view["shippingMethods"] == [] and view["deliveryGroups"][0]["shippingMethods"] == []
